import {ByteReader} from '../protocol/bytes.js'
import {BATCH_FIELD as F, BATCH_HEADER, crc32c, HEADER_AFTER_LENGTH, LOG_OVERHEAD} from './batch-encode.js'
import type {KRecord} from './record.js'
import {CorruptRecordsError, MalformedBytes} from './corrupt.js'
import {decompress} from './decompress.js'

/**
 * Decodes the record batches (magic v2) of one fetched partition into
 * KRecords, with keys, values and header values as views into the response
 * (no copies). Skips control batches and, given the aborted transactions
 * (read_committed), the records of aborted ones. Offsets use Number math:
 * exact below 2^53, which no partition reaches.
 *
 * Nothing from the wire is trusted: every length and count is checked against
 * the bytes present, each batch's CRC-32C is verified (as Java's check.crcs),
 * decompression has a ceiling, and any violation is one CorruptRecordsError
 * naming topic, partition and offset. A partial batch at the end of the data
 * is normal (the broker cuts at max bytes) and is left for the next fetch.
 */
export interface DecodedPartition {
  records: KRecord[]
  /** Offset after the last complete batch, or undefined when none was complete. */
  nextOffset?: bigint
}

export interface DecodeLimits {
  /** Largest batch, and largest records section a compressed batch may expand to. */
  maxDecompressedBytes: number
}

/** 64 MiB: 64 times the broker's default max.message.bytes (1 MiB), a generous compression ratio. */
export const DEFAULT_LIMITS: DecodeLimits = {maxDecompressedBytes: 64 * 1024 * 1024}

/** The smallest record: length, attributes, timestamp delta, offset delta, key, value, header count. */
const MIN_RECORD = 7

const NO_HEADERS: Array<[string, Buffer | null]> = []

export async function decodeBatches(
  topic: string,
  partition: number,
  data: Buffer,
  fromOffset: bigint,
  aborted: Array<{producerId: bigint; firstOffset: bigint}>,
  limits: DecodeLimits = DEFAULT_LIMITS,
): Promise<DecodedPartition> {
  const records: KRecord[] = []
  const from = Number(fromOffset)
  let next: number | undefined
  const pendingAborts = [...aborted].sort((a, b) => (a.firstOffset < b.firstOffset ? -1 : 1))
  const abortedProducers = new Set<bigint>()
  let at = 0
  while (at + LOG_OVERHEAD <= data.length) {
    const baseOffset = Number(data.readBigInt64BE(at + F.baseOffset))
    const batchLength = data.readInt32BE(at + F.batchLength)
    const fail = (reason: string) => new CorruptRecordsError(topic, partition, baseOffset, reason)
    if (batchLength < HEADER_AFTER_LENGTH) throw fail(`batch length ${batchLength} is shorter than a batch header`)
    if (baseOffset < 0) throw fail(`negative base offset`)
    const end = at + LOG_OVERHEAD + batchLength
    // A batch no limit lets through is a lying length, not one to wait for (it would be asked for forever).
    if (batchLength > limits.maxDecompressedBytes)
      throw fail(`batch length ${batchLength} is over the ${limits.maxDecompressedBytes}-byte limit`)
    // A cut batch at the end is normal: the broker slices the log at the byte limit.
    if (end > data.length) break
    const magic = data.readInt8(at + F.magic)
    if (magic !== 2) throw fail(`record batch magic ${magic} is not supported (Kafka 0.11+ format only)`)
    const storedCrc = data.readUInt32BE(at + F.crc)
    const crc = crc32c(data.subarray(at + F.attributes, end))
    if (crc !== storedCrc) throw fail(`CRC-32C mismatch (stored ${hex(storedCrc)}, computed ${hex(crc)})`)
    const attributes = data.readInt16BE(at + F.attributes)
    const lastOffsetDelta = data.readInt32BE(at + F.lastOffsetDelta)
    const baseTimestamp = Number(data.readBigInt64BE(at + F.baseTimestamp))
    const maxTimestamp = Number(data.readBigInt64BE(at + F.maxTimestamp))
    const producerId = data.readBigInt64BE(at + F.producerId)
    const count = data.readInt32BE(at + F.recordsCount)
    if (lastOffsetDelta < 0) throw fail(`negative last offset delta ${lastOffsetDelta}`)
    if (count < 0 || count > lastOffsetDelta + 1)
      throw fail(`record count ${count} does not fit the offset range of ${lastOffsetDelta + 1}`)
    const isTransactional = (attributes & 0x10) !== 0
    const isControl = (attributes & 0x20) !== 0
    const logAppendTime = (attributes & 0x08) !== 0
    const codec = attributes & 0x07
    if (codec === 0 && count * MIN_RECORD > batchLength - HEADER_AFTER_LENGTH)
      throw fail(`record count ${count} cannot fit in ${batchLength - HEADER_AFTER_LENGTH} bytes`)
    next = baseOffset + lastOffsetDelta + 1
    while (pendingAborts.length > 0 && Number(pendingAborts[0]!.firstOffset) <= baseOffset + lastOffsetDelta)
      abortedProducers.add(pendingAborts.shift()!.producerId)
    if (isControl) {
      // An ABORT/COMMIT marker closes the producer's transaction.
      abortedProducers.delete(producerId)
    } else if (!(isTransactional && abortedProducers.has(producerId)) && next > from) {
      try {
        let section = data.subarray(at + BATCH_HEADER, end)
        if (codec !== 0) {
          section = await decompress(codec, section, limits.maxDecompressedBytes)
          if (count * MIN_RECORD > section.length)
            throw new MalformedBytes(`record count ${count} cannot fit in ${section.length} decompressed bytes`)
        }
        const base = logAppendTime ? maxTimestamp : baseTimestamp
        readRecords(new ByteReader(section), count, topic, partition, baseOffset, lastOffsetDelta, base, logAppendTime, from, records)
      } catch (error) {
        if (error instanceof MalformedBytes) throw fail(error.message)
        throw error
      }
    }
    at = end
  }
  return {records, nextOffset: next === undefined ? undefined : BigInt(next)}
}

