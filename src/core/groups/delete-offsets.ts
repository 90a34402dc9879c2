import {KfkError, usageError} from '../../cli/errors.js'
import type {KafkaClient} from '../kafkajs/client.js'
import type {TopicPartitions} from '../partitions/topic-partitions.js'
import {offsetDelete} from '../protocol/offset-delete.js'
import {deleteShareGroupOffsets} from '../protocol/delete-share-group-offsets.js'
import {describeGroups, groupsNotFound} from './groups.js'
import {topicLayout} from '../partitions/partitions.js'
import {compareTp} from '../topic-partition.js'

/** One partition's outcome of `groups delete-offsets` (kafka-consumer-groups --delete-offsets). */
export interface OffsetDeleteRow {
  topic: string
  /** null when the whole topic failed (it does not exist). */
  partition: number | null
  deleted: boolean
  error: string | null
}

/** OffsetDelete's error codes in words; a partition-level one of these fails that partition only. */
const REASONS: Record<string, string> = {
  GROUP_SUBSCRIBED_TO_TOPIC: 'the group is still subscribed to the topic',
  UNKNOWN_TOPIC_OR_PARTITION: 'no such topic or partition',
  GROUP_ID_NOT_FOUND: 'the group does not exist',
  NON_EMPTY_GROUP: 'the group is not empty',
}

/**
 * A share group's start offsets go by whole topics (DeleteShareGroupOffsets):
 * one row a topic. Refused by the broker while the group has members.
 */
async function deleteShareOffsets(
  client: KafkaClient,
  groupId: string,
  specs: readonly TopicPartitions[],
  confirm: (action: string) => Promise<void>,
): Promise<OffsetDeleteRow[]> {
  const some = specs.find((s) => s.partitions)
  if (some)
    throw usageError(
      `'${groupId}' is a share group: its offsets are deleted by whole topics, not partitions (${some.topic}:${some.partitions!.join(',')})`,
      `Name the topic alone: --topic ${some.topic}`,
    )
  const topics = [...new Set(specs.map((s) => s.topic))]
  await confirm(`delete the start offsets of share group '${groupId}' for ${topics.join(' ')}`)
  const cluster = await client.cluster()
  const res = await client.run('delete share group offsets', async () =>
    deleteShareGroupOffsets(await cluster.findGroupCoordinator({groupId}), groupId, topics),
  )
  const top = (res.error as {type?: string} | null)?.type
  if (res.error)
    throw new KfkError(`cannot delete offsets of share group '${groupId}': ${REASONS[top ?? ''] ?? res.error.message}`, {
      hint: `Check the group with: kfk groups describe ${groupId}`,
    })
  return res.topics
    .map((t) => {
      const type = (t.error as {type?: string} | null)?.type
      return {topic: t.topic, partition: null, deleted: !t.error, error: t.error ? (REASONS[type ?? ''] ?? t.error.message) : null}
    })
    .sort((a, b) => a.topic.localeCompare(b.topic))
}

/**
 * Deletes `groupId`'s committed offsets of the named topics (all their partitions
 * unless listed): a row per partition, sorted; a missing topic is one failed row.
 * A group-level failure (no such group, a coordinator error) throws.
 * `confirm` is asked with what is about to be deleted, before anything is.
 */
export async function deleteGroupOffsets(
  client: KafkaClient,
  groupId: string,
  specs: readonly TopicPartitions[],
  confirm: (action: string) => Promise<void>,
): Promise<OffsetDeleteRow[]> {
  const [group] = await describeGroups(client, [groupId])
  if (!group?.exists) throw groupsNotFound([groupId])
  if (group.type === 'share') return deleteShareOffsets(client, groupId, specs, confirm)
  const cluster = await client.cluster()
  const layout = await client.run('read topic metadata', () =>
    topicLayout(
      cluster,
      specs.map((s) => s.topic),
    ),
  )
  const rows: OffsetDeleteRow[] = []
  const wanted = new Map<string, number[]>()
  for (const s of specs) {
    const parts = layout.get(s.topic)
    if (!parts) rows.push({topic: s.topic, partition: null, deleted: false, error: 'the topic does not exist'})
    else wanted.set(s.topic, [...new Set([...(wanted.get(s.topic) ?? []), ...(s.partitions ?? parts.map((p) => p.partition))])])
  }
  if (wanted.size > 0) {
    const where = [...wanted].map(([topic, partitions]) => `${topic}:${partitions.join(',')}`).join(' ')
    await confirm(`delete the committed offsets of group '${groupId}' for ${where}`)
    const res = await client.run('delete offsets', () =>
      offsetDelete(
        cluster,
        groupId,
        [...wanted].map(([topic, partitions]) => ({topic, partitions})),
      ),
    )
    const top = (res.error as {type?: string} | null)?.type
    if (top && top !== 'GROUP_SUBSCRIBED_TO_TOPIC' && top !== 'UNKNOWN_TOPIC_OR_PARTITION') {
      throw new KfkError(`cannot delete offsets of group '${groupId}': ${REASONS[top] ?? top}`, {
        hint: `Check the group with: kfk groups describe ${groupId}`,
      })
    }
    for (const t of res.topics) {
      for (const p of t.partitions) {
        const type = (p.error as {type?: string} | null)?.type
        const error = p.errorCode === 0 ? null : (REASONS[type ?? ''] ?? type ?? `error code ${p.errorCode}`)
        rows.push({topic: t.topic, partition: p.partition, deleted: p.errorCode === 0, error})
      }
    }
  }
  return rows.sort((a, b) => compareTp({topic: a.topic, partition: a.partition ?? -1}, {topic: b.topic, partition: b.partition ?? -1}))
}
