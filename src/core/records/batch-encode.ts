import {createRequire} from 'node:module'
import type {OutRecord} from './record.js'

/**
 * Encodes a Kafka RecordBatch (magic v2) straight into one Buffer: the hot
 * path of `kfk produce`. kafkajs builds an Encoder and several objects per
 * record; writing the bytes directly is several times faster.
 */

/**
 * Where each field of a RecordBatch (magic v2) header starts: baseOffset i64,
 * batchLength i32, partitionLeaderEpoch i32, magic i8, crc u32 (CRC-32C of
 * attributes..end), attributes i16, lastOffsetDelta i32, baseTimestamp i64,
 * maxTimestamp i64, producerId i64, producerEpoch i16, baseSequence i32,
 * records i32; then the records (compressed if attributes say so) from
 * BATCH_HEADER. The encoder, the decoder and the share reader all read it here.
 */
export const BATCH_FIELD = {
  baseOffset: 0,
  batchLength: 8,
  partitionLeaderEpoch: 12,
  magic: 16,
  crc: 17,
  attributes: 21,
  lastOffsetDelta: 23,
  baseTimestamp: 27,
  maxTimestamp: 35,
  producerId: 43,
  producerEpoch: 51,
  baseSequence: 53,
  recordsCount: 57,
} as const
/** Bytes from baseOffset to the end of the batch header (records count included). */
export const BATCH_HEADER = 61
/** baseOffset and batchLength, which batchLength does not count (Java's Records.LOG_OVERHEAD). */
export const LOG_OVERHEAD = 12
/** The part of the header that batchLength counts (everything after the length field). */
export const HEADER_AFTER_LENGTH = BATCH_HEADER - LOG_OVERHEAD

export interface BatchMeta {
  producerId: bigint
  producerEpoch: number
  baseSequence: number
  /** Kafka's compression id (0 none, 1 gzip, 2 snappy, 3 lz4, 4 zstd). */
  compression: number
}

/** An upper bound of the bytes `encodeRecordsInto` writes for a record (the accumulator sizes batches with it). */
export function recordSizeBound(r: OutRecord): number {
  let n = RECORD_SIZE_BOUND + (r.key?.length ?? 0) + (r.value?.length ?? 0)
  for (const [k, v] of r.headers) n += HEADER_BOUND + Buffer.byteLength(k) + (v?.length ?? 0)
  return n
}
/** Record framing at most: length, attributes, timestamp and offset deltas, key and value lengths, header count (varints). */
export const RECORD_SIZE_BOUND = 40
const HEADER_BOUND = 10

/** The records section: one Kafka record per entry, with deltas from `baseTimestamp`. */
export function encodeRecords(records: OutRecord[], baseTimestamp: number, now: number): Buffer {
  let bound = 0
  for (const r of records) bound += recordSizeBound(r)
  const buf = Buffer.allocUnsafe(bound)
  return buf.subarray(0, encodeRecordsInto(buf, 0, records, baseTimestamp, now))
}

/** Writes the records section into `buf` from `at` (room for recordSizeBound of each record); returns where it ended. */
export function encodeRecordsInto(buf: Buffer, at: number, records: OutRecord[], baseTimestamp: number, now: number): number {
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!
    at = encodeRecordInto(buf, at, r, i, (r.timestamp === undefined ? now : Number(r.timestamp)) - baseTimestamp)
  }
  return at
}

/** Writes one record at `at` (room for its recordSizeBound); returns where it ended. */
export function encodeRecordInto(buf: Buffer, at: number, r: OutRecord, offsetDelta: number, timestampDelta: number): number {
  const varint = (n: number) => {
    // zigzag, then 7 bits at a time (numbers up to 2^52 stay exact)
    let z = n >= 0 ? n * 2 : -n * 2 - 1
    while (z >= 0x80) {
      buf[at++] = (z % 0x80) | 0x80
      z = Math.floor(z / 0x80)
    }
    buf[at++] = z
  }
  const bytes = (b: Buffer | null) => {
    if (b === null) return varint(-1)
    varint(b.length)
    // Short values copy faster byte by byte than through TypedArray.set.
    if (b.length < 64) for (let i = 0; i < b.length; i++) buf[at++] = b[i]!
    else {
      buf.set(b, at)
      at += b.length
    }
  }
  const headerKeys = r.headers.length === 0 ? NO_KEYS : r.headers.map(([k]) => Buffer.from(k, 'utf8'))
  // The body's length goes first, so it is computed before anything is written (no move afterwards).
  let bodyLength =
    1 + varintSize(timestampDelta) + varintSize(offsetDelta) + bytesSize(r.key) + bytesSize(r.value) + varintSize(r.headers.length)
  for (let h = 0; h < r.headers.length; h++) bodyLength += bytesSize(headerKeys[h]!) + bytesSize(r.headers[h]![1])
  varint(bodyLength)
  buf[at++] = 0 // attributes
  varint(timestampDelta)
  varint(offsetDelta)
  bytes(r.key)
  bytes(r.value)
  varint(r.headers.length)
  for (let h = 0; h < r.headers.length; h++) {
    bytes(headerKeys[h]!)
    bytes(r.headers[h]![1])
  }
  return at
}

