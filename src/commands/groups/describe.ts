import type {DescribedGroup} from '../../core/groups/model.js'
import {setTimeout as sleep} from 'node:timers/promises'
import {Args} from '@oclif/core'
import {KafkaCommand} from '../../cli/base-command.js'
import {EXIT, usageError} from '../../cli/errors.js'
import {describeGroupsSnapshot, groupsNotFound, listGroups} from '../../core/groups/groups.js'
import {groupsDescribeFlags} from '../../flags/groups/describe.js'
import {describeNotes, describeTable, watchScreen, type DescribeMode} from '../../output/views/groups.js'

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
  static override flags = groupsDescribeFlags

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
    const f = this.flags
    const named = [...this.positionals, ...(f.group ?? [])]
    if (f['all-groups'] && named.length > 0)
      throw usageError('give group names or --all-groups, not both', 'See: kfk groups describe --help')
    if (!f['all-groups'] && named.length === 0)
      throw usageError('no group given', 'Name a group (kfk groups describe GROUP) or use --all-groups.')
    if (f.watch && this.jsonEnabled()) throw usageError('--watch and --json cannot be combined', 'Run --json once per snapshot instead.')
    const client = await this.client()
    const ids = f['all-groups'] ? (await listGroups(client)).map((g) => g.groupId) : [...new Set(named)]
    const mode: DescribeMode = f.members ? 'members' : f.state ? 'state' : 'offsets'
    const verbose = Boolean(f.verbose)
    // --only-with-lag: the partitions behind, and with --all-groups only the groups that have some.
    const lagging = (groups: DescribedGroup[]) =>
      !f['only-with-lag']
        ? groups
        : groups
            .map((g) => ({...g, partitions: g.partitions?.filter((p) => (p.lag ?? 0) > 0)}))
            .filter((g) => !f['all-groups'] || (g.partitions?.length ?? 0) > 0)
    let {described, missing, absent} = await describeGroupsSnapshot(client, ids, mode === 'offsets')
    described = lagging(described)
    if (f.watch) {
      this.watching = true
      let previous: DescribedGroup[] | undefined
      for (;;) {
        process.stdout.write(watchScreen(described, mode, verbose, previous, f.watch, Boolean(process.stdout.isTTY)))
        previous = described
        await sleep(f.watch * 1000)
        ;({described, missing, absent} = await describeGroupsSnapshot(client, ids, mode === 'offsets'))
        described = lagging(described)
      }
    }
    if (described.length > 0) this.out(describeTable(described, mode, verbose))
    for (const g of described) for (const line of describeNotes(g, mode)) this.note(line)
    if (ids.length === 0) this.note('no consumer groups')
    if (missing.length > 0) {
      // --json still prints every group asked for, the missing ones with exists: false, before the error (exit 1).
      if (this.jsonEnabled()) this.logJson({groups: ids.map((id) => [...described, ...absent].find((g) => g.groupId === id)!)})
      throw groupsNotFound(missing)
    }
    return {groups: described}
  }
}
