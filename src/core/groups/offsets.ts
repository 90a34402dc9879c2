/**
 * Offsets of consumer groups and of the logs they read: committed offsets
 * (OffsetFetch), log start/end/by-time offsets (ListOffsets, READ_UNCOMMITTED as
 * kafka-consumer-groups.sh does), direct commits from the admin side
 * (OffsetCommit with generation -1 and no member id: the group is never joined),
 * and OffsetDelete.
 */
import {offsetCommit, offsetFetch} from '../kafkajs/broker-calls.js'
import type {RawCluster} from '../kafkajs/types.js'
import {errorType} from '../kafkajs/load.js'
import {KfkError} from '../../cli/errors.js'
import {Coordinator} from '../coordinator.js'
import type {KafkaClient} from '../kafkajs/client.js'
import {asGroupOperation} from '../errors.js'
import {isKafkaError} from '../protocol/kafka-errors.js'
import {listOffsetsOnLeaders, topicLayout, type TopicLayout} from '../partitions/partitions.js'
import {planRow, type PlanRow, type ResetSpec} from './reset-plan.js'
import type {TopicPartitions} from '../partitions/topic-partitions.js'
import {partitionNotFound, topicsNotFound} from '../partitions/not-found.js'
import {describeShareGroupOffsets} from '../protocol/describe-share-group-offsets.js'
import {compareTp, parseTpKey, tpKey, type TopicPartition} from '../topic-partition.js'

/** ListOffsets timestamps with special meaning. */
export const LATEST = -1
export const EARLIEST = -2

/** A share group's start offsets, in committedOffsets' shape (partitions without one are left out). */
async function shareStartOffsets(cluster: RawCluster, groupId: string): Promise<Map<string, {tp: TopicPartition; offset: number}>> {
  const [answer] = await describeShareGroupOffsets(cluster, [groupId])
  if (answer?.error) throw answer.error
  const out = new Map<string, {tp: TopicPartition; offset: number}>()
  for (const p of answer?.partitions ?? [])
    if (p.startOffset >= 0n) out.set(tpKey(p), {tp: {topic: p.topic, partition: p.partition}, offset: Number(p.startOffset)})
  return out
}

/** The committed offsets of a group (partitions without a commit are left out). */
export async function committedOffsets(cluster: RawCluster, groupId: string): Promise<Map<string, {tp: TopicPartition; offset: number}>> {
  const coordinator = await cluster.findGroupCoordinator({groupId})
  const responses = await offsetFetch(coordinator, {groupId, topics: []})
  const out = new Map<string, {tp: TopicPartition; offset: number}>()
  for (const {topic, partitions} of responses) {
    for (const {partition, offset} of partitions) {
      const n = Number(offset)
      if (n >= 0) out.set(tpKey({topic, partition}), {tp: {topic, partition}, offset: n})
    }
  }
  return out
}

/**
 * ListOffsets for each partition at `timestamp` (LATEST, EARLIEST or ms), sent to
 * each leader. Partitions without a leader or with an error are absent; for a
 * timestamp newer than every record the broker answers -1, kept as is.
 */
export async function logOffsets(
  cluster: RawCluster,
  layout: TopicLayout,
  tps: readonly TopicPartition[],
  timestamp: number,
): Promise<Map<string, number>> {
  const targets: Array<TopicPartition & {leader: number}> = []
  for (const tp of tps) {
    const leader = layout.get(tp.topic)?.find((p) => p.partition === tp.partition)?.leader
    if (leader !== null && leader !== undefined) targets.push({...tp, leader})
  }
  // READ_UNCOMMITTED: the high watermark, as the Java tool reports.
  const listed = await listOffsetsOnLeaders(cluster, targets, BigInt(timestamp))
  const out = new Map<string, number>()
  for (const [key, l] of listed) if (l.errorCode === 0) out.set(key, Number(l.offset))
  return out
}

/**
 * Commits offsets for a group the way Kafka's admin client does: OffsetCommit to
 * the coordinator with generation -1 and an empty member id, so the group is not
 * joined (kafkajs's admin.setOffsets joins it). The broker refuses it while the
 * group has members.
 */
export async function commitOffsets(
  cluster: RawCluster,
  groupId: string,
  offsets: ReadonlyArray<TopicPartition & {offset: number}>,
): Promise<void> {
  const topics = new Map<string, Array<{partition: number; offset: string}>>()
  for (const o of offsets) topics.set(o.topic, [...(topics.get(o.topic) ?? []), {partition: o.partition, offset: String(o.offset)}])
  try {
    // The coordinator moves or is still loading the group (a new cluster, a restarted broker):
    // find it again and retry, as Java's admin client does; the caller's deadline bounds it.
    await new Coordinator(cluster, groupId).call((coordinator) =>
      offsetCommit(coordinator, {
        groupId,
        generationId: -1,
        memberId: '',
        topics: [...topics].map(([topic, partitions]) => ({topic, partitions})),
      }),
    )
  } catch (error) {
    if (isKafkaError(error, 'UNKNOWN_MEMBER_ID', 'ILLEGAL_GENERATION', 'REBALANCE_IN_PROGRESS', 'STALE_MEMBER_EPOCH')) {
      throw new KfkError(`group '${groupId}' became active while resetting; nothing was committed (${errorType(error)})`, {
        hint: 'Stop its consumers, then run the reset again.',
        cause: error,
      })
    }
    throw error
  }
}

