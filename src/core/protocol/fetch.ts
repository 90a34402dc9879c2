import {sendVersioned} from '../kafkajs/versions.js'
import type {BrokerConnection} from '../kafkajs/types.js'
import {newEncoder} from '../kafkajs/load.js'
import {ByteReader} from './bytes.js'
import {CorruptResponseError, MalformedBytes} from '../records/corrupt.js'

/**
 * Fetch (API key 1), version 11 (not flexible; brokers 2.3 to 4.x), returning
 * each partition's records as the raw bytes the broker sent, for kfk's own
 * batch decoder (core/records/batch-decode.ts). kafkajs's fetch decodes every
 * record into objects with 64-bit Long arithmetic, which dominates a fast read.
 *   Request: replica_id, max_wait_ms, min_bytes, max_bytes, isolation_level, session_id,
 *            session_epoch, [topic, [partition, current_leader_epoch, fetch_offset,
 *            log_start_offset, partition_max_bytes]], [forgotten topics], rack_id
 *   Response: throttle_time_ms, error_code, session_id, [topic, [partition, error_code,
 *            high_watermark, last_stable_offset, log_start_offset, [aborted: producer_id,
 *            first_offset], preferred_read_replica, records]]
 */
export const FETCH_API_KEY = 1

export interface FetchPartitionRequest {
  topic: string
  partition: number
  offset: bigint
}

export interface FetchedPartition {
  topic: string
  partition: number
  errorCode: number
  highWatermark: bigint
  lastStableOffset: bigint
  aborted: Array<{producerId: bigint; firstOffset: bigint}>
  records: Buffer | null
}

export async function fetchRaw(
  broker: BrokerConnection,
  args: {maxWaitMs: number; maxBytes: number; partitionMaxBytes: number; isolationLevel: number; partitions: FetchPartitionRequest[]},
): Promise<FetchedPartition[]> {
  const byTopic = new Map<string, FetchPartitionRequest[]>()
  for (const p of args.partitions) byTopic.set(p.topic, [...(byTopic.get(p.topic) ?? []), p])
  const version = 11
  return sendVersioned(broker, FETCH_API_KEY, {
    versions: [version],
    protocol: () => ({
      request: {
        apiKey: FETCH_API_KEY,
        apiVersion: version,
        apiName: 'Fetch',
        encode: () => {
          const e = newEncoder()
            .writeInt32(-1)
            .writeInt32(args.maxWaitMs)
            .writeInt32(1)
            .writeInt32(args.maxBytes)
            .writeInt8(args.isolationLevel)
            .writeInt32(0)
            .writeInt32(-1)
            .writeInt32(byTopic.size)
          for (const [topic, parts] of byTopic) {
            e.writeString(topic).writeInt32(parts.length)
            for (const p of parts)
              e.writeInt32(p.partition).writeInt32(-1).writeInt64(p.offset.toString()).writeInt64('-1').writeInt32(args.partitionMaxBytes)
          }
          return e.writeInt32(0).writeString('')
        },
      },
      response: {
        decode: async (raw: Buffer) => decodeFetchResponse(raw),
        parse: (decoded: {errorCode: number; partitions: FetchedPartition[]}) => {
          if (decoded.errorCode !== 0)
            throw Object.assign(new Error(`Fetch failed with error code ${decoded.errorCode}`), {code: decoded.errorCode})
          return decoded.partitions
        },
      },
    }),
  })
}

/**
 * The v11 response body, every count and length checked against the bytes
 * present: a hostile or damaged answer fails with one line instead of reading
 * zeros past the end or allocating what a count claims.
 */
export function decodeFetchResponse(raw: Buffer): {errorCode: number; partitions: FetchedPartition[]} {
  const r = new ByteReader(raw)
  try {
    r.int32('throttle_time_ms')
    const errorCode = r.int16('error_code')
    r.int32('session_id')
    if (errorCode !== 0) return {errorCode, partitions: []}
    const partitions: FetchedPartition[] = []
    // Smallest topic: empty name (2) + partition count (4); smallest partition: 4+2+8+8+8+4+4+4 bytes.
    // count() is -1 for a null array: its loop runs zero times.
    const topics = r.count('topics', 6)
    for (let t = 0; t < topics; t++) {
      const topic = r.string('topic name')
      const parts = r.count(`partitions of ${topic}`, 42)
      for (let i = 0; i < parts; i++) {
        const partition = r.int32('partition_index')
        const code = r.int16('error_code')
        const highWatermark = r.int64('high_watermark')
        const lastStableOffset = r.int64('last_stable_offset')
        r.int64('log_start_offset')
        const n = r.count('aborted transactions', 16)
        const aborted: FetchedPartition['aborted'] = []
        for (let a = 0; a < n; a++) aborted.push({producerId: r.int64('producer_id'), firstOffset: r.int64('first_offset')})
        r.int32('preferred_read_replica')
        partitions.push({
          topic,
          partition,
          errorCode: code,
          highWatermark,
          lastStableOffset,
          aborted,
          records: r.nullableBytes(`records of ${topic}-${partition}`),
        })
      }
    }
    return {errorCode, partitions}
  } catch (error) {
    if (error instanceof MalformedBytes) throw new CorruptResponseError('Fetch', error.message)
    throw error
  }
}
