import {anyBroker} from '../kafkajs/cluster.js'
import {KfkError, usageError} from '../../cli/errors.js'
import type {KafkaClient} from '../kafkajs/client.js'
import {OffsetSpec} from '../protocol/list-offsets.js'
import {listOffsetsOnLeaders, topicLayout} from './partitions.js'
import type {TopicPartitionFilter, TopicPartitions} from './topic-partitions.js'
import {fetchMetadata} from '../protocol/metadata.js'
import {parseTime, TimeError} from '../time-expression.js'
import {partitionNotFound, topicsNotFound} from './not-found.js'

/** kafka-get-offsets' named times, by name and by number (its --time -1 ... -6). */
const NAMED_TIMES = {
  latest: OffsetSpec.latest,
  earliest: OffsetSpec.earliest,
  'max-timestamp': OffsetSpec.maxTimestamp,
  'earliest-local': OffsetSpec.earliestLocal,
  'latest-tiered': OffsetSpec.latestTiered,
  'earliest-pending-upload': OffsetSpec.earliestPendingUpload,
} as const
type NamedTime = keyof typeof NAMED_TIMES

export type TimeSpec = {kind: NamedTime} | {kind: 'timestamp'; ms: bigint}

/** Whether the answer carries the matching record's timestamp (a time, or max-timestamp). */
export function isTimed(spec: TimeSpec): boolean {
  return spec.kind === 'timestamp' || spec.kind === 'max-timestamp'
}

/**
 * earliest | latest | max-timestamp | earliest-local | latest-tiered | earliest-pending-upload,
 * or their numbers -2 | -1 | -3 | -4 | -5 | -6 (kafka-get-offsets --time), an epoch in ms,
 * ISO-8601 or a relative time such as -1h (kfk's forms).
 */
export function parseTimeSpec(text: string): TimeSpec {
  const t = text.trim()
  for (const [name, spec] of Object.entries(NAMED_TIMES) as Array<[NamedTime, bigint]>)
    if (t === name || t === String(spec)) return {kind: name}
  try {
    return {kind: 'timestamp', ms: BigInt(parseTime(t.replace(/^@/, '')))}
  } catch (error) {
    if (!(error instanceof TimeError)) throw error
    throw usageError(
      `--time '${text}' is not ${Object.keys(NAMED_TIMES).join(', ')} (-1 to -6), an epoch in ms, an ISO-8601 date or a relative time`,
      'For example: --time 2024-05-01T12:00:00Z, --time -1h',
    )
  }
}

function specTimestamp(spec: TimeSpec): bigint {
  return spec.kind === 'timestamp' ? spec.ms : NAMED_TIMES[spec.kind]
}

export interface PartitionOffset {
  topic: string
  partition: number
  /** null when no record matches (a timestamp after the last record, max-timestamp of an empty partition). */
  offset: number | null
  /** The matching record's timestamp for timestamp/max-timestamp queries, else null. */
  timestamp: number | null
}

/** Resolves the partitions to query, failing on unknown topics or partitions. */
export async function resolvePartitions(
  client: KafkaClient,
  specs: readonly TopicPartitions[],
): Promise<Array<{topic: string; partition: number; leader: number}>> {
  const cluster = await client.cluster()
  const layout = await client.run('fetch metadata', () =>
    topicLayout(
      cluster,
      specs.map((s) => s.topic),
    ),
  )
  const out: Array<{topic: string; partition: number; leader: number}> = []
  for (const spec of specs) {
    const parts = layout.get(spec.topic)
    if (!parts) throw topicsNotFound([spec.topic])
    for (const partition of spec.partitions ?? parts.map((p) => p.partition)) {
      const p = parts.find((x) => x.partition === partition)
      if (!p) throw partitionNotFound(spec.topic, partition, parts.length)
      if (!out.some((o) => o.topic === spec.topic && o.partition === partition))
        out.push({topic: spec.topic, partition, leader: p.leader ?? -1})
    }
  }
  return out
}

/**
 * The partitions kafka-get-offsets' filters select, per topic (internal topics too unless
 * `excludeInternal`, as Java does). Selecting nothing is an error, as in Java.
 */
export async function matchTopicPartitions(
  client: KafkaClient,
  filters: readonly TopicPartitionFilter[],
  options: {excludeInternal?: boolean} = {},
): Promise<TopicPartitions[]> {
  const metadata = await client.run('fetch metadata', async () => fetchMetadata(await anyBroker(await client.cluster()), null))
  const out: TopicPartitions[] = []
  for (const t of [...metadata.topics].sort((a, b) => a.name.localeCompare(b.name))) {
    if (t.errorCode !== 0 || (options.excludeInternal && t.isInternal)) continue
    const partitions = t.partitions
      .map((p) => p.partition)
      .filter((p) => filters.some((f) => (!f.topic || f.topic.test(t.name)) && f.partition(p)))
      .sort((a, b) => a - b)
    if (partitions.length > 0) out.push({topic: t.name, partitions})
  }
  if (out.length === 0)
    throw new KfkError(`no topic partition matches ${filters.map((f) => `'${f.text}'`).join(', ')}`, {
      hint: 'Topic patterns are regular expressions matched against the whole name: kfk topics list shows the names.',
    })
  return out
}

/** Offsets per partition at a point in time, asked of each partition's leader. */
export async function getOffsets(
  client: KafkaClient,
  specs: readonly TopicPartitions[],
  time: TimeSpec,
  options: {readCommitted?: boolean} = {},
): Promise<PartitionOffset[]> {
  const targets = await resolvePartitions(client, specs)
  const leaderless = targets.find((t) => t.leader < 0)
  if (leaderless)
    throw new KfkError(`partition ${leaderless.topic}:${leaderless.partition} has no leader, so its offsets cannot be read`, {
      hint: 'See: kfk topics describe --unavailable-partitions',
    })
  const timestamp = specTimestamp(time)
  const listed = [
    ...(await client.run('list offsets', async () => listOffsetsOnLeaders(await client.cluster(), targets, timestamp, options))).values(),
  ]
  const failed = listed.find((l) => l.errorCode !== 0)
  if (failed)
    throw new KfkError(
      `could not read offsets of ${failed.topic}:${failed.partition}: ${(failed.error as {type?: string})?.type ?? failed.error?.message}`,
    )
  const timed = isTimed(time)
  return targets.map(({topic, partition}) => {
    const l = listed.find((x) => x.topic === topic && x.partition === partition)!
    return {
      topic,
      partition,
      offset: l.offset < 0n ? null : Number(l.offset),
      timestamp: timed && l.timestamp >= 0n ? Number(l.timestamp) : null,
    }
  })
}
