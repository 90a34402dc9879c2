import assert from 'node:assert/strict'
import {test} from 'node:test'
import {listOffsetsOn, OffsetSpec} from '../../../../src/core/protocol/list-offsets.js'
import {CLIENT_ID, fakeBroker, frame, hex} from './wire.js'

// ListOffsets (key 2) v7: flexible (6+); v7 allows timestamp -3 (max timestamp, KIP-734).
const queries = [
  {topic: 't', partition: 0, timestamp: OffsetSpec.maxTimestamp},
  {topic: 'u', partition: 0, timestamp: OffsetSpec.earliest},
  {topic: 't', partition: 1, timestamp: 1700000000000n},
]

const response = hex(
  '00', // response header tags
  '00000000', // throttle_time_ms
  '03', // two topics
  '02 74 03', // "t", two partitions
  '00000000 0000 0000018bcfe56800 000000000000002a 00000002 00', // p0: timestamp 1700000000000, offset 42, leader epoch 2
  '00000001 0006 ffffffffffffffff ffffffffffffffff ffffffff', // p1: NOT_LEADER_OR_FOLLOWER (6)
  '01 00 01 ff', // partition tags: one unknown field
  '00', // topic tags
  '02 75 02 00000000 0000 ffffffffffffffff 0000000000000000 00000002 00 00', // "u" p0: offset 0, no timestamp
  '00',
)

test('ListOffsets v7 request: header v2, replica -1, isolation level, partitions grouped by topic', async () => {
  const {broker, sent} = fakeBroker(2, 7, [response])
  await listOffsetsOn(broker, queries, {readCommitted: true})
  const expected = frame(
    `0002 0007 00000001 ${CLIENT_ID} 00`,
    'ffffffff 01', // replica_id -1, read_committed
    '03', // two topics
    '02 74 03', // "t", two partitions
    '00000000 ffffffff fffffffffffffffd 00', // p0: current_leader_epoch -1, timestamp -3 (max timestamp)
    '00000001 ffffffff 0000018bcfe56800 00', // p1: timestamp 1700000000000
    '00', // topic tags
    '02 75 02 00000000 ffffffff fffffffffffffffe 00 00', // "u" p0: timestamp -2 (earliest)
    '00',
  )
  assert.deepEqual(sent[0]!.frame, expected)
})

test('ListOffsets v7 response: offset and timestamp per partition, errors per partition, tags skipped', async () => {
  const {broker} = fakeBroker(2, 7, [response])
  const listed = await listOffsetsOn(broker, queries)
  assert.deepEqual(
    listed.map(({error: _error, ...rest}) => rest),
    [
      {topic: 't', partition: 0, errorCode: 0, offset: 42n, timestamp: 1700000000000n},
      {topic: 't', partition: 1, errorCode: 6, offset: -1n, timestamp: -1n},
      {topic: 'u', partition: 0, errorCode: 0, offset: 0n, timestamp: -1n},
    ],
  )
  assert.deepEqual(
    listed.map((l) => (l.error as (Error & {code: number}) | null)?.code ?? null),
    [null, 6, null],
  )
})

const one = hex('00', '00000000', '02', '02 74 02 00000000 0000 ffffffffffffffff 0000000000000005 00000002 00', '00', '00')

test('ListOffsets v10+: the newest version the broker offers, with timeout_ms after the topics', async () => {
  const {broker, sent} = fakeBroker(2, 11, [one])
  const [listed] = await listOffsetsOn(broker, [{topic: 't', partition: 0, timestamp: OffsetSpec.earliestPendingUpload}])
  assert.equal(listed!.offset, 5n)
  const expected = frame(
    `0002 000b 00000001 ${CLIENT_ID} 00`,
    'ffffffff 00', // replica_id -1, read_uncommitted
    '02 02 74 02 00000000 ffffffff fffffffffffffffa 00 00', // "t" p0: timestamp -6 (earliest pending upload)
    '00007530', // timeout_ms 30000
    '00',
  )
  assert.deepEqual(sent[0]!.frame, expected)
})

test('ListOffsets: a spec the broker is too old for is refused naming the version it needs; v8 has no timeout_ms', async () => {
  const {broker} = fakeBroker(2, 9, [])
  await assert.rejects(listOffsetsOn(broker, [{topic: 't', partition: 0, timestamp: OffsetSpec.earliestPendingUpload}]), {
    message: 'this broker offers ListOffsets up to v9, and --time earliest-pending-upload needs v11',
  })
  const v8 = fakeBroker(2, 8, [one])
  await listOffsetsOn(v8.broker, [{topic: 't', partition: 0, timestamp: OffsetSpec.earliestLocal}])
  assert.deepEqual(
    v8.sent[0]!.frame,
    frame(`0002 0008 00000001 ${CLIENT_ID} 00`, 'ffffffff 00', '02 02 74 02 00000000 ffffffff fffffffffffffffc 00 00', '00'),
  )
})

test('ListOffsets v6 (Kafka 2.8): earliest, latest and timestamps on the v7 wire; max-timestamp is refused naming Kafka 3.0', async () => {
  const v6 = fakeBroker(2, 6, [one])
  const [listed] = await listOffsetsOn(v6.broker, [{topic: 't', partition: 0, timestamp: OffsetSpec.latest}])
  assert.equal(listed!.offset, 5n)
  assert.deepEqual(
    v6.sent[0]!.frame,
    frame(`0002 0006 00000001 ${CLIENT_ID} 00`, 'ffffffff 00', '02 02 74 02 00000000 ffffffff ffffffffffffffff 00 00', '00'),
  )
  await assert.rejects(listOffsetsOn(fakeBroker(2, 6, []).broker, [{topic: 't', partition: 0, timestamp: OffsetSpec.maxTimestamp}]), {
    message: 'this broker offers ListOffsets up to v6, and --time max-timestamp needs v7',
    hint: /Kafka 3\.0/,
  })
})
