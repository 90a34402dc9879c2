import {Args, Flags} from '@oclif/core'
import {KafkaCommand} from '../../cli/base-command.js'
import {KfkError, usageError} from '../../cli/errors.js'
import {renderTable} from '../../output/table.js'
import {RESET_HEAD, resetRows} from '../../output/views/groups.js'
import {confirmDestructive} from '../../cli/prompts.js'
import {resetSpec} from '../../core/groups/reset.js'
import {executeStreamsReset, planStreamsReset} from '../../core/groups/streams-reset.js'
import type {PlanRow} from '../../core/groups/reset-plan.js'
import type {ItemResult} from '../../core/topics/changes.js'
import {hasResetScenario, resetScenarioFlags} from '../../flags/groups/reset-offsets.js'
import {commaList} from '../../flags/shared.js'

export interface StreamsResetResult {
  applicationId: string
  dryRun: boolean
  executed: boolean
  inputTopics: string[]
  intermediateTopics: string[]
  partitions: PlanRow[]
  internalTopics: Array<{topic: string; deleted: boolean; error: string | null}>
}

const topicList = (description: string) => Flags.string({multiple: true, helpValue: 'T[,T]', description})

export default class StreamsReset extends KafkaCommand<typeof StreamsReset> {
  static override summary = 'Reset a stopped Kafka Streams application so it reprocesses its input (kafka-streams-application-reset).'
  static override description =
    "Input topics' committed offsets go to the log start (or --to-*), intermediate topics to their end, and the application's " +
    'internal topics (repartition, changelog) are deleted so its state starts empty. A dry run unless --execute; refused while ' +
    'the application has live members. Input topics default to those of its topology (streams groups) or of its committed offsets.'
  static override examples = [
    '<%= config.bin %> streams reset wordcount',
    '<%= config.bin %> streams reset wordcount --input-topics lines --to-datetime 2026-12-01T00:00:00 --execute',
  ]
  static override args = {applicationId: Args.string({description: 'The application.id (its group id).'})}
  static override flags = {
    'application-id': Flags.string({helpValue: 'ID', description: 'The application.id (kafka-streams-application-reset spelling).'}),
    'input-topics': topicList('Input topics to reset (comma-separated or repeated).'),
    'intermediate-topics': topicList('Topics the application writes and reads back: set to their end.'),
    'internal-topics': topicList('Only these internal topics are deleted (default: all of the application).'),
    ...resetScenarioFlags('exclusive'),
    'dry-run': Flags.boolean({exclusive: ['execute'], description: 'Only show the plan (the default).'}),
    execute: Flags.boolean({exclusive: ['dry-run'], description: 'Commit the offsets and delete the internal topics.'}),
    yes: Flags.boolean({char: 'y', description: 'Do not ask for confirmation on a terminal.'}),
  }

  async run(): Promise<StreamsResetResult> {
    const f = this.flags
    if (this.args.applicationId && f['application-id'] && this.args.applicationId !== f['application-id'])
      throw usageError('give the application id once (argument or --application-id)', 'See: kfk streams reset --help')
    const applicationId = this.args.applicationId ?? f['application-id']
    if (!applicationId) throw usageError('no application id given', 'Name it: kfk streams reset APPLICATION_ID')
    const spec = await resetSpec({...f, 'to-earliest': !hasResetScenario(f) || f['to-earliest']}, applicationId)
    const client = await this.client()
    const plan = await planStreamsReset(client, applicationId, spec, {
      inputTopics: commaList(f['input-topics']),
      intermediateTopics: commaList(f['intermediate-topics']),
      internalTopics: commaList(f['internal-topics']),
    })
    if (!plan.group) this.note(`no group '${applicationId}' on this cluster (the application never committed)`)
    for (const r of plan.partitions) if (r.note) this.note(`note: ${r.topic}:${r.partition}: ${r.note}`)
    if (plan.partitions.length > 0) this.out(renderTable(RESET_HEAD, resetRows(applicationId, plan.partitions)))
    else this.note('no input topics to reset (name them with --input-topics)')
    this.note(
      plan.internalTopics.length > 0
        ? `internal topics to delete: ${plan.internalTopics.join(', ')}`
        : `no internal topics of '${applicationId}' to delete`,
    )
    const result: StreamsResetResult = {
      applicationId,
      dryRun: !f.execute,
      executed: false,
      inputTopics: plan.inputTopics,
      intermediateTopics: plan.intermediateTopics,
      partitions: plan.partitions,
      internalTopics: plan.internalTopics.map((topic) => ({topic, deleted: false, error: null})),
    }
    if (!f.execute) {
      const members = plan.group?.members.length ?? 0
      if (members > 0) this.warnLine(`application '${applicationId}' has ${members} live member(s); --execute is refused until it stops`)
      this.note('dry run: nothing was changed (add --execute to apply)')
      return result
    }
    const what = `reset ${plan.partitions.length} offset(s) and delete ${plan.internalTopics.length} internal topic(s) of '${applicationId}'`
    const deleted = await executeStreamsReset(client, plan, () => confirmDestructive(what, {yes: f.yes, json: this.jsonEnabled()}))
    result.executed = true
    result.internalTopics = deleted.map((d: ItemResult) => ({topic: d.topic, deleted: d.ok, error: d.error}))
    const failed = deleted.filter((d) => !d.ok)
    this.note(`committed ${plan.partitions.length} offset(s); deleted ${deleted.length - failed.length} internal topic(s)`)
    if (failed.length > 0) {
      if (this.jsonEnabled()) this.logJson(result)
      throw new KfkError(`${failed.length} internal topic(s) were not deleted: ${failed.map((d) => `${d.topic} (${d.error})`).join(', ')}`)
    }
    return result
  }
}
