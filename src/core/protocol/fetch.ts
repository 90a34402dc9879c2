import {newDecoder, newEncoder, sendVersioned, type Decoder, type RawBroker} from '../kafkajs.js'

/**
 * Fetch (API key 1), version 11 (not flexible; brokers 2.3 to 4.x), returning
 * each partition's records as the raw bytes the broker sent, for kfk's own
 * batch decoder (core/record-batch-read.ts). kafkajs's fetch decodes every
 * record into objects with 64-bit Long arithmetic, which dominates a fast read.
 *   Request: replica_id, max_wait_ms, min_bytes, max_bytes, isolation_level, session_id,
 *            session_epoch, [topic, [partition, current_leader_epoch, fetch_offset,
 *            log_start_offset, partition_max_bytes]], [forgotten topics], rack_id
 *   Response: throttle_time_ms, error_code, session_id, [topic, [partition, error_code,
 *            high_watermark, last_stable_offset, log_start_offset, [aborted: producer_id,
 *            first_offset], preferred_read_replica, records]]
 */
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
  broker: RawBroker,
  args: {maxWaitMs: number; maxBytes: number; partitionMaxBytes: number; isolationLevel: number; partitions: FetchPartitionRequest[]},
): Promise<FetchedPartition[]> {
  const byTopic = new Map<string, FetchPartitionRequest[]>()
  for (const p of args.partitions) byTopic.set(p.topic, [...(byTopic.get(p.topic) ?? []), p])
  const version = 11
  return sendVersioned(broker, 1, {
    versions: [version],
    protocol: () => ({
      request: {
        apiKey: 1,
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
            for (const p of parts) e.writeInt32(p.partition).writeInt32(-1).writeInt64(p.offset.toString()).writeInt64('-1').writeInt32(args.partitionMaxBytes)
          }
          return e.writeInt32(0).writeString('')
        },
      },
      response: {
        decode: (raw: Buffer) => {
          const d = newDecoder(raw)
          d.readInt32()
          const errorCode = d.readInt16()
          d.readInt32()
          if (errorCode !== 0) return {errorCode, partitions: []}
          const partitions = d.readArray((t: Decoder) => {
            const topic = t.readString()!
            return t.readArray((p: Decoder): FetchedPartition => {
              const partition = p.readInt32()
              const code = p.readInt16()
              const highWatermark = BigInt(p.readInt64().toString())
              const lastStableOffset = BigInt(p.readInt64().toString())
              p.readInt64()
              const n = p.readInt32()
              const aborted: FetchedPartition['aborted'] = []
              for (let i = 0; i < n; i++) aborted.push({producerId: BigInt(p.readInt64().toString()), firstOffset: BigInt(p.readInt64().toString())})
              p.readInt32()
              return {topic, partition, errorCode: code, highWatermark, lastStableOffset, aborted, records: p.readBytes()}
            })
          }).flat()
          return {errorCode, partitions}
        },
        parse: (decoded: {errorCode: number; partitions: FetchedPartition[]}) => {
          if (decoded.errorCode !== 0) throw Object.assign(new Error(`Fetch failed with error code ${decoded.errorCode}`), {code: decoded.errorCode})
          return decoded.partitions
        },
      },
    }),
  })
}
