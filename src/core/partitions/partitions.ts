import {anyBroker} from '../kafkajs/cluster.js'
import type {RawCluster} from '../kafkajs/types.js'
import {errorType} from '../kafkajs/load.js'
import {KfkError} from '../../cli/errors.js'
import {isKafkaError} from '../protocol/kafka-errors.js'
import {isConnectionLost} from '../errors.js'
import {fetchMetadata} from '../protocol/metadata.js'
import {listOffsetsOn, type ListedOffset, type ListOffsetsQuery} from '../protocol/list-offsets.js'
import {throwIfDenied, topicsNotFound} from './not-found.js'
import {tpKey} from '../topic-partition.js'

/**
 * Topic and partition facts that produce and consume need from metadata:
 * which topics exist (no silent auto-creation), and offsets by timestamp
 * (ListOffsets on each partition's leader; -2 earliest, -1 latest).
 */
export async function resolveTopics(cluster: RawCluster, topics: string[], pattern?: string): Promise<string[]> {
  // Named topics only: ask for just those (a cluster may have thousands); a pattern needs every name.
  const all = pattern === undefined ? await existingTopics(cluster, topics) : await allTopics(cluster)
  const chosen = [...topics]
  if (pattern !== undefined) {
    let re: RegExp
    try {
      re = new RegExp(`^(?:${pattern})$`)
    } catch (error) {
      throw new KfkError(`--pattern "${pattern}" is not a valid regular expression (${(error as Error).message})`, {exit: 2})
    }
    const matched = all.filter((t) => re.test(t) && !t.startsWith('__')).sort()
    if (matched.length === 0) throw new KfkError(`no topic matches --pattern "${pattern}"`, {hint: 'See: kfk topics list'})
    chosen.push(...matched.filter((t) => !chosen.includes(t)))
  }
  const missing = chosen.filter((t) => !all.includes(t))
  if (missing.length > 0) {
    throw topicsNotFound(missing)
  }
  await cluster.addMultipleTargetTopics(chosen)
  return chosen
}

/**
 * As Java's producer does for a topic it does not find: asks the brokers with
 * allow_auto_topic_creation, then looks again until the topic has leaders.
 * Brokers answer UNKNOWN_TOPIC_OR_PARTITION either way (Kafka 4 creates it
 * through the controller meanwhile), so only its arrival within `waitMs` tells:
 * false when it did not come (auto.create.topics.enable=false).
 */
export async function autoCreateTopic(cluster: RawCluster, topic: string, waitMs: number): Promise<boolean> {
  const deadline = Date.now() + waitMs
  const [answer] = (await fetchMetadata(await anyBroker(cluster), [topic], {allowAutoCreate: true})).topics
  throwIfDenied(answer ? [answer] : [])
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100))
    const [t] = (await fetchMetadata(await anyBroker(cluster), [topic])).topics
    if (t && t.errorCode === 0 && t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0)) return true
  }
  return false
}

/** Which of `topics` exist (Metadata for those names; no auto-creation). */
async function existingTopics(cluster: RawCluster, topics: string[]): Promise<string[]> {
  if (topics.length === 0) return []
  const metadata = await fetchMetadata(await anyBroker(cluster), topics)
  throwIfDenied(metadata.topics)
  return metadata.topics.filter((t) => t.errorCode === 0).map((t) => t.name)
}

/** Per partition: its leader, or null when it has none. */
export type TopicLayout = Map<string, Array<{partition: number; leader: number | null}>>

/**
 * Partitions and leaders of `topics`, from one Metadata request (kfk's own,
 * which answers per topic instead of failing the request): topics that do not
 * exist are absent from the map.
 */
export async function topicLayout(cluster: RawCluster, topics: readonly string[]): Promise<TopicLayout> {
  const layout: TopicLayout = new Map()
  if (topics.length === 0) return layout
  const metadata = await fetchMetadata(await anyBroker(cluster), [...new Set(topics)])
  throwIfDenied(metadata.topics)
  for (const t of metadata.topics) {
    if (t.errorCode === 0)
      layout.set(
        t.name,
        t.partitions.map((p) => ({partition: p.partition, leader: p.leader >= 0 ? p.leader : null})),
      )
  }
  return layout
}

