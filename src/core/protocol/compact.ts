/**
 * Shared wire helpers for the Kafka APIs kafkajs 2.2.4 does not implement.
 *
 * Framing, as kafkajs does it (src/protocol/request.js, src/network/connection.js):
 * - every request gets header v1 (apiKey, apiVersion, correlationId, clientId as
 *   INT16 string). Flexible versions need header v2 = v1 + tagged fields, so a
 *   flexible body starts with one UVarInt 0 (empty header tags);
 * - decode() receives the bytes after the correlationId. Flexible responses use
 *   header v1 = correlationId + tagged fields, so they start by skipping tags.
 *
 * Compact strings/arrays/bytes store length+1 as UVarInt (0 = null); kafkajs's
 * Encoder writes them (writeUVarIntString); responses are read by kfk's own
 * ByteReader (bytes.ts), never kafkajs's Decoder: its readTaggedFields takes
 * each field's size as length+1 and under-skips, and it reads past the end of
 * a short response as zeros or a RangeError.
 */
import type {Encoder, ProtocolRequest} from '../kafkajs/types.js'
import {errorFromCode, newEncoder} from '../kafkajs/load.js'
import {CorruptResponseError, MalformedBytes} from '../records/corrupt.js'
import {ByteReader} from './bytes.js'

/** Field writers for one encoding: classic (INT16/INT32 lengths) or flexible (compact, tagged). */
export interface Writer {
  string(e: Encoder, v: string | null): void
  array<T>(e: Encoder, items: readonly T[], write: (e: Encoder, item: T) => void): void
  /** A null array (UVarInt 0 in flexible versions, INT32 -1 in classic ones). */
  nullArray(e: Encoder): void
  /** Empty tagged-field section: a no-op in classic versions. */
  tags(e: Encoder): void
}

/**
 * Field readers for one encoding: classic or flexible. As kafkajs read them, a
 * null where a string or an array is required reads as empty.
 */
export interface Reader {
  string(d: ByteReader): string
  nullableString(d: ByteReader): string | null
  array<T>(d: ByteReader, read: (d: ByteReader) => T): T[]
  tags(d: ByteReader): void
}

export function writer(flexible: boolean): Writer {
  return flexible
    ? {
        string: (e, v) => void e.writeUVarIntString(v),
        array: (e, items, write) => {
          e.writeUVarInt(items.length + 1)
          for (const item of items) write(e, item)
        },
        nullArray: (e) => void e.writeUVarInt(0),
        tags: (e) => void e.writeUVarInt(0),
      }
    : {
        string: (e, v) => void e.writeString(v),
        array: (e, items, write) => {
          e.writeInt32(items.length)
          for (const item of items) write(e, item)
        },
        nullArray: (e) => void e.writeInt32(-1),
        tags: () => {},
      }
}

export function reader(flexible: boolean): Reader {
  return flexible
    ? {
        string: (d) => d.compactNullableString() ?? '',
        nullableString: (d) => d.compactNullableString(),
        array: (d, read) => d.compactNullableArray(read) ?? [],
        tags: (d) => d.tags(),
      }
    : {
        string: (d) => d.nullableString() ?? '',
        nullableString: (d) => d.nullableString(),
        array: (d, read) => d.nullableArray(read) ?? [],
        tags: () => {},
      }
}

/**
 * The topics-and-partition-indexes field many requests share: per topic its
 * name and [INT32] partitions; null (a null array) means every partition.
 */
export function writeTopicPartitions(
  e: Encoder,
  w: Writer,
  topics: ReadonlyArray<{topic: string; partitions: readonly number[]}> | null,
): void {
  if (topics === null) return w.nullArray(e)
  w.array(e, topics, (e, t) => {
    w.string(e, t.topic)
    w.array(e, t.partitions, (e, p) => void e.writeInt32(p))
    w.tags(e)
  })
}

/** One partition's answer in the per-topic results of ElectLeaders and AlterPartitionReassignments. */
export interface PartitionResult {
  topic: string
  partition: number
  errorCode: number
  error: Error | null
  /** The broker's own words, when it gave any. */
  message: string | null
}

/** Per topic: its name and [partition INT32, error_code INT16, error_message NULLABLE_STRING], flattened. */
export function readPartitionResults(d: ByteReader, r: Reader): PartitionResult[] {
  return r
    .array(d, (d) => {
      const topic = r.string(d)
      const parts = r.array(d, (d): PartitionResult => {
        const partition = d.int32()
        const errorCode = d.int16()
        const message = r.nullableString(d)
        r.tags(d)
        return {topic, partition, errorCode, error: errorOrNull(errorCode), message: errorCode === 0 ? null : message}
      })
      r.tags(d)
      return parts
    })
    .flat()
}

/** FLOAT64 (IEEE 754, big-endian), which kafkajs's Encoder lacks. */
export function writeFloat64(e: Encoder, value: number): void {
  const bytes = Buffer.alloc(8)
  bytes.writeDoubleBE(value)
  e.writeBuffer(bytes)
}

/** kafkajs's protocol error for a non-zero code, null for 0. */
export function errorOrNull(code: number, message?: string | null): Error | null {
  if (code === 0) return null
  const error = errorFromCode(code)
  if (message) error.message = `${error.message} (${message})`
  return error
}

/** Kafka "authorized operations not requested/provided" sentinel. */
export const NO_AUTHORIZED_OPERATIONS = -2147483648

/**
 * Builds a kafkajs ProtocolRequest. For flexible versions the empty request-header
 * tags are prepended and the response-header tags are skipped here, so body
 * encoders/decoders only see the message itself. decode must report the
 * response's throttle time so kafkajs can apply client-side throttling (KIP-219).
 * A response that does not hold together is a CorruptResponseError naming the API.
 */
export function defineRequest<T>(spec: {
  apiKey: number
  apiName: string
  version: number
  flexible: boolean
  /** False for ApiVersions, whose response header never has tagged fields (KIP-511). Default: flexible. */
  responseHeaderTags?: boolean
  encode: (e: Encoder, w: Writer) => void
  decode: (d: ByteReader, r: Reader) => {throttleTimeMs: number; result: T}
}): ProtocolRequest<T> {
  const w = writer(spec.flexible)
  const r = reader(spec.flexible)
  return {
    request: {
      apiKey: spec.apiKey,
      apiVersion: spec.version,
      apiName: spec.apiName,
      encode: () => {
        const e = newEncoder()
        if (spec.flexible) e.writeUVarInt(0)
        spec.encode(e, w)
        return e
      },
    },
    response: {
      decode: (raw: Buffer) => {
        const d = new ByteReader(raw)
        try {
          if (spec.responseHeaderTags ?? spec.flexible) d.tags('response header tags')
          const {throttleTimeMs, result} = spec.decode(d, r)
          return {clientSideThrottleTime: throttleTimeMs, result}
        } catch (error) {
          if (error instanceof MalformedBytes) throw new CorruptResponseError(spec.apiName, error.message)
          throw error
        }
      },
      parse: (decoded: {result: T}) => decoded.result,
    },
  }
}
