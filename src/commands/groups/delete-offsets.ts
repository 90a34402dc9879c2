import {Args, Flags} from '@oclif/core'
import {KafkaCommand} from '../../cli/base-command.js'
import {usageError} from '../../cli/errors.js'
import {renderTable} from '../../output/table.js'
import {STATUS_HEAD} from '../../output/views/groups.js'
import {confirmDestructive} from '../../cli/prompts.js'
import {parseTopicPartitions} from '../../core/partitions/topic-partitions.js'
import {deleteGroupOffsets, type OffsetDeleteRow} from '../../core/groups/delete-offsets.js'

export default class GroupsDeleteOffsets extends KafkaCommand<typeof GroupsDeleteOffsets> {
  static override summary = "Delete a group's committed offsets for some topics or partitions (OffsetDelete)."
  static override examples = [
    '<%= config.bin %> groups delete-offsets my-group --topic orders',
    '<%= config.bin %> groups delete-offsets my-group --topic orders:0,1',
  ]
  static override args = {group: Args.string({description: 'The group.'})}
  static override flags = {
    group: Flags.string({helpValue: 'GROUP', description: 'The group (kafka-consumer-groups.sh spelling).'}),
    topic: Flags.string({
      multiple: true,
      required: true,
      helpValue: 'T[:P,P]',
      description: 'Topic whose offsets to delete, optionally only some partitions (repeatable).',
    }),
    yes: Flags.boolean({char: 'y', description: 'Do not ask for confirmation on a terminal.'}),
  }

  async run(): Promise<{groupId: string; partitions: OffsetDeleteRow[]}> {
    const groupId = this.args.group ?? this.flags.group
    if (!groupId) throw usageError('no group given', 'Name it: kfk groups delete-offsets GROUP --topic T')
    const specs = this.flags.topic.map((t) => parseTopicPartitions(t))
    const confirm = (action: string) => confirmDestructive(action, {yes: this.flags.yes, json: this.jsonEnabled()})
    const rows = await deleteGroupOffsets(await this.client(), groupId, specs, confirm)
    this.out(
      renderTable(
        STATUS_HEAD,
        rows.map((r) => [r.topic, r.partition ?? '-', r.deleted ? 'deleted' : `error: ${r.error}`]),
      ),
    )
    const result = {groupId, partitions: rows}
    this.failIfAny(result, rows, {
      what: `offset deletions for group '${groupId}'`,
      name: (r) => `${r.topic}:${r.partition ?? '*'}`,
      error: (r) => (r.deleted ? null : r.error),
      hint: (failed) =>
        failed.some((r) => /subscribed/.test(r.error ?? ''))
          ? 'A member still consumes that topic: stop it (or change its subscription) first.'
          : 'Check the topic names with: kfk topics list',
    })
    return result
  }
}
