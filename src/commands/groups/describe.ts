import {setTimeout as sleep} from 'node:timers/promises'
import {Args, Flags} from '@oclif/core'
import {KafkaCommand} from '../../base-command.js'
import {EXIT, KfkError, usageError} from '../../errors.js'
import {renderTable} from '../../output/table.js'
import {delta, membersHead, membersRows, OFFSETS_HEAD, offsetsRows, STATE_HEAD, stateRows} from '../../output/views/groups.js'
import type {GroupDescription, GroupOffsets} from '../../core/groups/groups.js'

type Described = GroupDescription & Partial<Pick<GroupOffsets, 'partitions' | 'totalLag'>>

export default class GroupsDescribe extends KafkaCommand<typeof GroupsDescribe> {
  static override summary = 'Describe consumer groups: per-partition offsets and lag (default), members, or state.'
  static override description =
    'Same numbers as kafka-consumer-groups.sh --describe, for classic and KIP-848 (group.protocol=consumer) groups. ' +
    "With --members, --verbose adds each member's assignment (as in the Java tool)."
  static override examples = [
    '<%= config.bin %> groups describe my-group',
    '<%= config.bin %> groups describe my-group --members --verbose',
    '<%= config.bin %> groups describe --all-groups --state',
    '<%= config.bin %> groups describe my-group --watch 5',
  ]
  static override strict = false
  static override args = {group: Args.string({description: 'Group id(s) to describe.'})}
  static override flags = {
    group: Flags.string({multiple: true, helpValue: 'GROUP', description: 'Group id (kafka-consumer-groups.sh spelling; repeatable).'}),
    'all-groups': Flags.boolean({description: 'Describe every consumer group.'}),
    offsets: Flags.boolean({
      exclusive: ['members', 'state'],
      description: 'Per partition: committed offset, log-end offset, lag, owner (default).',
    }),
    members: Flags.boolean({
      exclusive: ['offsets', 'state'],
      description: 'Members: id, host, client id, partition count (--verbose: assignments).',
    }),
    state: Flags.boolean({exclusive: ['offsets', 'members'], description: 'Coordinator, assignment strategy, state, member count.'}),
    watch: Flags.integer({
      min: 1,
      helpValue: '[SECONDS]',
      description: 'Redraw every SECONDS (default 2) with the lag change since the last refresh.',
    }),
  }

  private watching = false

  public override async init(): Promise<void> {
    // --watch takes an optional value: give it the default when none follows.
    const i = this.argv.indexOf('--watch')
    if (i >= 0 && !/^\d+$/.test(this.argv[i + 1] ?? '')) this.argv.splice(i + 1, 0, '2')
    await super.init()
  }

  /** With --members, --verbose means "show assignments" (Java's meaning), not client debug logs. */
  protected override get verbose(): boolean {
    return this.argv.includes('--members') ? false : super.verbose
  }

  protected override onInterrupt(): void {
    if (this.watching) process.exit(EXIT.ok)
    super.onInterrupt()
  }

  async run(): Promise<{groups: Described[]}> {
    const {argv} = await this.parse(GroupsDescribe)
    const named = [...(argv as string[]), ...(this.flags.group ?? [])]
    if (this.flags['all-groups'] && named.length > 0)
      throw usageError('give group names or --all-groups, not both', 'See: kfk groups describe --help')
    if (!this.flags['all-groups'] && named.length === 0)
      throw usageError('no group given', 'Name a group (kfk groups describe GROUP) or use --all-groups.')
    if (this.flags.watch && this.jsonEnabled())
      throw usageError('--watch and --json cannot be combined', 'Run --json once per snapshot instead.')
    const core = await import('../../core/groups/groups.js')
    const client = await this.client()
    const ids = this.flags['all-groups'] ? (await core.listGroups(client)).map((g) => g.groupId) : [...new Set(named)]
    const mode = this.flags.members ? 'members' : this.flags.state ? 'state' : 'offsets'

    const snapshot = async (): Promise<{described: Described[]; missing: string[]}> => {
      const groups = ids.length === 0 ? [] : await core.describeGroups(client, ids)
      const found = groups.filter((g) => g.exists)
      const described: Described[] =
        mode === 'offsets'
          ? await Promise.all(
              found.map(async (g) => ({
                ...g,
                ...(({partitions, totalLag}) => ({partitions, totalLag}))(await core.groupOffsets(client, g)),
              })),
            )
          : found
      return {described, missing: groups.filter((g) => !g.exists).map((g) => g.groupId)}
    }

    let {described, missing} = await snapshot()
    if (this.flags.watch) {
      this.watching = true
      const tty = Boolean(process.stdout.isTTY)
      let previous: Described[] | undefined
      for (;;) {
        const text = this.render(described, mode, previous)
        const stamp = `${new Date().toISOString()}  every ${this.flags.watch}s  (Ctrl-C to stop)${mode === 'offsets' ? '  ' + this.totals(described, previous) : ''}`
        if (tty) process.stdout.write(`\u001B[H\u001B[2J${stamp}\n${text}\n`)
        else process.stdout.write(`${stamp}\n${text}\n\n`)
        previous = described
        await sleep(this.flags.watch! * 1000)
        ;({described, missing} = await snapshot())
      }
    }
    if (described.length > 0) this.out(this.render(described, mode))
    for (const g of described) this.summarize(g, mode)
    if (ids.length === 0) this.note('no consumer groups')
    if (missing.length > 0) {
      throw new KfkError(
        `consumer group${missing.length > 1 ? 's' : ''} ${missing.map((g) => `'${g}'`).join(', ')} do${missing.length > 1 ? '' : 'es'} not exist`,
        {
          hint: 'List the groups with: kfk groups list',
        },
      )
    }
    return {groups: described}
  }

  private render(groups: Described[], mode: string, previous?: Described[]): string {
    if (mode === 'state') return renderTable(STATE_HEAD, stateRows(groups))
    if (mode === 'members') {
      const verbose = Boolean(this.flags.verbose)
      return groups.map((g) => renderTable(membersHead(verbose, g), membersRows(g, verbose))).join('\n\n')
    }
    const rows = groups.flatMap((g) => {
      const before = previous?.find((p) => p.groupId === g.groupId)
      return offsetsRows(g as GroupOffsets, previous ? ((before ?? {...g, partitions: []}) as GroupOffsets) : undefined)
    })
    return renderTable(previous ? [...OFFSETS_HEAD, 'lag change'] : OFFSETS_HEAD, rows)
  }

  /** "total lag 42 (+5)": per group, with the change since the previous refresh. */
  private totals(now: Described[], previous?: Described[]): string {
    return now
      .map((g) => {
        const was = previous?.find((p) => p.groupId === g.groupId)?.totalLag
        const change = was === undefined ? '' : ` (${delta((g.totalLag ?? 0) - was)})`
        return `${now.length > 1 ? `${g.groupId}: ` : ''}total lag ${g.totalLag ?? 0}${change}`
      })
      .join(', ')
  }

  private summarize(g: Described, mode: string): void {
    if (g.state === 'Empty') this.note(`consumer group '${g.groupId}' has no active members`)
    else if (g.state !== 'Stable') this.note(`consumer group '${g.groupId}' is rebalancing (${g.state})`)
    if (mode === 'offsets') {
      this.note(
        `${g.groupId}: ${g.type} group, ${g.state}, ${g.members.length} member(s), ${g.partitions?.length ?? 0} partition(s), total lag ${g.totalLag ?? 0}`,
      )
    }
  }
}