const NO_KEYS: Buffer[] = []

/**
 * Writes one header-less record whose key is `src[keyStart, keyEnd)` (keyStart -1: a null key)
 * and value `src[valueStart, valueEnd)`, at `at` (room for its recordSizeBound); returns where it
 * ended. The produce engine's path for plain text lines: key and value are spans of the input
 * chunk, so a line costs no Buffer object, closure or record object (those were a third of a
 * keyed produce's CPU time, with the garbage collection they caused).
 */
export function encodeSpanRecordInto(
  buf: Buffer,
  at: number,
  src: Buffer,
  keyStart: number,
  keyEnd: number,
  valueStart: number,
  valueEnd: number,
  offsetDelta: number,
  timestampDelta: number,
  /** DataViews of `buf` and `src` (the accumulator keeps them: one per batch buffer and per chunk). */
  bufView = viewOf(buf),
  srcView = viewOf(src),
): number {
  const keyLength = keyStart < 0 ? -1 : keyEnd - keyStart
  const valueLength = valueEnd - valueStart
  const bodyLength =
    3 + // attributes, and the header count (0) and key length (-1: null) of one byte each
    varintSize(timestampDelta) +
    varintSize(offsetDelta) +
    (keyLength < 0 ? 0 : varintSize(keyLength) - 1 + keyLength) +
    varintSize(valueLength) +
    valueLength
  at = writeVarint(buf, at, bodyLength)
  buf[at++] = 0 // attributes
  at = writeVarint(buf, at, timestampDelta)
  at = writeVarint(buf, at, offsetDelta)
  at = writeVarint(buf, at, keyLength)
  if (keyLength > 0) at = copySpan(src, srcView, keyStart, keyEnd, buf, bufView, at)
  at = writeVarint(buf, at, valueLength)
  at = copySpan(src, srcView, valueStart, valueEnd, buf, bufView, at)
  buf[at++] = 0 // no headers
  return at
}

/** A zigzag varint at `at`; returns where it ended. */
function writeVarint(buf: Buffer, at: number, n: number): number {
  if (n >= 0 && n < 0x40) {
    buf[at] = n << 1
    return at + 1
  }
  // zigzag, then 7 bits at a time (numbers up to 2^52 stay exact)
  let z = n >= 0 ? n * 2 : -n * 2 - 1
  while (z >= 0x80) {
    buf[at++] = (z % 0x80) | 0x80
    z = Math.floor(z / 0x80)
  }
  buf[at++] = z
  return at
}

/** A DataView over exactly a Buffer's bytes. */
export function viewOf(b: Buffer): DataView {
  return new DataView(b.buffer, b.byteOffset, b.length)
}

/**
 * Copies `src[start, end)` to `dst` at `at`; returns where it ended. Short spans (a 100-byte value)
 * go 8 bytes a step through DataViews, about twice as fast as Buffer.copy, whose cost for them
 * is the Uint8Array view it allocates per call (it was the top self-time function of a 1M x 100 B
 * produce, ~140 ns a record); long ones go through Buffer.copy's memcpy.
 */
function copySpan(src: Buffer, srcView: DataView, start: number, end: number, dst: Buffer, dstView: DataView, at: number): number {
  const n = end - start
  if (n >= 256) return at + src.copy(dst, at, start, end)
  const end8 = start + (n & ~7)
  let i = start
  for (; i < end8; i += 8, at += 8) {
    dstView.setInt32(at, srcView.getInt32(i, true), true)
    dstView.setInt32(at + 4, srcView.getInt32(i + 4, true), true)
  }
  for (; i < end; i++) dst[at++] = src[i]!
  return at
}

/** Bytes of a zigzag varint. */
function varintSize(n: number): number {
  if (n >= 0 && n < 0x40) return 1
  let z = n >= 0 ? n * 2 : -n * 2 - 1
  let size = 1
  while (z >= 0x80) {
    z = Math.floor(z / 0x80)
    size++
  }
  return size
}

function bytesSize(b: Buffer | null): number {
  return b === null ? 1 : varintSize(b.length) + b.length
}

