import {kafkajs} from './kafkajs.js'
import type {KRecord} from './record.js'

/**
 * Decodes the record batches (magic v2) of one fetched partition into
 * KRecords, with keys, values and header values as views into the response
 * (no copies). Skips control batches and, given the aborted transactions
 * (read_committed), the records of aborted ones. Offsets use Number math:
 * exact below 2^53, which no partition reaches.
 */
export interface DecodedPartition {
  records: KRecord[]
  /** Offset after the last complete batch, or undefined when none was complete. */
  nextOffset?: bigint
}

const NO_HEADERS: Array<[string, Buffer | null]> = []

export async function decodeBatches(topic: string, partition: number, data: Buffer, fromOffset: bigint, aborted: Array<{producerId: bigint; firstOffset: bigint}>): Promise<DecodedPartition> {
  const records: KRecord[] = []
  const from = Number(fromOffset)
  let next: number | undefined
  const pendingAborts = [...aborted].sort((a, b) => (a.firstOffset < b.firstOffset ? -1 : 1))
  const abortedProducers = new Set<bigint>()
  let at = 0
  while (at + 61 <= data.length) {
    const baseOffset = Number(data.readBigInt64BE(at))
    const batchLength = data.readInt32BE(at + 8)
    const end = at + 12 + batchLength
    if (end > data.length) break
    const magic = data.readInt8(at + 16)
    if (magic !== 2) throw new Error(`record batch magic ${magic} at offset ${baseOffset} is not supported (Kafka 0.11+ format only)`)
    const attributes = data.readInt16BE(at + 21)
    const lastOffsetDelta = data.readInt32BE(at + 23)
    const baseTimestamp = Number(data.readBigInt64BE(at + 27))
    const maxTimestamp = Number(data.readBigInt64BE(at + 35))
    const producerId = data.readBigInt64BE(at + 43)
    const count = data.readInt32BE(at + 57)
    const isTransactional = (attributes & 0x10) !== 0
    const isControl = (attributes & 0x20) !== 0
    const logAppendTime = (attributes & 0x08) !== 0
    next = baseOffset + lastOffsetDelta + 1
    while (pendingAborts.length > 0 && Number(pendingAborts[0]!.firstOffset) <= baseOffset + lastOffsetDelta) abortedProducers.add(pendingAborts.shift()!.producerId)
    if (isControl) {
      // An ABORT/COMMIT marker closes the producer's transaction.
      abortedProducers.delete(producerId)
    } else if (!(isTransactional && abortedProducers.has(producerId)) && next > from) {
      let section = data.subarray(at + 61, end)
      const codec = attributes & 0x07
      if (codec !== 0) section = await decompress(codec, section)
      readRecords(section, count, topic, partition, baseOffset, logAppendTime ? maxTimestamp : baseTimestamp, logAppendTime, from, records)
    }
    at = end
  }
  return {records, nextOffset: next === undefined ? undefined : BigInt(next)}
}

function readRecords(buf: Buffer, count: number, topic: string, partition: number, baseOffset: number, baseTimestamp: number, logAppendTime: boolean, from: number, out: KRecord[]): void {
  let at = 0
  const varint = (): number => {
    let result = 0
    let shift = 1
    let b: number
    do {
      b = buf[at++]!
      result += (b & 0x7f) * shift
      shift *= 128
    } while (b & 0x80)
    // zigzag
    return result % 2 === 0 ? result / 2 : -(result + 1) / 2
  }
  const bytes = (): Buffer | null => {
    const n = varint()
    if (n < 0) return null
    const b = buf.subarray(at, at + n)
    at += n
    return b
  }
  for (let i = 0; i < count; i++) {
    const length = varint()
    const endOfRecord = at + length
    at++ // attributes
    const tsDelta = varint()
    const offset = baseOffset + varint()
    if (offset < from) {
      at = endOfRecord
      continue
    }
    const key = bytes()
    const value = bytes()
    const nHeaders = varint()
    let headers = NO_HEADERS
    if (nHeaders > 0) {
      headers = []
      for (let h = 0; h < nHeaders; h++) {
        const k = bytes()
        headers.push([k === null ? '' : k.toString('utf8'), bytes()])
      }
    }
    at = endOfRecord
    out.push({topic, partition, offset: String(offset), timestamp: String(logAppendTime ? baseTimestamp : baseTimestamp + tsDelta), key, value, headers})
  }
}

async function decompress(codec: number, section: Buffer): Promise<Buffer> {
  const make = (kafkajs().CompressionCodecs as unknown as Record<number, (() => {decompress(b: Buffer): Promise<Buffer>}) | undefined>)[codec]
  if (!make) throw new Error(`record batch compressed with unknown codec ${codec}`)
  return make().decompress(section)
}
