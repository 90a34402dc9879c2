/**
 * Produce (API key 0), versions 7 and 8 (not flexible; brokers 2.1 to 4.x),
 * with record batches kfk encodes itself (core/records). Pure bytes in and
 * out: the produce engine writes them on an ordered channel (core/kafkajs/adapter.ts).
 *   Request v7-8: transactional_id NULLABLE_STRING, acks INT16, timeout_ms INT32,
 *                 [name STRING, [index INT32, records BYTES]]
 *   Response v7: [name STRING, [index INT32, error_code INT16, base_offset INT64,
 *                 log_append_time_ms INT64, log_start_offset INT64]], throttle_time_ms INT32
 *   Response v8 adds, per partition: record_errors [batch_index INT32,
 *                 batch_index_error_message NULLABLE_STRING], error_message NULLABLE_STRING
 */
export const PRODUCE_API_KEY = 0
export const PRODUCE_VERSIONS = [7, 8]

export interface ProduceRequest {
  acks: number
  timeoutMs: number
  topic: string
  batches: Array<{partition: number; batch: Buffer}>
}

export interface ProducePartitionResult {
  partition: number
  errorCode: number
  baseOffset: bigint
  logStartOffset: bigint
  /** The broker's own words (v8+), when it gave any. */
  errorMessage: string | null
}

/**
 * The request body (after the request header) as parts to write in order:
 * small framing buffers and the batches themselves, never copied (a request
 * can carry megabytes of batches).
 */
export function encodeProduceRequest(r: ProduceRequest): Buffer[] {
  const name = Buffer.from(r.topic, 'utf8')
  const head = Buffer.allocUnsafe(2 + 2 + 4 + 4 + 2 + name.length + 4)
  let at = head.writeInt16BE(-1, 0) // no transactional id
  at = head.writeInt16BE(r.acks, at)
  at = head.writeInt32BE(r.timeoutMs, at)
  at = head.writeInt32BE(1, at)
  at = head.writeInt16BE(name.length, at)
  at += name.copy(head, at)
  head.writeInt32BE(r.batches.length, at)
  const parts: Buffer[] = [head]
  for (const b of r.batches) {
    const prefix = Buffer.allocUnsafe(8)
    prefix.writeInt32BE(b.partition, 0)
    prefix.writeInt32BE(b.batch.length, 4)
    parts.push(prefix, b.batch)
  }
  return parts
}

/** The response body (after the correlation id), for the one topic the request named. */
export function decodeProduceResponse(version: number, body: Buffer): ProducePartitionResult[] {
  let at = 0
  const need = (n: number) => {
    if (at + n > body.length) throw new Error(`Produce response truncated at byte ${at} of ${body.length}`)
  }
  const int16 = () => (need(2), (at += 2), body.readInt16BE(at - 2))
  const int32 = () => (need(4), (at += 4), body.readInt32BE(at - 4))
  const int64 = () => (need(8), (at += 8), body.readBigInt64BE(at - 8))
  const string = () => {
    const n = int16()
    if (n < 0) return null
    need(n)
    at += n
    return body.toString('utf8', at - n, at)
  }
  const results: ProducePartitionResult[] = []
  const topics = int32()
  for (let t = 0; t < topics; t++) {
    string()
    const partitions = int32()
    for (let p = 0; p < partitions; p++) {
      const partition = int32()
      const errorCode = int16()
      const baseOffset = int64()
      int64() // log_append_time_ms
      const logStartOffset = int64()
      let errorMessage: string | null = null
      if (version >= 8) {
        const recordErrors = int32()
        for (let e = 0; e < recordErrors; e++) {
          int32()
          string()
        }
        errorMessage = string()
      }
      results.push({partition, errorCode, baseOffset, logStartOffset, errorMessage})
    }
  }
  return results
}
