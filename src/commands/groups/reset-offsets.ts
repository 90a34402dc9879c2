import {Args} from '@oclif/core'
import {KafkaCommand} from '../../cli/base-command.js'
import {usageError} from '../../cli/errors.js'
import {renderTable} from '../../output/table.js'
import {RESET_HEAD, resetRows} from '../../output/views/groups.js'
import {canPrompt, confirmDestructive} from '../../cli/prompts.js'
import {parseTopicPartitions} from '../../core/partitions/topic-partitions.js'
import {toCsv, type PlanRow} from '../../core/groups/reset-plan.js'
import {describeGroups} from '../../core/groups/groups.js'
import {inputTopics} from '../../core/groups/streams-groups.js'
import {prepareReset} from '../../core/groups/offsets.js'
import {executeReset, resetSpec} from '../../core/groups/reset.js'
import {resetOffsetsFlags} from '../../flags/groups/reset-offsets.js'

export interface ResetResult {
  groupId: string
  dryRun: boolean
  executed: boolean
  partitions: PlanRow[]
}

export default class GroupsResetOffsets extends KafkaCommand<typeof GroupsResetOffsets> {
  static override summary = "Reset a consumer group's committed offsets: a dry run with a before/after lag table unless --execute."
  static override description =
    'Flag spellings of kafka-consumer-groups.sh --reset-offsets. Offsets outside [log start, log end] are clamped, with a note. ' +
    '--execute commits directly (the group is not joined) and is refused while the group has active members; on a terminal it asks first unless --yes ' +
    '(without one, --execute is the confirmation, as in kafka-consumer-groups). A group with no committed offsets can be pre-positioned.'
  static override examples = [
    '<%= config.bin %> groups reset-offsets my-group --topic orders --to-earliest',
    '<%= config.bin %> groups reset-offsets my-group --all-topics --to-datetime 2024-05-01T12:00:00.000 --execute',
    '<%= config.bin %> groups reset-offsets my-group --topic orders:0,1 --shift-by -100 --export > plan.csv',
    '<%= config.bin %> groups reset-offsets my-group --from-file plan.csv --execute --yes',
  ]
  static override args = {group: Args.string({description: 'The group whose offsets to reset.'})}
  static override flags = resetOffsetsFlags

  public override async init(): Promise<void> {
    // kafka-consumer-groups.sh users write `--shift-by -5`: keep the negative number as the value.
    const i = this.argv.indexOf('--shift-by')
    if (i >= 0 && /^-\d+$/.test(this.argv[i + 1] ?? '')) this.argv.splice(i, 2, `--shift-by=${this.argv[i + 1]}`)
    await super.init()
  }

  async run(): Promise<ResetResult> {
    const f = this.flags
    if (this.args.group && f.group && this.args.group !== f.group)
      throw usageError('give the group once (argument or --group)', 'See: kfk groups reset-offsets --help')
    const groupId = this.args.group ?? f.group
    if (!groupId) throw usageError('no group given', 'Name it: kfk groups reset-offsets GROUP ...')
    if (!f['from-file'] && !f.topic && !f['all-topics']) throw usageError('no reset scope given', 'Add --topic T[:P,P] or --all-topics.')
    const topics = f.topic?.map((t) => parseTopicPartitions(t))
    const spec = await resetSpec(f, groupId)
    const client = await this.client()
    const [group] = await describeGroups(client, [groupId])
    // A streams group's --all-input-topics: the topics its topology reads from outside (not its repartition topics).
    const streamsInputs = f['all-topics'] && group?.type === 'streams' ? inputTopics(group).map((topic) => ({topic})) : undefined
    const scope = streamsInputs ? {topics: streamsInputs} : f['all-topics'] ? {allTopics: true as const} : topics ? {topics} : undefined
    const share = group?.type === 'share'
    const rows = await prepareReset(client, groupId, spec, scope, {allowNewTopics: f['allow-new-topics'], share})
    for (const r of rows) if (r.note) this.note(`note: ${r.topic}:${r.partition}: ${r.note}`)
    const result: ResetResult = {groupId, dryRun: !f.execute, executed: false, partitions: rows}
    if (f.export) process.stdout.write(toCsv(groupId, rows))
    else this.out(renderTable(RESET_HEAD, resetRows(groupId, rows)))

    const active = group?.members ?? []
    if (!f.execute) {
      if (active.length > 0)
        this.warnLine(`group '${groupId}' has ${active.length} active member(s); --execute would be refused until they stop`)
      this.note('dry run: nothing was changed (add --execute to apply)')
      return result
    }
    const what = `commit ${rows.length} new offset(s) for group '${groupId}'`
    // As in kafka-consumer-groups, --execute is itself the confirmation where there is no terminal to ask on
    // (scripts written for the Java tool work unchanged); on a terminal kfk shows the plan and asks unless --yes.
    const confirmed = f.yes || !canPrompt(this.jsonEnabled())
    await executeReset(client, groupId, rows, () => confirmDestructive(what, {yes: confirmed, json: this.jsonEnabled()}), share)
    result.executed = true
    this.note(`${share ? 'set the start offsets of' : 'committed'} ${rows.length} offset(s) for ${share ? 'share ' : ''}group '${groupId}'`)
    return result
  }
}
