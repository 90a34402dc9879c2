/**
 * ListOffsets — API key 2. Version implemented: 7 (flexible since 6).
 * kafkajs stops at v3; v7 adds the max-timestamp spec (-3, KIP-734) that
 * kafka-get-offsets --time max-timestamp uses, and an answer of -1 when no
 * record is that new (kafkajs's fetchTopicOffsetsByTimestamp returns the high
 * watermark instead, tulios/kafkajs#1065).
 *
 * Request  v7: replica_id INT32, isolation_level INT8,
 *              topics [name, partitions [partition_index INT32, current_leader_epoch INT32, timestamp INT64]]
 * Response v7: throttle_time_ms INT32,
 *              topics [name, partitions [partition_index INT32, error_code INT16, timestamp INT64,
 *                                        offset INT64, leader_epoch INT32]]
 * Must be sent to each partition's leader.
 */
import {sendVersioned, type BrokerConnection} from '../kafkajs/adapter.js'
import {defineRequest, errorOrNull} from './compact.js'

export const LIST_OFFSETS_API_KEY = 2
const VERSIONS = [7]

/** Special timestamps of the ListOffsets API. */
export const OffsetSpec = {latest: -1n, earliest: -2n, maxTimestamp: -3n} as const

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
      w.tags(e)
    },
    decode: (d, r) => {
      const throttleTimeMs = d.readInt32()
      const result = r
        .array(d, (t) => {
          const topic = r.string(t)
          const parts = r.array(t, (p): ListedOffset => {
            const partition = p.readInt32()
            const errorCode = p.readInt16()
            const timestamp = BigInt(p.readInt64().toString())
            const offset = BigInt(p.readInt64().toString())
            p.readInt32()
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
  return sendVersioned(broker, LIST_OFFSETS_API_KEY, {
    versions: VERSIONS,
    protocol: ({version}) => protocol(version, queries, options.readCommitted ? 1 : 0),
  })
}
