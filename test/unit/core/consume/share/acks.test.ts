import assert from 'node:assert/strict'
import {test} from 'node:test'
import {deliverAcquired, PendingAcks} from '../../../../../src/core/consume/share/acks.js'
import type {KRecord} from '../../../../../src/core/records/record.js'

const rec = (offset: number): KRecord => ({
  topic: 't',
  partition: 0,
  offset: String(offset),
  timestamp: '0',
  key: null,
  value: Buffer.from(String(offset)),
  headers: [],
})

test('only records in acquired ranges are delivered, with their range delivery count; acquired offsets without a record are gaps', () => {
  // Records 0-9 fetched (4 and 5 absent: a transaction marker, a compacted record); acquired 2-5 (x1) and 8 (x3).
  const records = [0, 1, 2, 3, 6, 7, 8, 9].map(rec)
  const {delivered, gaps} = deliverAcquired(records, [
    {firstOffset: 8, lastOffset: 8, deliveryCount: 3},
    {firstOffset: 2, lastOffset: 5, deliveryCount: 1},
  ])
  assert.deepEqual(
    delivered.map((r) => [Number(r.offset), r.deliveryCount]),
    [
      [2, 1],
      [3, 1],
      [8, 3],
    ],
  )
  assert.deepEqual(gaps, [4, 5])
})

test('acknowledgements: each run of consecutive offsets is one batch, one type when all agree, else one per offset', () => {
  const acks = new PendingAcks()
  for (const o of [12, 10, 11]) acks.add(o, 1)
  acks.add(20, 1)
  acks.add(21, 0)
  acks.add(22, 2)
  assert.equal(acks.size, 6)
  assert.deepEqual(acks.take(), [
    {firstOffset: 10, lastOffset: 12, types: [1]},
    {firstOffset: 20, lastOffset: 22, types: [1, 0, 2]},
  ])
  assert.equal(acks.size, 0)
  assert.deepEqual(acks.take(), [])
})