function readRecords(
  r: ByteReader,
  count: number,
  topic: string,
  partition: number,
  baseOffset: number,
  lastOffsetDelta: number,
  baseTimestamp: number,
  logAppendTime: boolean,
  from: number,
  out: KRecord[],
): void {
  for (let i = 0; i < count; i++) {
    const length = r.varint()
    if (length < MIN_RECORD - 1) throw new MalformedBytes(`record ${i} has length ${length}`)
    r.need(length, `record ${i}`)
    const endOfRecord = r.at + length
    // Reads of this record stop at its own end, not the section's.
    const sectionEnd = r.end
    r.end = endOfRecord
    r.at++ // attributes (unused in v2)
    const tsDelta = r.varint()
    const offsetDelta = r.varint()
    if (offsetDelta < 0 || offsetDelta > lastOffsetDelta)
      throw new MalformedBytes(`record ${i} has offset delta ${offsetDelta} outside 0..${lastOffsetDelta}`)
    const offset = baseOffset + offsetDelta
    if (offset < from) {
      r.at = endOfRecord
      r.end = sectionEnd
      continue
    }
    const key = r.varintBytes('key')
    const value = r.varintBytes('value')
    const nHeaders = r.varint()
    if (nHeaders < 0 || nHeaders * 2 > r.remaining) throw new MalformedBytes(`record ${i} has ${nHeaders} headers in ${r.remaining} bytes`)
    let headers = NO_HEADERS
    if (nHeaders > 0) {
      headers = []
      for (let h = 0; h < nHeaders; h++) {
        const k = r.varintBytes('header key')
        if (k === null) throw new MalformedBytes(`record ${i} has a null header key`)
        headers.push([k.toString('utf8'), r.varintBytes('header value')])
      }
    }
    if (r.at !== endOfRecord) throw new MalformedBytes(`record ${i} declares ${length} bytes but holds ${length - (endOfRecord - r.at)}`)
    r.end = sectionEnd
    out.push({
      topic,
      partition,
      offset: String(offset),
      timestamp: String(logAppendTime ? baseTimestamp : baseTimestamp + tsDelta),
      key,
      value,
      headers,
    })
  }
  if (r.remaining !== 0) throw new MalformedBytes(`${r.remaining} bytes left after the declared ${count} records`)
}

function hex(n: number): string {
  return `0x${n.toString(16).padStart(8, '0')}`
}
