import assert from 'node:assert/strict'
import {test} from 'node:test'
import {countByType, ShareSession, type SharePart} from '../../../../../src/core/consume/share/session.js'

const part = (partition: number): SharePart => ({topic: 't', partition, topicId: 'AAAAAAAAAAAAAAAAAAAAAA', key: `t:${partition}`})
const [p0, p1] = [part(0), part(1)]

test('share session: the opening fetch lists every partition and no acknowledgements; later ones only new partitions or acknowledgements', () => {
  const s = new ShareSession()
  s.ack(p0, [5], 1)
  const open = s.nextFetch([p0, p1])
  assert.equal(open.epoch, 0)
  assert.deepEqual(
    open.partitions.map((p) => [p.partition, p.acknowledgements.length]),
    [
      [0, 0],
      [1, 0],
    ],
  )
  s.fetched(open)
  const next = s.nextFetch([p0, p1])
  assert.equal(next.epoch, 1)
  assert.deepEqual(next.partitions, [{topicId: p0.topicId, partition: 0, acknowledgements: [{firstOffset: 5, lastOffset: 5, types: [1]}]}])
  s.fetched(next)
  assert.equal(s.nextFetch([p0, p1]).partitions.length, 0)
})

test('share session: a partition no longer wanted has its acknowledgements taken for a ShareAcknowledge, then is forgotten', () => {
  const s = new ShareSession()
  s.fetched(s.nextFetch([p0, p1]))
  s.ack(p1, [7, 8], 1)
  // Still pending: not forgotten yet, and its acknowledgements are not fetched with p0.
  assert.deepEqual(s.nextFetch([p0]).forgotten, [])
  const unwanted = s.takeUnwanted([p0])
  assert.deepEqual([...unwanted.keys()], ['t:1'])
  s.acknowledged()
  const plan = s.nextFetch([p0])
  assert.deepEqual(plan.forgotten, [{topicId: p1.topicId, partition: 1}])
  s.fetched(plan)
  assert.equal(s.nextFetch([p0]).forgotten.length, 0)
})

test('share session: a failed request puts its acknowledgements back (a newer one wins) and reopens the session', () => {
  const s = new ShareSession()
  s.fetched(s.nextFetch([p0]))
  s.ack(p0, [1, 2, 3], 1)
  const plan = s.nextFetch([p0])
  assert.equal(s.pendingRecords, 0)
  s.ack(p0, [3], 2) // released after the request went out
  s.failed(plan.acks)
  assert.equal(s.epoch, 0)
  assert.equal(s.pendingRecords, 3)
  // Epoch 0: the broker refuses acknowledgements, so they wait for the next request.
  const open = s.nextFetch([p0])
  assert.deepEqual(open.partitions[0]!.acknowledgements, [])
  s.fetched(open)
  assert.deepEqual(s.nextFetch([p0]).partitions[0]!.acknowledgements, [{firstOffset: 1, lastOffset: 3, types: [1, 1, 2]}])
})

test('acknowledgements counted by type, per offset or per range', () => {
  const counts = countByType([
    {firstOffset: 0, lastOffset: 9, types: [1]},
    {firstOffset: 20, lastOffset: 22, types: [1, 0, 3]},
  ])
  assert.deepEqual([...counts].sort(), [
    [0, 1],
    [1, 11],
    [3, 1],
  ])
})
