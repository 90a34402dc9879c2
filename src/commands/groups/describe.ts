import {setTimeout as sleep} from 'node:timers/promises'
import {Args, Flags} from '@oclif/core'
import {KafkaCommand} from '../../base-command.js'
import {EXIT, usageError} from '../../errors.js'
import {describeGroupsSnapshot, groupsNotFound, listGroups, type DescribedGroup} from '../../core/groups/groups.js'
import {describeNotes, describeTable, lagTotals, type DescribeMode} from '../../output/views/groups.js'

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

  async run(): Promise<{groups: DescribedGroup[]}> {
    const {argv} = await this.parse(GroupsDescribe)
    const f = this.flags
    const named = [...(argv as string[]), ...(f.group ?? [])]
    if (f['all-groups'] && named.length > 0)
      throw usageError('give group names or --all-groups, not both', 'See: kfk groups describe --help')
    if (!f['all-groups'] && named.length === 0)
      throw usageError('no group given', 'Name a group (kfk groups describe GROUP) or use --all-groups.')
    if (f.watch && this.jsonEnabled()) throw usageError('--watch and --json cannot be combined', 'Run --json once per snapshot instead.')
    const client = await this.client()
    const ids = f['all-groups'] ? (await listGroups(client)).map((g) => g.groupId) : [...new Set(named)]
    const mode: DescribeMode = f.members ? 'members' : f.state ? 'state' : 'offsets'
    const verbose = Boolean(f.verbose)
    let {described, missing} = await describeGroupsSnapshot(client, ids, mode === 'offsets')
    if (f.watch) {
      this.watching = true
      let previous: DescribedGroup[] | undefined
      for (;;) {
        const stamp = `${new Date().toISOString()}  every ${f.watch}s  (Ctrl-C to stop)${mode === 'offsets' ? '  ' + lagTotals(described, previous) : ''}`
        const screen = `${stamp}\n${describeTable(described, mode, verbose, previous)}\n`
        process.stdout.write(process.stdout.isTTY ? `\u001B[H\u001B[2J${screen}` : `${screen}\n`)
        previous = described
        await sleep(f.watch * 1000)
        ;({described, missing} = await describeGroupsSnapshot(client, ids, mode === 'offsets'))
      }
    }
    if (described.length > 0) this.out(describeTable(described, mode, verbose))
    for (const g of described) for (const line of describeNotes(g, mode)) this.note(line)
    if (ids.length === 0) this.note('no consumer groups')
    if (missing.length > 0) throw groupsNotFound(missing)
    return {groups: described}
  }
}
