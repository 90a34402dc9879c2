/**
 * Produce (API key 0), versions 7 and 8 (not flexible; brokers 2.1 to 4.x),
 * with record batches kfk encodes itself (core/records). Pure bytes in and
 * out: the produce engine writes them on an ordered channel (core/kafkajs/channel.ts).
 *   Request v7-8: transactional_id NULLABLE_STRING, acks INT16, timeout_ms INT32,
 *                 [name STRING, [index INT32, records BYTES]]
 *   Response v7: [name STRING, [index INT32, error_code INT16, base_offset INT64,
 *                 log_append_time_ms INT64, log_start_offset INT64]], throttle_time_ms INT32
 *   Response v8 adds, per partition: record_errors [batch_index INT32,
 *                 batch_index_error_message NULLABLE_STRING], error_message NULLABLE_STRING
 */
import {CorruptResponseError, MalformedBytes} from '../records/corrupt.js'
import {ByteReader} from './bytes.js'

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

/**
 * The response body (after the correlation id), for the one topic the request
 * named; a truncated or hostile answer is a CorruptResponseError naming the field.
 */
export function decodeProduceResponse(version: number, body: Buffer): ProducePartitionResult[] {
  const r = new ByteReader(body)
  try {
    const results: ProducePartitionResult[] = []
    const topics = r.count('topics')
    for (let t = 0; t < topics; t++) {
      r.nullableString('topic name')
      const partitions = r.count('partitions')
      for (let p = 0; p < partitions; p++) {
        const partition = r.int32('partition index')
        const errorCode = r.int16('error_code')
        const baseOffset = r.int64('base_offset')
        r.int64('log_append_time_ms')
        const logStartOffset = r.int64('log_start_offset')
        let errorMessage: string | null = null
        if (version >= 8) {
          const recordErrors = r.count('record_errors')
          for (let e = 0; e < recordErrors; e++) {
            r.int32('batch_index')
            r.nullableString('batch_index_error_message')
          }
          errorMessage = r.nullableString('error_message')
        }
        results.push({partition, errorCode, baseOffset, logStartOffset, errorMessage})
      }
    }
    return results
  } catch (error) {
    if (error instanceof MalformedBytes) throw new CorruptResponseError('Produce', error.message)
    throw error
  }
}
