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
 * writeUVarIntString / readUVarIntString / readUVarIntArray follow that. Its
 * readTaggedFields() is NOT used: it skips each field with readUVarIntBytes,
 * which treats the field size as length+1 although tagged-field sizes are plain,
 * so it under-skips one byte per field. readTags() below does it right.
 */
import {errorFromCode, newDecoder, newEncoder, type Decoder, type Encoder, type ProtocolRequest} from '../kafkajs/adapter.js'

/** Field writers for one encoding: classic (INT16/INT32 lengths) or flexible (compact, tagged). */
export interface Writer {
  string(e: Encoder, v: string | null): void
  array<T>(e: Encoder, items: readonly T[], write: (e: Encoder, item: T) => void): void
  /** A null array (UVarInt 0 in flexible versions, INT32 -1 in classic ones). */
  nullArray(e: Encoder): void
  /** Empty tagged-field section: a no-op in classic versions. */
  tags(e: Encoder): void
}

/** Field readers for one encoding: classic or flexible. */
export interface Reader {
  string(d: Decoder): string
  nullableString(d: Decoder): string | null
  array<T>(d: Decoder, read: (d: Decoder) => T): T[]
  tags(d: Decoder): void
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
        string: (d) => d.readUVarIntString() ?? '',
        nullableString: (d) => d.readUVarIntString(),
        array: (d, read) => d.readUVarIntArray(read) ?? [],
        tags: readTags,
      }
    : {
        string: (d) => d.readString() ?? '',
        nullableString: (d) => d.readString(),
        array: (d, read) => d.readArray(read),
        tags: () => {},
      }
}

/** Skips a tagged-field section: count, then (tag, size, size bytes) per field. */
export function readTags(d: Decoder): void {
  const count = d.readUVarInt()
  for (let i = 0; i < count; i++) {
    d.readUVarInt()
    const size = d.readUVarInt()
    d.offset += size
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
export function readPartitionResults(d: Decoder, r: Reader): PartitionResult[] {
  return r
    .array(d, (d) => {
      const topic = r.string(d)
      const parts = r.array(d, (d): PartitionResult => {
        const partition = d.readInt32()
        const errorCode = d.readInt16()
        const message = r.nullableString(d)
        r.tags(d)
        return {topic, partition, errorCode, error: errorOrNull(errorCode), message: errorCode === 0 ? null : message}
      })
      r.tags(d)
      return parts
    })
    .flat()
}

/** A Kafka UUID (16 bytes) in Kafka's own text form: URL-safe base64 without padding. */
export function readUuid(d: Decoder): string {
  const bytes = d.buffer.subarray(d.offset, d.offset + 16)
  if (bytes.length !== 16) throw new Error('truncated UUID in response')
  d.offset += 16
  return Buffer.from(bytes).toString('base64url')
}

/** FLOAT64 (IEEE 754, big-endian), which kafkajs's Encoder and Decoder lack. */
export function writeFloat64(e: Encoder, value: number): void {
  const bytes = Buffer.alloc(8)
  bytes.writeDoubleBE(value)
  e.writeBuffer(bytes)
}

export function readFloat64(d: Decoder): number {
  const value = d.buffer.readDoubleBE(d.offset)
  d.offset += 8
  return value
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
 */
export function defineRequest<T>(spec: {
  apiKey: number
  apiName: string
  version: number
  flexible: boolean
  /** False for ApiVersions, whose response header never has tagged fields (KIP-511). Default: flexible. */
  responseHeaderTags?: boolean
  encode: (e: Encoder, w: Writer) => void
  decode: (d: Decoder, r: Reader) => {throttleTimeMs: number; result: T}
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
        const d = newDecoder(raw)
        if (spec.responseHeaderTags ?? spec.flexible) readTags(d)
        const {throttleTimeMs, result} = spec.decode(d, r)
        return {clientSideThrottleTime: throttleTimeMs, result}
      },
      parse: (decoded: {result: T}) => decoded.result,
    },
  }
}