/** Every topic name (Metadata with a null topic list; kafkajs's own call is patched to ask for none, see kafkajs/metadata-patch.ts). */
async function allTopics(cluster: RawCluster): Promise<string[]> {
  const metadata = await fetchMetadata(await anyBroker(cluster), null)
  return metadata.topics.map((t) => t.name)
}

/**
 * kfk's one ListOffsets path (v7, on each partition's leader, all leaders at
 * once). Every answer is returned, errors included, keyed "topic:partition";
 * the callers decide what an error means to them.
 */
export async function listOffsetsOnLeaders(
  cluster: RawCluster,
  partitions: ReadonlyArray<{topic: string; partition: number; leader: number}>,
  timestamp: bigint,
  options: {readCommitted?: boolean} = {},
): Promise<Map<string, ListedOffset>> {
  const byLeader = new Map<number, ListOffsetsQuery[]>()
  for (const p of partitions)
    byLeader.set(p.leader, [...(byLeader.get(p.leader) ?? []), {topic: p.topic, partition: p.partition, timestamp}])
  const answers = await Promise.all(
    [...byLeader].map(async ([leader, queries]) => listOffsetsOn(await cluster.findBroker({nodeId: String(leader)}), queries, options)),
  )
  return new Map(answers.flat().map((a) => [tpKey(a), a]))
}

/**
 * Offsets at `timestamp` (-2 earliest, -1 latest, else first offset with a time >= it, -1 if none) by
 * "topic:partition". Errors of a partition between leaders (OFFSET_NOT_AVAILABLE while a new leader
 * catches up, NOT_LEADER_OR_FOLLOWER, no leader yet) are retried with fresh metadata for `retryMs`, as
 * Java's consumer does; then, or on any other error, one error names the partition.
 */
export async function listOffsets(
  cluster: RawCluster,
  partitions: Array<{topic: string; partition: number; leader: number}>,
  timestamp: number,
  isolationLevel: number,
  retryMs = 5000,
): Promise<Map<string, bigint>> {
  const deadline = Date.now() + retryMs
  const out = new Map<string, bigint>()
  let pending = partitions
  for (;;) {
    let listed: Map<string, ListedOffset> | undefined
    let failure: unknown
    try {
      listed = await listOffsetsOnLeaders(cluster, pending, BigInt(timestamp), {readCommitted: isolationLevel === 1})
    } catch (error) {
      if (!isConnectionLost(error) && !isKafkaError(error, 'NOT_LEADER_OR_FOLLOWER', 'LEADER_NOT_AVAILABLE')) throw error
      failure = error
    }
    const retry: typeof partitions = []
    for (const p of pending) {
      const l = listed?.get(tpKey(p))
      if (l && !l.error) out.set(tpKey(p), l.offset)
      else if (!l || isKafkaError(l.errorCode, ...BETWEEN_LEADERS_CODES)) retry.push(p)
      else throw l.error! // authorization and the like: mapped to their own sentences upstream
    }
    if (retry.length === 0) return out
    if (Date.now() > deadline) {
      const p = retry[0]!
      throw offsetsError(p, listed?.get(tpKey(p))?.error ?? (failure as Error), retryMs)
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
    await cluster.refreshMetadata().catch(() => {})
    pending = retry.map((p) => ({
      ...p,
      leader: cluster.findTopicPartitionMetadata(p.topic).find((m) => m.partitionId === p.partition)?.leader ?? p.leader,
    }))
  }
}

/** Partition errors that pass as leadership moves and a new leader catches up. */
const BETWEEN_LEADERS_CODES = [
  'LEADER_NOT_AVAILABLE',
  'NOT_LEADER_OR_FOLLOWER',
  'REPLICA_NOT_AVAILABLE',
  'KAFKA_STORAGE_ERROR',
  'FENCED_LEADER_EPOCH',
  'UNKNOWN_LEADER_EPOCH',
  'OFFSET_NOT_AVAILABLE',
] as const

function offsetsError(p: {topic: string; partition: number}, error: Error, retriedMs: number): KfkError {
  const name = errorType(error) ?? error.message
  return new KfkError(
    `cannot read the offsets of ${p.topic}:${p.partition}: ${name} (retried for ${Math.round(retriedMs / 1000)} s while its leader changed)`,
    {hint: `See its leader and replicas: kfk topics describe ${p.topic}`, cause: error},
  )
}
