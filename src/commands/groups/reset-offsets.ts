import {Args, Flags} from '@oclif/core'
import {readFile} from 'node:fs/promises'
import {KafkaCommand} from '../../base-command.js'
import {KfkError, usageError} from '../../errors.js'
import {renderTable} from '../../output/table.js'
import {RESET_HEAD, resetRows} from '../../output/views/groups.js'
import {confirmDestructive} from '../../prompts.js'
import {parseTopicPartitions} from '../../core/partitions/topic-partitions.js'
import type {PlanRow, ResetSpec} from '../../core/groups/reset-plan.js'

const SCENARIOS = ['to-earliest', 'to-latest', 'to-current', 'to-offset', 'to-datetime', 'by-duration', 'shift-by', 'from-file']

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
    '--execute commits directly (the group is not joined) and is refused while the group has active members; on a terminal it asks first unless --yes.'
  static override examples = [
    '<%= config.bin %> groups reset-offsets my-group --topic orders --to-earliest',
    '<%= config.bin %> groups reset-offsets my-group --all-topics --to-datetime 2024-05-01T12:00:00.000 --execute',
    '<%= config.bin %> groups reset-offsets my-group --topic orders:0,1 --shift-by -100 --export > plan.csv',
    '<%= config.bin %> groups reset-offsets my-group --from-file plan.csv --execute --yes',
  ]
  static override args = {group: Args.string({description: 'The group whose offsets to reset.'})}
  static override flags = {
    group: Flags.string({helpValue: 'GROUP', description: 'The group (kafka-consumer-groups.sh spelling).'}),
    topic: Flags.string({
      multiple: true,
      helpValue: 'T[:P,P]',
      exclusive: ['all-topics'],
      description: 'Topic to reset, optionally only some partitions (repeatable).',
    }),
    'all-topics': Flags.boolean({exclusive: ['topic'], description: 'Every partition the group has committed offsets for.'}),
    'to-earliest': Flags.boolean({exactlyOne: SCENARIOS, description: 'To the log start offset.'}),
    'to-latest': Flags.boolean({exactlyOne: SCENARIOS, description: 'To the log end offset.'}),
    'to-current': Flags.boolean({exactlyOne: SCENARIOS, description: 'To the committed offset (log end where none).'}),
    'to-offset': Flags.integer({exactlyOne: SCENARIOS, min: 0, helpValue: 'N', description: 'To offset N (clamped into the log).'}),
    'to-datetime': Flags.string({
      exactlyOne: SCENARIOS,
      helpValue: 'YYYY-MM-DDTHH:mm:SS.sss',
      description: 'To the first offset at or after that time (UTC unless a zone is given).',
    }),
    'by-duration': Flags.string({
      exactlyOne: SCENARIOS,
      helpValue: 'PnDTnHnMnS',
      description: 'To the first offset at or after now minus the duration.',
    }),
    'shift-by': Flags.integer({
      exactlyOne: SCENARIOS,
      helpValue: '±N',
      description: 'Move the committed offset by N (clamped into the log).',
    }),
    'from-file': Flags.string({
      exactlyOne: SCENARIOS,
      helpValue: 'CSV',
      description: 'To the offsets in a CSV written by --export (topic,partition,offset).',
    }),
    'dry-run': Flags.boolean({exclusive: ['execute'], description: 'Only show the plan (the default).'}),
    execute: Flags.boolean({exclusive: ['dry-run'], description: 'Commit the new offsets.'}),
    export: Flags.boolean({description: 'Print the plan as CSV (kafka-consumer-groups.sh format) instead of a table.'}),
    yes: Flags.boolean({char: 'y', description: 'Do not ask for confirmation on a terminal.'}),
    'allow-new-topics': Flags.boolean({description: 'Allow topics the group has never committed offsets for.'}),
  }

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
    const plan = await import('../../core/groups/reset-plan.js')
    const topics = f.topic?.map((t) => parseTopicPartitions(t))
    const spec = await this.spec(groupId, plan)

    const client = await this.client()
    const {describeGroups} = await import('../../core/groups/groups.js')
    const {prepareReset, commitOffsets} = await import('../../core/groups/offsets.js')
    const [group] = await describeGroups(client, [groupId])
    const rows = await prepareReset(client, groupId, spec, f['all-topics'] ? {allTopics: true} : topics ? {topics} : undefined, {
      allowNewTopics: f['allow-new-topics'],
    })
    for (const r of rows) if (r.note) this.note(`note: ${r.topic}:${r.partition}: ${r.note}`)

    const active = group?.members ?? []
    const result: ResetResult = {groupId, dryRun: !f.execute, executed: false, partitions: rows}
    if (f.export) process.stdout.write(plan.toCsv(groupId, rows))
    else this.out(renderTable(RESET_HEAD, resetRows(groupId, rows)))

    if (!f.execute) {
      if (active.length > 0)
        this.warnLine(`group '${groupId}' has ${active.length} active member(s); --execute would be refused until they stop`)
      this.note('dry run: nothing was changed (add --execute to apply)')
      return result
    }
    if (active.length > 0) throw this.activeError(groupId, group!.state, active)
    await confirmDestructive(`commit ${rows.length} new offset(s) for group '${groupId}'`, {yes: f.yes, json: this.jsonEnabled()})
    const cluster = await client.cluster()
    // Re-check just before committing: a consumer may have joined while we asked.
    const [now] = await describeGroups(client, [groupId])
    if ((now?.members.length ?? 0) > 0) throw this.activeError(groupId, now!.state, now!.members)
    await client.run('commit offsets', () =>
      commitOffsets(
        cluster,
        groupId,
        rows.map((r) => ({topic: r.topic, partition: r.partition, offset: r.newOffset})),
      ),
    )
    result.executed = true
    this.note(`committed ${rows.length} offset(s) for group '${groupId}'`)
    return result
  }

  private activeError(groupId: string, state: string, members: Array<{memberId: string; clientId: string; host: string}>): KfkError {
    const names = members.map((m) => `${m.memberId} (client ${m.clientId}, ${m.host})`).join(', ')
    return new KfkError(
      `group '${groupId}' is ${state} with ${members.length} active member(s): ${names}; offsets can only be reset while it has none`,
      {
        hint: 'Stop its consumers, then run the reset again (a dry run works any time).',
      },
    )
  }

  private async spec(groupId: string, plan: typeof import('../../core/groups/reset-plan.js')): Promise<ResetSpec> {
    const f = this.flags
    if (f['to-earliest']) return {kind: 'earliest'}
    if (f['to-latest']) return {kind: 'latest'}
    if (f['to-current']) return {kind: 'current'}
    if (f['to-offset'] !== undefined) return {kind: 'offset', offset: f['to-offset']}
    if (f['shift-by'] !== undefined) return {kind: 'shift', by: f['shift-by']}
    if (f['to-datetime'] !== undefined) return {kind: 'timestamp', ms: plan.parseDateTime(f['to-datetime'])}
    if (f['by-duration'] !== undefined) return {kind: 'timestamp', ms: Date.now() - plan.parseDuration(f['by-duration'])}
    const file = f['from-file']!
    let text: string
    try {
      text = await readFile(file, 'utf8')
    } catch (error) {
      throw new KfkError(`cannot read the reset plan '${file}': ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {
        hint: 'Give the path of a CSV written by --export.',
      })
    }
    return {kind: 'file', offsets: plan.parseCsv(text, groupId, file)}
  }
}
