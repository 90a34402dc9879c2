import {newDecoder, newEncoder, sendVersioned, type Decoder, type RawBroker} from '../kafkajs.js'

/**
 * Produce (API key 0), version 7 (not flexible; brokers 2.1 to 4.x), with
 * record batches kfk encodes itself (core/record-batch.ts) instead of
 * kafkajs's per-record encoder. acks=0 expects no response.
 *   Request: transactional_id NULLABLE_STRING, acks INT16, timeout_ms INT32,
 *            [name STRING, [index INT32, records BYTES]]
 *   Response: [name STRING, [index INT32, error_code INT16, base_offset INT64,
 *            log_append_time_ms INT64, log_start_offset INT64]], throttle_time_ms INT32
 */
export interface ProducePartitionResult {
  topic: string
  partition: number
  errorCode: number
  baseOffset: string
}

export async function produceBatches(
  broker: RawBroker,
  args: {acks: number; timeoutMs: number; batches: Array<{topic: string; partition: number; batch: Buffer}>},
): Promise<ProducePartitionResult[]> {
  const byTopic = new Map<string, Array<{partition: number; batch: Buffer}>>()
  for (const b of args.batches) byTopic.set(b.topic, [...(byTopic.get(b.topic) ?? []), b])
  const version = 7
  const result = await sendVersioned(broker, 0, {
    versions: [version],
    protocol: () => ({
      request: {
        apiKey: 0,
        apiVersion: version,
        apiName: 'Produce',
        expectResponse: () => args.acks !== 0,
        encode: () => {
          const e = newEncoder().writeString(null).writeInt16(args.acks).writeInt32(args.timeoutMs).writeInt32(byTopic.size)
          for (const [topic, parts] of byTopic) {
            e.writeString(topic).writeInt32(parts.length)
            for (const p of parts) e.writeInt32(p.partition).writeBytes(p.batch)
          }
          return e
        },
      },
      response: {
        decode: (raw: Buffer) => {
          const d = newDecoder(raw)
          return d.readArray((t: Decoder) => {
            const topic = t.readString()!
            return t.readArray((p: Decoder) => {
              const partition = p.readInt32()
              const errorCode = p.readInt16()
              const baseOffset = p.readInt64().toString()
              p.readInt64()
              p.readInt64()
              return {topic, partition, errorCode, baseOffset}
            })
          }).flat()
        },
        parse: (decoded: ProducePartitionResult[]) => decoded,
      },
    }),
  })
  return (result as ProducePartitionResult[] | undefined) ?? []
}
