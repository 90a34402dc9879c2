import assert from 'node:assert/strict'
import {test} from 'node:test'
import {decodeBatches} from '../../../../src/core/records/batch-decode.js'
import {CorruptRecordsError} from '../../../../src/core/records/corrupt.js'
import {batch, fixCrc, prng, sampleRecords} from './batch-fixtures.js'

/**
 * Seeded mutations of real batches (every codec): bit flips, random bytes,
 * extreme ints at header fields, truncation. Half of the cases get their CRC
 * repaired so the structural checks behind it are reached. Each decode must
 * either succeed with no more records than the bytes can hold, or fail with
 * CorruptRecordsError; a hang fails the test by its timeout, and the 1 MiB
 * decompression limit bounds what any case may allocate.
 */
const CASES = 4000
const EXTREMES = [0, -1, 1, 0x7fffffff, -0x80000000, 49, 60, 61, 0xffff]
const HEADER_INTS = [8, 23, 57] // batchLength, lastOffsetDelta, records count

test(`fuzz: ${CASES} mutated batches decode or fail with CorruptRecordsError`, async () => {
  const seeds = await Promise.all(
    [0, 1, 2, 3, 4].map(async (codec) =>
      Buffer.concat([await batch(sampleRecords(40, codec + 3), 100, codec), await batch(sampleRecords(5, 9), 140, codec)]),
    ),
  )
  const rand = prng(0x6b666b)
  const pick = (n: number) => Math.floor(rand() * n)
  const outcomes = {decoded: 0, corrupt: 0}
  for (let i = 0; i < CASES; i++) {
    const source = seeds[i % seeds.length]!
    let b = Buffer.from(source)
    const kind = pick(4)
    if (kind === 0) {
      for (let n = 1 + pick(4); n > 0; n--) b[pick(b.length)]! ^= 1 << pick(8)
    } else if (kind === 1) {
      for (let n = 1 + pick(8); n > 0; n--) b[61 + pick(b.length - 61)] = pick(256)
    } else if (kind === 2) {
      b.writeInt32BE(EXTREMES[pick(EXTREMES.length)]! | 0, HEADER_INTS[pick(HEADER_INTS.length)]!)
    } else {
      b = b.subarray(0, pick(b.length))
    }
    if (rand() < 0.5) fixCrc(b)
    try {
      const out = await decodeBatches('fuzz', 0, b, 100n, [], {maxDecompressedBytes: 1024 * 1024})
      assert.ok(out.records.length <= 45, `case ${i}: ${out.records.length} records from ${b.length} bytes`)
      outcomes.decoded++
    } catch (error) {
      assert.ok(error instanceof CorruptRecordsError, `case ${i} (kind ${kind}): ${(error as Error).stack}`)
      assert.ok(!error.message.includes('\n'), `case ${i}: one line`)
      outcomes.corrupt++
    }
  }
  // Both outcomes occur: the fuzz reaches past the CRC check and is not all rejects.
  assert.ok(outcomes.decoded > 100 && outcomes.corrupt > 1000, JSON.stringify(outcomes))
})
