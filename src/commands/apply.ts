import {Flags} from '@oclif/core'
import {confirmDestructive} from '../cli/prompts.js'
import {KafkaCommand} from '../cli/base-command.js'
import {KfkError} from '../cli/errors.js'
import {readFileFlag} from '../flags/shared.js'
import {stepResultLine} from '../output/views/topics.js'
import {describeStep, type Plan, planApply} from '../core/topics/apply-plan.js'
import {checkPlan, executePlan, readActualTopics, type StepResult} from '../core/topics/apply.js'
import {parseTopicsFile} from '../core/topics/file.js'

export interface ApplyResult {
  plan: Plan
  applied: boolean
  results: StepResult[]
}

export default class Apply extends KafkaCommand<typeof Apply> {
  static override summary = 'Make the cluster match a topics file (from kfk topics export): prints a plan, asks on a terminal, applies.'
  static override description =
    'Creates missing topics, adds partitions and sets/unsets topic configs. Reducing partitions or changing the replication factor is refused. ' +
    'Topics not in the file are left alone unless --delete-missing. A second run plans nothing.'
  static override examples = [
    '<%= config.bin %> apply -f topics.yaml --dry-run',
    '<%= config.bin %> apply -f topics.yaml --yes',
    'kfk topics export -b prod:9092 | kfk apply -f - -b staging:9092 --yes',
  ]
  static override flags = {
    file: Flags.string({char: 'f', required: true, helpValue: 'FILE', description: "The topics file (YAML); '-' reads stdin."}),
    'dry-run': Flags.boolean({description: 'Print the plan and change nothing.'}),
    yes: Flags.boolean({char: 'y', description: 'Apply without asking.'}),
    'delete-missing': Flags.boolean({
      description: 'Also delete topics that are on the cluster but not in the file (asks, or needs --yes).',
    }),
  }

  async run(): Promise<ApplyResult> {
    const f = this.flags
    const text = await readFileFlag(f.file)
    const desired = parseTopicsFile(text, f.file === '-' ? '<stdin>' : f.file)
    const client = await this.client()
    const actual = await readActualTopics(client, {names: f['delete-missing'] ? undefined : desired.map((d) => d.name)})
    const plan = planApply(desired, actual, {deleteMissing: f['delete-missing']})
    for (const step of plan.steps) this.out(describeStep(step))
    if (plan.refused) {
      if (this.jsonEnabled()) this.logJson({plan, applied: false, results: []})
      const refused = plan.steps.filter((s) => s.action === 'refused').map((s) => s.topic)
      throw new KfkError(`refusing to apply: ${refused.join(', ')} cannot be changed that way; nothing was changed`, {
        hint: 'Edit the file to match those topics, or recreate them by hand.',
      })
    }
    await checkPlan(client, plan, desired)
    if (plan.empty) {
      this.note('nothing to do: the cluster matches the file')
      return {plan, applied: false, results: []}
    }
    if (f['dry-run']) {
      this.note('dry run: nothing changed')
      return {plan, applied: false, results: []}
    }
    const deleting = plan.steps.some((s) => s.action === 'delete')
    await confirmDestructive(deleting ? 'apply this plan, including the deletions' : 'apply this plan', {
      yes: f.yes,
      json: this.jsonEnabled(),
    })
    const results = await executePlan(client, plan)
    for (const r of results) this.out(stepResultLine(r))
    this.failIfAny({plan, applied: true, results}, results, {what: 'changes', name: (r) => r.topic, error: (r) => (r.ok ? null : r.error)})
    return {plan, applied: true, results}
  }
}
