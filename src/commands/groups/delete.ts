import {Args, Flags} from '@oclif/core'
import {KafkaCommand} from '../../base-command.js'
import {KfkError, usageError} from '../../errors.js'
import {renderTable} from '../../output/table.js'
import {confirmDestructive} from '../../prompts.js'

export interface GroupDeleteRow {
  groupId: string
  deleted: boolean
  error: string | null
}

export default class GroupsDelete extends KafkaCommand<typeof GroupsDelete> {
  static override summary = 'Delete consumer groups (their committed offsets); refused for groups with active members.'
  static override examples = ['<%= config.bin %> groups delete old-group', '<%= config.bin %> groups delete g1 g2 --yes']
  static override strict = false
  static override args = {group: Args.string({description: 'Group id(s) to delete.'})}
  static override flags = {
    group: Flags.string({multiple: true, helpValue: 'GROUP', description: 'Group id (kafka-consumer-groups.sh spelling; repeatable).'}),
    yes: Flags.boolean({char: 'y', description: 'Do not ask for confirmation on a terminal.'}),
  }

  async run(): Promise<{groups: GroupDeleteRow[]}> {
    const {argv} = await this.parse(GroupsDelete)
    const ids = [...new Set([...(argv as string[]), ...(this.flags.group ?? [])])]
    if (ids.length === 0) throw usageError('no group given', 'Name the groups: kfk groups delete GROUP...')
    const client = await this.client()
    const core = await import('../../core/groups/groups.js')
    const described = await core.describeGroups(client, ids)
    const rows = new Map<string, GroupDeleteRow>()
    const deletable: string[] = []
    for (const g of described) {
      if (!g.exists) rows.set(g.groupId, {groupId: g.groupId, deleted: false, error: 'the group does not exist'})
      else if (g.members.length > 0) {
        const who = g.members.map((m) => `${m.memberId} (client ${m.clientId}, ${m.host})`).join(', ')
        rows.set(g.groupId, {
          groupId: g.groupId,
          deleted: false,
          error: `the group is ${g.state} with ${g.members.length} active member(s): ${who}`,
        })
      } else deletable.push(g.groupId)
    }
    if (deletable.length > 0)
      await confirmDestructive(`delete ${deletable.length} group(s) and their committed offsets: ${deletable.join(', ')}`, {
        yes: this.flags.yes,
        json: this.jsonEnabled(),
      })
    if (deletable.length > 0) for (const r of await core.deleteGroups(client, deletable)) rows.set(r.groupId, r)
    const result = ids.map((id) => rows.get(id)!)
    this.out(
      renderTable(
        ['group', 'status'],
        result.map((r) => [r.groupId, r.deleted ? 'deleted' : `error: ${r.error}`]),
      ),
    )
    const failed = result.filter((r) => !r.deleted)
    if (failed.length > 0) {
      const err = new KfkError(
        `${failed.length} of ${result.length} group(s) not deleted: ${failed.map((r) => `'${r.groupId}' (${r.error})`).join('; ')}`,
        {
          hint: failed.some((r) => /active member/.test(r.error ?? ''))
            ? 'Stop the consumers of an active group before deleting it.'
            : 'List the groups with: kfk groups list',
        },
      )
      if (this.jsonEnabled()) this.logJson({groups: result})
      throw err
    }
    return {groups: result}
  }
}
