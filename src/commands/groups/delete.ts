import type {DeleteGroupResult} from '../../core/groups/model.js'
import {Args, Flags} from '@oclif/core'
import {KafkaCommand} from '../../cli/base-command.js'
import {usageError} from '../../cli/errors.js'
import {renderTable} from '../../output/table.js'
import {confirmDestructive} from '../../cli/prompts.js'
import * as core from '../../core/groups/groups.js'

export default class GroupsDelete extends KafkaCommand<typeof GroupsDelete> {
  static override summary = 'Delete consumer groups (their committed offsets); refused for groups with active members.'
  static override examples = ['<%= config.bin %> groups delete old-group', '<%= config.bin %> groups delete g1 g2 --yes']
  static override strict = false
  static override args = {group: Args.string({description: 'Group id(s) to delete.'})}
  static override flags = {
    group: Flags.string({multiple: true, helpValue: 'GROUP', description: 'Group id (kafka-consumer-groups.sh spelling; repeatable).'}),
    yes: Flags.boolean({char: 'y', description: 'Do not ask for confirmation on a terminal.'}),
  }

  async run(): Promise<{groups: DeleteGroupResult[]}> {
    const ids = [...new Set([...this.positionals, ...(this.flags.group ?? [])])]
    if (ids.length === 0) throw usageError('no group given', 'Name the groups: kfk groups delete GROUP...')
    const client = await this.client()
    const described = await core.describeGroups(client, ids)
    const {deletable, refused} = core.deletableGroups(described)
    const rows = new Map(refused.map((r) => [r.groupId, r]))
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
    this.failIfAny({groups: result}, result, {
      what: 'groups',
      name: (r) => `'${r.groupId}'`,
      error: (r) => (r.deleted ? null : r.error),
      hint: (failed) =>
        failed.some((r) => /active member/.test(r.error ?? ''))
          ? 'Stop the consumers of an active group before deleting it.'
          : 'List the groups with: kfk groups list',
    })
    return {groups: result}
  }
}