/** The whole batch around an (optionally compressed) records section. */
export function encodeBatch(section: Buffer, count: number, baseTimestamp: number, maxTimestamp: number, meta: BatchMeta): Buffer {
  const out = Buffer.allocUnsafe(BATCH_HEADER + section.length)
  section.copy(out, BATCH_HEADER)
  writeBatchHeader(out, count, baseTimestamp, maxTimestamp, meta)
  return out
}

/**
 * Fills in the header of a batch whose records already sit at BATCH_HEADER
 * (the uncompressed produce path: no copy). Without `crc` the checksum is
 * left for stampBatch, which the producer runs on every batch before it is sent.
 */
export function writeBatchHeader(
  out: Buffer,
  count: number,
  baseTimestamp: number,
  maxTimestamp: number,
  meta: BatchMeta,
  crc = true,
): Buffer {
  const F = BATCH_FIELD
  out.writeBigInt64BE(0n, F.baseOffset)
  out.writeInt32BE(out.length - LOG_OVERHEAD, F.batchLength)
  out.writeInt32BE(-1, F.partitionLeaderEpoch)
  out.writeInt8(2, F.magic)
  out.writeInt16BE(meta.compression, F.attributes)
  out.writeInt32BE(count - 1, F.lastOffsetDelta)
  out.writeBigInt64BE(BigInt(baseTimestamp), F.baseTimestamp)
  out.writeBigInt64BE(BigInt(maxTimestamp), F.maxTimestamp)
  out.writeBigInt64BE(meta.producerId, F.producerId)
  out.writeInt16BE(meta.producerEpoch, F.producerEpoch)
  out.writeInt32BE(meta.baseSequence, F.baseSequence)
  out.writeInt32BE(count, F.recordsCount)
  if (crc) out.writeUInt32BE(crc32c(out.subarray(F.attributes)), F.crc)
  return out
}

/**
 * Writes the producer id, epoch and base sequence into an encoded batch and
 * recomputes its CRC: the produce engine stamps a batch when it first sends
 * it, and again with a new epoch if the broker lost the producer's state.
 */
export function stampBatch(batch: Buffer, producerId: bigint, producerEpoch: number, baseSequence: number): void {
  batch.writeBigInt64BE(producerId, BATCH_FIELD.producerId)
  batch.writeInt16BE(producerEpoch, BATCH_FIELD.producerEpoch)
  batch.writeInt32BE(baseSequence, BATCH_FIELD.baseSequence)
  batch.writeUInt32BE(crc32c(batch.subarray(BATCH_FIELD.attributes)), BATCH_FIELD.crc)
}

/** CRC-32C (Castagnoli), slicing by 8: several times faster than kafkajs's byte-at-a-time table. */
const CRC_TABLES = (() => {
  const t = Array.from({length: 8}, () => new Uint32Array(256))
  for (let i = 0; i < 256; i++) {
    let c = i
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1
    t[0]![i] = c >>> 0
  }
  for (let i = 0; i < 256; i++) for (let k = 1; k < 8; k++) t[k]![i] = (t[0]![t[k - 1]![i]! & 0xff]! ^ (t[k - 1]![i]! >>> 8)) >>> 0
  return t
})()

/** CRC-32C in SIMD from @node-rs/crc32 where its binary loads; the JS version below otherwise. */
const nativeCrc32c = (() => {
  try {
    return (createRequire(import.meta.url)('@node-rs/crc32') as {crc32c: (b: Buffer) => number}).crc32c
  } catch {
    return undefined
  }
})()

export function crc32c(buf: Buffer): number {
  return nativeCrc32c ? nativeCrc32c(buf) >>> 0 : crc32cJs(buf)
}

export function crc32cJs(buf: Buffer): number {
  const [t0, t1, t2, t3, t4, t5, t6, t7] = CRC_TABLES as [
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
  ]
  let crc = 0xffffffff
  let i = 0
  const n8 = buf.length - (buf.length % 8)
  for (; i < n8; i += 8) {
    const a = (buf[i]! | (buf[i + 1]! << 8) | (buf[i + 2]! << 16) | (buf[i + 3]! << 24)) ^ crc
    crc =
      t7[a & 0xff]! ^
      t6[(a >>> 8) & 0xff]! ^
      t5[(a >>> 16) & 0xff]! ^
      t4[a >>> 24]! ^
      t3[buf[i + 4]!]! ^
      t2[buf[i + 5]!]! ^
      t1[buf[i + 6]!]! ^
      t0[buf[i + 7]!]!
  }
  for (; i < buf.length; i++) crc = t0[(crc ^ buf[i]!) & 0xff]! ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}
