import {kafkajs} from '../../../../src/core/kafkajs/load.js'
import {registerCodecs} from '../../../../src/core/records/codecs.js'
import {crc32c, encodeBatch, encodeRecords} from '../../../../src/core/records/batch-encode.js'
import type {OutRecord} from '../../../../src/core/records/record.js'

/** Test batches made by kfk's own encoder, so decoding is checked against what produce writes. */
export const BASE_TS = 1_700_000_000_000

export function sampleRecords(n: number, seed = 1): OutRecord[] {
  const out: OutRecord[] = []
  for (let i = 0; i < n; i++) {
    const key = i % 5 === 0 ? null : Buffer.from(`key-${seed}-${i}`)
    const value = i % 7 === 3 ? null : Buffer.from(`value ${i} `.repeat(1 + ((i * seed) % 13)))
    const headers: OutRecord['headers'] =
      i % 3 === 0
        ? [
            ['h', Buffer.from(String(i))],
            ['n', null],
            ['h', Buffer.from([0xff, 0])],
          ]
        : []
    out.push({key, value, headers, timestamp: String(BASE_TS + i * 3), line: i + 1})
  }
  return out
}

export async function batch(records: OutRecord[], baseOffset: number, compression = 0): Promise<Buffer> {
  registerCodecs()
  let section = encodeRecords(records, BASE_TS, BASE_TS)
  if (compression !== 0) {
    const make = (kafkajs().CompressionCodecs as unknown as Record<number, () => {compress(e: {buffer: Buffer}): Promise<Buffer>}>)[
      compression
    ]!
    section = await make().compress({buffer: section})
  }
  const b = encodeBatch(section, records.length, BASE_TS, BASE_TS + (records.length - 1) * 3, {
    producerId: -1n,
    producerEpoch: -1,
    baseSequence: -1,
    compression,
  })
  // baseOffset is outside the CRC, so the broker (and this) may set it after encoding.
  b.writeBigInt64BE(BigInt(baseOffset), 0)
  return b
}

/** Rewrites the CRC of the batch at `at`, so a mutation tests the structural checks behind it. */
export function fixCrc(buf: Buffer, at = 0): void {
  if (at + 21 > buf.length) return
  const end = at + 12 + buf.readInt32BE(at + 8)
  if (end > buf.length || end < at + 21) return
  buf.writeUInt32BE(crc32c(buf.subarray(at + 21, end)), at + 17)
}

/** mulberry32: a small seeded PRNG, so a fuzz failure reproduces. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
