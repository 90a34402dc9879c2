import assert from 'node:assert/strict'
import {test} from 'node:test'
import {decodeAcquired} from '../../../../../src/core/consume/share/decode.js'
import {batch, sampleRecords} from '../../records/batch-fixtures.js'

const offsets = (rs: Array<{offset: string}>) => rs.map((r) => Number(r.offset))

test('acquired offsets past the last record are gaps, as in ShareCompletedFetch (never released to come back)', async () => {
  const data = await batch(sampleRecords(3), 10)
  const got = await decodeAcquired('t', 0, data, [{firstOffset: 10, lastOffset: 14, deliveryCount: 1}], false)
  assert.deepEqual(offsets(got.delivered), [10, 11, 12])
  assert.deepEqual(got.gaps, [13, 14])
})

test('a batch cut at the byte limit: both paths show what is whole and take the rest of the acquired offsets for gaps', async () => {
  const a = await batch(sampleRecords(3), 10)
  const b = await batch(sampleRecords(3), 13)
  const cut = (await batch(sampleRecords(3), 16)).subarray(0, 40)
  const acquired = [{firstOffset: 10, lastOffset: 20, deliveryCount: 1}]
  const fast = await decodeAcquired('t', 0, Buffer.concat([a, b, cut]), acquired, false)
  assert.deepEqual(offsets(fast.delivered), [10, 11, 12, 13, 14, 15])
  assert.deepEqual(fast.gaps, [16, 17, 18, 19, 20])
  // A corrupt first batch (bad CRC) sends the data down the batch-by-batch path.
  const bad = Buffer.from(a)
  bad[bad.length - 1]! ^= 0xff
  const slow = await decodeAcquired('t', 0, Buffer.concat([bad, b, cut]), acquired, true)
  assert.deepEqual(offsets(slow.delivered), [13, 14, 15])
  assert.deepEqual(slow.corrupt, [10, 11, 12])
  assert.deepEqual(slow.gaps, [16, 17, 18, 19, 20])
})
