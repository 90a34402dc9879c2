/**
 * ListOffsets — API key 2. Versions implemented: 6-11 (flexible since 6;
 * Kafka 2.8 stops at 6). kafkajs stops at v3; v7 (Kafka 3.0) adds the max-timestamp spec (-3, KIP-734) that
 * kafka-get-offsets --time max-timestamp uses, and an answer of -1 when no
 * record is that new (kafkajs's fetchTopicOffsetsByTimestamp returns the high
 * watermark instead, tulios/kafkajs#1065). The newer specs of tiered storage
 * need newer versions: -4 earliest-local v8 (KIP-405), -5 latest-tiered v9
 * (KIP-1005), -6 earliest-pending-upload v11; v10 adds timeout_ms (KIP-1075).
 *
 * Request  v6-v9: replica_id INT32, isolation_level INT8,
 *              topics [name, partitions [partition_index INT32, current_leader_epoch INT32, timestamp INT64]]
 *          v10+: ... then timeout_ms INT32
 * Response v6-v11: throttle_time_ms INT32,
 *              topics [name, partitions [partition_index INT32, error_code INT16, timestamp INT64,
 *                                        offset INT64, leader_epoch INT32]]
 * Must be sent to each partition's leader.
 */
import {sendVersioned} from '../kafkajs/versions.js'
import type {BrokerConnection} from '../kafkajs/types.js'
import {KfkError} from '../../cli/errors.js'
import {defineRequest, errorOrNull} from './compact.js'

export const LIST_OFFSETS_API_KEY = 2
const VERSIONS = [6, 7, 8, 9, 10, 11]

/** Special timestamps of the ListOffsets API. */
export const OffsetSpec = {
  latest: -1n,
  earliest: -2n,
  maxTimestamp: -3n,
  earliestLocal: -4n,
  latestTiered: -5n,
  earliestPendingUpload: -6n,
} as const

/** The first version that takes a timestamp (a special one, or any time at all). */
function versionFor(timestamp: bigint): number {
  return timestamp === -6n ? 11 : timestamp === -5n ? 9 : timestamp === -4n ? 8 : timestamp === -3n ? 7 : 6
}

/** What the timeout of a v10+ request waits for remote (tiered) storage: the client's request timeout would cut it anyway. */
const REMOTE_TIMEOUT_MS = 30_000

export interface ListOffsetsQuery {
  topic: string
  partition: number
  /** A spec from OffsetSpec or an epoch-millisecond timestamp. */
  timestamp: bigint
}

export interface ListedOffset {
  topic: string
  partition: number
  errorCode: number
  error: Error | null
  /** -1 when no record matches (e.g. no record at or after the timestamp). */
  offset: bigint
  /** The record's timestamp for timestamp and max-timestamp queries, -1 otherwise. */
  timestamp: bigint
}

function protocol(version: number, queries: readonly ListOffsetsQuery[], isolationLevel: number) {
  const byTopic = new Map<string, ListOffsetsQuery[]>()
  for (const q of queries) byTopic.set(q.topic, [...(byTopic.get(q.topic) ?? []), q])
  return defineRequest<ListedOffset[]>({
    apiKey: LIST_OFFSETS_API_KEY,
    apiName: 'ListOffsets',
    version,
    flexible: true,
    encode: (e, w) => {
      e.writeInt32(-1)
      e.writeInt8(isolationLevel)
      w.array(e, [...byTopic], (e, [topic, parts]) => {
        w.string(e, topic)
        w.array(e, parts, (e, q) => {
          e.writeInt32(q.partition)
          e.writeInt32(-1)
          e.writeInt64(q.timestamp.toString())
          w.tags(e)
        })
        w.tags(e)
      })
      if (version >= 10) e.writeInt32(REMOTE_TIMEOUT_MS)
      w.tags(e)
    },
    decode: (d, r) => {
      const throttleTimeMs = d.int32()
      const result = r
        .array(d, (t) => {
          const topic = r.string(t)
          const parts = r.array(t, (p): ListedOffset => {
            const partition = p.int32()
            const errorCode = p.int16()
            const timestamp = p.int64()
            const offset = p.int64()
            p.int32()
            r.tags(p)
            return {topic, partition, errorCode, error: errorOrNull(errorCode), offset, timestamp}
          })
          r.tags(t)
          return parts
        })
        .flat()
      r.tags(d)
      return {throttleTimeMs, result}
    },
  })
}

/** Lists offsets on one broker (the leader of every queried partition). */
export async function listOffsetsOn(
  broker: BrokerConnection,
  queries: readonly ListOffsetsQuery[],
  options: {readCommitted?: boolean} = {},
): Promise<ListedOffset[]> {
  const needed = Math.max(6, ...queries.map((q) => versionFor(q.timestamp)))
  const offered = broker.versions?.[LIST_OFFSETS_API_KEY]?.maxVersion
  if (offered !== undefined && offered < needed)
    throw new KfkError(
      `this broker offers ListOffsets up to v${offered}, and ${timeName(queries.find((q) => versionFor(q.timestamp) === needed)!.timestamp)} needs v${needed}`,
      {
        hint:
          needed === 7
            ? 'max-timestamp came with Kafka 3.0 (KIP-734); --time earliest, latest or a timestamp work here.'
            : 'Those offsets come with tiered storage in newer Kafka releases; --time earliest, latest or a timestamp work here.',
      },
    )
  return sendVersioned(broker, LIST_OFFSETS_API_KEY, {
    versions: VERSIONS.filter((v) => v >= needed),
    protocol: ({version}) => protocol(version, queries, options.readCommitted ? 1 : 0),
  })
}

function timeName(timestamp: bigint): string {
  const names: Record<string, string> = {
    '-3': 'max-timestamp',
    '-4': 'earliest-local',
    '-5': 'latest-tiered',
    '-6': 'earliest-pending-upload',
  }
  return `--time ${names[String(timestamp)] ?? String(timestamp)}`
}
