import {Args, Flags} from '@oclif/core'
import {KafkaCommand} from '../../base-command.js'
import {KfkError, usageError} from '../../errors.js'
import {renderTable} from '../../output/table.js'
import {STATUS_HEAD} from '../../output/views/groups.js'
import {parseTopicPartitions} from '../../core/partitions/topic-partitions.js'

export interface OffsetDeleteRow {
  topic: string
  /** null when the whole topic failed (it does not exist). */
  partition: number | null
  deleted: boolean
  error: string | null
}

const REASONS: Record<string, string> = {
  GROUP_SUBSCRIBED_TO_TOPIC: 'the group is still subscribed to the topic',
  UNKNOWN_TOPIC_OR_PARTITION: 'no such topic or partition',
  GROUP_ID_NOT_FOUND: 'the group does not exist',
  NON_EMPTY_GROUP: 'the group is not empty',
}

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
  }

  async run(): Promise<{groupId: string; partitions: OffsetDeleteRow[]}> {
    const groupId = this.args.group ?? this.flags.group
    if (!groupId) throw usageError('no group given', 'Name it: kfk groups delete-offsets GROUP --topic T')
    const specs = this.flags.topic.map((t) => parseTopicPartitions(t))
    const client = await this.client()
    const core = await import('../../core/groups/groups.js')
    const offsets = await import('../../core/groups/offsets.js')
    const [group] = await core.describeGroups(client, [groupId])
    if (!group?.exists) throw core.unknownGroup(groupId)
    const cluster = await client.cluster()
    const layout = await client.run('read topic metadata', () =>
      offsets.topicLayout(
        cluster,
        specs.map((s) => s.topic),
      ),
    )
    const rows: OffsetDeleteRow[] = []
    const tps: Array<{topic: string; partition: number}> = []
    for (const s of specs) {
      const parts = layout.get(s.topic)
      if (!parts) rows.push({topic: s.topic, partition: null, deleted: false, error: 'the topic does not exist'})
      else for (const partition of s.partitions ?? parts.map((p) => p.partition)) tps.push({topic: s.topic, partition})
    }
    if (tps.length > 0) {
      const res = await offsets.deleteOffsets(client, groupId, tps)
      const top = (res.error as {type?: string} | null)?.type
      if (top && top !== 'GROUP_SUBSCRIBED_TO_TOPIC' && top !== 'UNKNOWN_TOPIC_OR_PARTITION') {
        throw new KfkError(`cannot delete offsets of group '${groupId}': ${REASONS[top] ?? top}`, {
          hint: 'Check the group with: kfk groups describe ' + groupId,
        })
      }
      for (const t of res.topics) {
        for (const p of t.partitions) {
          const type = (p.error as {type?: string} | null)?.type
          rows.push({
            topic: t.topic,
            partition: p.partition,
            deleted: p.errorCode === 0,
            error: p.errorCode === 0 ? null : (REASONS[type ?? ''] ?? type ?? `error code ${p.errorCode}`),
          })
        }
      }
    }
    rows.sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : (a.partition ?? -1) - (b.partition ?? -1)))
    this.out(
      renderTable(
        STATUS_HEAD,
        rows.map((r) => [r.topic, r.partition ?? '-', r.deleted ? 'deleted' : `error: ${r.error}`]),
      ),
    )
    const failed = rows.filter((r) => !r.deleted)
    const result = {groupId, partitions: rows}
    if (failed.length > 0) {
      if (this.jsonEnabled()) this.logJson(result)
      throw new KfkError(
        `${failed.length} of ${rows.length} offset deletion(s) failed for group '${groupId}' (${[...new Set(failed.map((r) => r.error))].join('; ')})`,
        {
          hint: failed.some((r) => /subscribed/.test(r.error ?? ''))
            ? 'A member still consumes that topic: stop it (or change its subscription) first.'
            : 'Check the topic names with: kfk topics list',
        },
      )
    }
    return result
  }
}
