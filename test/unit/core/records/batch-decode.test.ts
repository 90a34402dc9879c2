import assert from 'node:assert/strict'
import {test} from 'node:test'
import {gzipSync} from 'node:zlib'
import {decodeBatches} from '../../../../src/core/records/batch-decode.js'
import {CorruptRecordsError} from '../../../../src/core/records/corrupt.js'
import {encodeBatch} from '../../../../src/core/records/batch-encode.js'
import {BASE_TS, batch, fixCrc, sampleRecords} from './batch-fixtures.js'

const CODECS = [
  [0, 'none'],
  [1, 'gzip'],
  [2, 'snappy'],
  [3, 'lz4'],
  [4, 'zstd'],
] as const

const corrupt = (pattern: RegExp) => (e: unknown) =>
  e instanceof CorruptRecordsError && pattern.test(e.message) && !e.message.includes('\n')

for (const [codec, name] of CODECS) {
  test(`round trip (${name}): encodeBatch/encodeRecords decode to the same records`, async () => {
    const records = sampleRecords(300, codec + 1)
    const data = Buffer.concat([await batch(records.slice(0, 120), 1000, codec), await batch(records.slice(120), 1120, codec)])
    const decoded = await decodeBatches('t', 4, data, 1000n, [])
    assert.equal(decoded.nextOffset, 1300n)
    assert.equal(decoded.records.length, 300)
    decoded.records.forEach((r, i) => {
      assert.equal(r.offset, String(1000 + i))
      assert.equal(r.topic, 't')
      assert.equal(r.partition, 4)
      assert.equal(r.timestamp, records[i]!.timestamp)
      assert.deepEqual(r.key, records[i]!.key)
      assert.deepEqual(r.value, records[i]!.value)
      assert.deepEqual(r.headers, records[i]!.headers)
    })
  })
}

test('records before the fetch offset are skipped; a cut batch at the end waits for the next fetch', async () => {
  const first = await batch(sampleRecords(10), 0)
  const second = await batch(sampleRecords(10), 10)
  const data = Buffer.concat([first, second.subarray(0, second.length - 5)])
  const decoded = await decodeBatches('t', 0, data, 4n, [])
  assert.deepEqual(
    decoded.records.map((r) => r.offset),
    ['4', '5', '6', '7', '8', '9'],
  )
  assert.equal(decoded.nextOffset, 10n)
  // A cut batch alone (the broker's slice at a partition's byte limit): nothing yet, no error.
  assert.deepEqual(await decodeBatches('t', 0, second.subarray(0, 70), 10n, []), {records: [], nextOffset: undefined})
})

test('a negative or too-short batch length fails at once (it used to spin forever)', async () => {
  for (const length of [-1, -2147483648, 0, 48]) {
    const b = await batch(sampleRecords(3), 77)
    b.writeInt32BE(length, 8)
    await assert.rejects(decodeBatches('orders', 2, b, 77n, []), corrupt(/topic "orders" partition 2 at offset 77: batch length/))
  }
})

test('a batch length beyond the limit fails instead of being fetched forever', async () => {
  const b = await batch(sampleRecords(3), 5)
  b.writeInt32BE(0x7fffffff, 8)
  await assert.rejects(decodeBatches('t', 0, b, 5n, []), corrupt(/over the .*-byte limit/))
})

test('a flipped bit anywhere after the CRC field is a CRC-32C mismatch', async () => {
  const clean = await batch(sampleRecords(20), 0)
  for (let byte = 21; byte < clean.length; byte += 7) {
    const b = Buffer.from(clean)
    b[byte]! ^= 1 << (byte % 8)
    await assert.rejects(decodeBatches('t', 1, b, 0n, []), corrupt(/CRC-32C mismatch/), `byte ${byte}`)
  }
})

test('record counts the bytes cannot hold fail before anything is allocated', async () => {
  for (const count of [2_000_000_000, -5, 4]) {
    const b = await batch(sampleRecords(3), 0)
    b.writeInt32BE(count, 57)
    if (count === 4) b.writeInt32BE(3, 23) // offsets allow 4 records, bytes hold 3
    fixCrc(b)
    await assert.rejects(decodeBatches('t', 0, b, 0n, []), corrupt(/record count|bytes|record 3|varint/))
  }
})

test('lengths inside records are checked against the record and the section', async () => {
  const b = await batch([{key: Buffer.from('k'), value: Buffer.from('v'), headers: [], line: 1}], 0)
  // record: length(1) attributes(1) ts(1) offsetDelta(1) keyLen(1)=0x02 'k' valueLen(1) 'v' headers(1)
  const keyLen = 61 + 4
  for (const bad of [0x7e /* 63 bytes */, 0x03 /* -2 */, 0x01 /* -1 is null: then the value reads 'k' and leftovers remain */]) {
    const c = Buffer.from(b)
    c[keyLen] = bad
    fixCrc(c)
    await assert.rejects(decodeBatches('t', 0, c, 0n, []), corrupt(/key|value|record 0|bytes left/), `key length byte ${bad}`)
  }
  const runaway = Buffer.from(b)
  runaway.fill(0x80, 61, runaway.length)
  fixCrc(runaway)
  await assert.rejects(decodeBatches('t', 0, runaway, 0n, []), corrupt(/varint|record 0/))
})

test('a null header key is refused, as Java does', async () => {
  const b = await batch([{key: null, value: null, headers: [['a', null]], line: 1}], 0)
  const at = b.indexOf(Buffer.from('a'), 61)
  // keyLen varint 0x02 ('a' is 1 byte) -> 0x01 (-1, null); drop 'a' by rebuilding with the record length fixed.
  b[at - 1] = 0x01
  b[at] = 0x01 // value -1 (null), then an extra byte: the record must not hold what it declares
  fixCrc(b)
  await assert.rejects(decodeBatches('t', 0, b, 0n, []), corrupt(/null header key|record 0/))
})

test('decompression has a ceiling: a small gzip bomb fails clearly', async () => {
  const bomb = gzipSync(Buffer.alloc(20 * 1024 * 1024))
  const b = encodeBatch(bomb, 1, BASE_TS, BASE_TS, {producerId: -1n, producerEpoch: -1, baseSequence: -1, compression: 1})
  await assert.rejects(
    decodeBatches('t', 9, b, 0n, [], {maxDecompressedBytes: 1024 * 1024}),
    corrupt(/partition 9 at offset 0: gzip records decompress to more than 1048576 bytes/),
  )
})

test('garbage where compressed data should be fails as corrupt, per codec', async () => {
  for (const [codec, name] of CODECS.slice(1)) {
    const junk = Buffer.from('this is not compressed data at all, not even close'.repeat(3))
    const b = encodeBatch(junk, 3, BASE_TS, BASE_TS, {producerId: -1n, producerEpoch: -1, baseSequence: -1, compression: codec})
    await assert.rejects(decodeBatches('t', 0, b, 0n, []), corrupt(/decompress|record count|varint|record|bytes/), name)
  }
})
