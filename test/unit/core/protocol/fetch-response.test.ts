import assert from 'node:assert/strict'
import {test} from 'node:test'
import {decodeFetchResponse} from '../../../../src/core/protocol/fetch.js'
import {CorruptResponseError} from '../../../../src/core/records/corrupt.js'

/** Fetch v11 response bytes: one topic, one partition, the given aborted list and records. */
function response(records: Buffer | null, abortedCount = 0): Buffer {
  const topic = Buffer.from('orders')
  const parts: Buffer[] = []
  const int = (n: number, size: 2 | 4 | 8) => {
    const b = Buffer.alloc(size)
    if (size === 2) b.writeInt16BE(n)
    else if (size === 4) b.writeInt32BE(n)
    else b.writeBigInt64BE(BigInt(n))
    return b
  }
  parts.push(int(0, 4), int(0, 2), int(0, 4), int(1, 4), int(topic.length, 2), topic, int(1, 4))
  parts.push(int(3, 4), int(0, 2), int(100, 8), int(100, 8), int(0, 8), int(abortedCount, 4))
  for (let i = 0; i < Math.max(0, abortedCount); i++) parts.push(int(7, 8), int(50, 8))
  parts.push(int(-1, 4), int(records === null ? -1 : records.length, 4))
  if (records) parts.push(records)
  return Buffer.concat(parts)
}

test('a well-formed Fetch response decodes to its partitions', () => {
  const out = decodeFetchResponse(response(Buffer.from('abc'), 2))
  assert.equal(out.errorCode, 0)
  assert.equal(out.partitions.length, 1)
  const p = out.partitions[0]!
  assert.deepEqual([p.topic, p.partition, p.highWatermark, p.records?.toString()], ['orders', 3, 100n, 'abc'])
  assert.deepEqual(p.aborted, [
    {producerId: 7n, firstOffset: 50n},
    {producerId: 7n, firstOffset: 50n},
  ])
  assert.equal(decodeFetchResponse(response(null)).partitions[0]!.records, null)
})

test('every cut of a Fetch response, and hostile counts, fail as CorruptResponseError', () => {
  const whole = response(Buffer.from('0123456789'), 1)
  for (let n = 10; n < whole.length; n++) {
    assert.throws(() => decodeFetchResponse(whole.subarray(0, n)), CorruptResponseError, `cut at ${n}`)
  }
  const hugeAborted = response(Buffer.alloc(0))
  hugeAborted.writeInt32BE(0x7fffffff, 4 + 2 + 4 + 4 + 2 + 6 + 4 + 4 + 2 + 24)
  assert.throws(() => decodeFetchResponse(hugeAborted), /corrupt Fetch response from the broker: aborted transactions count 2147483647/)
  const hugeTopics = response(null)
  hugeTopics.writeInt32BE(1_000_000, 10)
  assert.throws(() => decodeFetchResponse(hugeTopics), CorruptResponseError)
  const negativeRecords = response(null)
  negativeRecords.writeInt32BE(-7, negativeRecords.length - 4)
  assert.throws(() => decodeFetchResponse(negativeRecords), /records of orders-3 length -7/)
})
