import {KfkError, usageError} from '../../errors.js'
import type {KafkaClient} from '../client.js'
import {OffsetSpec} from '../protocol/list-offsets.js'
import {listOffsetsOnLeaders, topicLayout} from './partitions.js'
import type {TopicPartitions} from './topic-partitions.js'
import {parseTime, TimeError} from '../time-expression.js'
import {partitionNotFound, topicsNotFound} from './not-found.js'

export type TimeSpec = {kind: 'earliest' | 'latest' | 'max-timestamp'} | {kind: 'timestamp'; ms: bigint}

/** earliest | latest | max-timestamp | -2 | -1 | -3 | epoch ms | ISO-8601 | -1h (kafka-get-offsets --time, and kfk's forms). */
export function parseTimeSpec(text: string): TimeSpec {
  const t = text.trim()
  if (t === 'earliest' || t === '-2') return {kind: 'earliest'}
  if (t === 'latest' || t === '-1') return {kind: 'latest'}
  if (t === 'max-timestamp' || t === '-3') return {kind: 'max-timestamp'}
  try {
    return {kind: 'timestamp', ms: BigInt(parseTime(t.replace(/^@/, '')))}
  } catch (error) {
    if (!(error instanceof TimeError)) throw error
    throw usageError(
      `--time '${text}' is not earliest, latest, max-timestamp, an epoch in ms, an ISO-8601 date or a relative time`,
      'For example: --time 2024-05-01T12:00:00Z, --time -1h',
    )
  }
}

function specTimestamp(spec: TimeSpec): bigint {
  if (spec.kind === 'timestamp') return spec.ms
  return spec.kind === 'earliest' ? OffsetSpec.earliest : spec.kind === 'latest' ? OffsetSpec.latest : OffsetSpec.maxTimestamp
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
  const timed = time.kind === 'timestamp' || time.kind === 'max-timestamp'
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