/** OffsetDelete for the given partitions (per-partition errors are returned). */
export type ResetScope = {allTopics: true} | {topics: TopicPartitions[]}

/**
 * Builds a reset plan for `groupId`: which partitions, and for each the current
 * offset, the new one and the lags before/after. Reads only; nothing is committed.
 */
export async function prepareReset(
  client: KafkaClient,
  groupId: string,
  spec: ResetSpec,
  scope: ResetScope | undefined,
  options: {allowNewTopics?: boolean; share?: boolean} = {},
): Promise<PlanRow[]> {
  const cluster = await client.cluster()
  // A share group's "current offset" is its start offset in each partition.
  const committed = await client.run('fetch committed offsets', () =>
    asGroupOperation('Describe', [groupId], () =>
      options.share ? shareStartOffsets(cluster, groupId) : committedOffsets(cluster, groupId),
    ),
  )
  let wanted: TopicPartition[]
  let layout: TopicLayout
  if (spec.kind === 'file') {
    wanted = [...spec.offsets.keys()].map(parseTpKey)
    if (scope && 'topics' in scope) {
      const names = new Set(scope.topics.map((t) => t.topic))
      wanted = wanted.filter((tp) => names.has(tp.topic))
    }
    layout = await client.run('read topic metadata', () =>
      topicLayout(
        cluster,
        wanted.map((tp) => tp.topic),
      ),
    )
  } else if (!scope || 'allTopics' in scope) {
    wanted = [...committed.values()].map((c) => c.tp)
    if (wanted.length === 0)
      throw new KfkError(`group '${groupId}' has no committed offsets, so --all-topics selects nothing`, {
        hint: 'Name the topics with --topic T[:P,P].',
      })
    layout = await client.run('read topic metadata', () =>
      topicLayout(
        cluster,
        wanted.map((tp) => tp.topic),
      ),
    )
  } else {
    layout = await client.run('read topic metadata', () =>
      topicLayout(
        cluster,
        scope.topics.map((t) => t.topic),
      ),
    )
    wanted = scope.topics.flatMap((t) => {
      const parts = layout.get(t.topic)
      if (!parts) return [{topic: t.topic, partition: -1}]
      return (t.partitions ?? parts.map((p) => p.partition)).map((partition) => ({topic: t.topic, partition}))
    })
  }
  const missing = [...new Set(wanted.filter((tp) => !layout.has(tp.topic)).map((tp) => tp.topic))]
  if (missing.length > 0) {
    throw topicsNotFound(missing)
  }
  for (const tp of wanted) {
    const parts = layout.get(tp.topic)!
    if (!parts.some((p) => p.partition === tp.partition)) {
      throw partitionNotFound(tp.topic, tp.partition, parts.length)
    }
    if (parts.find((p) => p.partition === tp.partition)!.leader === null) {
      throw new KfkError(`partition ${tp.topic}:${tp.partition} has no leader, so its offsets cannot be read`, {
        hint: 'Wait for the partition to come back, or leave it out with --topic NAME:P.',
      })
    }
  }
  const consumedTopics = new Set([...committed.values()].map((c) => c.tp.topic))
  const fresh = [...new Set(wanted.map((tp) => tp.topic))].filter((t) => !consumedTopics.has(t))
  // A group with no committed offsets at all is being pre-positioned (as kafka-consumer-groups allows); a group that
  // has some, named with a topic it never read, is more likely a typo: that takes --allow-new-topics.
  if (fresh.length > 0 && committed.size > 0 && !options.allowNewTopics) {
    throw new KfkError(
      `group '${groupId}' has never committed an offset for topic${fresh.length > 1 ? 's' : ''} ${fresh.map((t) => `'${t}'`).join(', ')}`,
      {
        hint: 'Check the topic and group names; to set offsets for a topic the group has not consumed yet, add --allow-new-topics.',
      },
    )
  }
  const unique = [...new Map(wanted.map((tp) => [tpKey(tp), tp])).values()].sort(compareTp)
  const [starts, ends, byTime] = await client.run('list log offsets', () =>
    Promise.all([
      logOffsets(cluster, layout, unique, EARLIEST),
      logOffsets(cluster, layout, unique, LATEST),
      spec.kind === 'timestamp' ? logOffsets(cluster, layout, unique, spec.ms) : Promise.resolve(undefined),
    ]),
  )
  return unique.map((tp) => {
    const key = tpKey(tp)
    if (!starts.has(key) || !ends.has(key))
      throw new KfkError(`could not read the log offsets of ${key}`, {hint: 'Check the cluster with: kfk cluster describe'})
    return planRow(spec, {
      ...tp,
      current: committed.get(key)?.offset ?? null,
      logStart: starts.get(key)!,
      logEnd: ends.get(key)!,
      byTime: byTime?.get(key),
    })
  })
}
