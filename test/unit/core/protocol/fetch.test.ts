import assert from 'node:assert/strict'
import {test} from 'node:test'
import {fetchRaw} from '../../../../src/core/protocol/fetch.js'
import {CLIENT_ID, fakeBroker, frame, hex} from './wire.js'

// Fetch (key 1) v11: not flexible (12+ is), request header v1, response header v0.
const args = {
  maxWaitMs: 500,
  maxBytes: 1048576,
  partitionMaxBytes: 65536,
  isolationLevel: 1,
  partitions: [
    {topic: 't', partition: 0, offset: 5n},
    {topic: 'u', partition: 1, offset: 1n},
    {topic: 't', partition: 2, offset: 7n},
  ],
}

const response = hex(
  '00000000 0000 00000000', // throttle_time_ms, error_code, session_id
  '00000002', // two topics
  '0001 74 00000002', // "t", two partitions
  // p0: high watermark 10, last stable 10, log start 0, one aborted transaction, no preferred replica, 4 bytes of records
  '00000000 0000 000000000000000a 000000000000000a 0000000000000000',
  '00000001 0000000000000009 0000000000000006', // aborted: producer 9 from offset 6
  'ffffffff 00000004 cafebabe',
  // p2: OFFSET_OUT_OF_RANGE (1), offsets unknown, aborted null, records null
  '00000002 0001 ffffffffffffffff ffffffffffffffff ffffffffffffffff ffffffff ffffffff ffffffff',
  '0001 75 00000001', // "u", one partition
  '00000001 0000 0000000000000003 0000000000000003 0000000000000000 00000000 ffffffff 00000000', // p1: no aborted, empty records
)

test('Fetch v11 request: header v1; one entry per topic in first-seen order; no session, no forgotten topics, empty rack', async () => {
  const {broker, sent} = fakeBroker(1, 11, [response])
  await fetchRaw(broker, args)
  const expected = frame(
    `0001 000b 00000001 ${CLIENT_ID}`, // key 1, v11, correlation 1, "kfk"
    'ffffffff 000001f4 00000001 00100000 01', // replica_id -1, max_wait_ms 500, min_bytes 1, max_bytes 1 MiB, read_committed
    '00000000 ffffffff', // session_id 0, session_epoch -1 (no fetch session)
    '00000002', // two topics
    '0001 74 00000002', // "t", two partitions
    '00000000 ffffffff 0000000000000005 ffffffffffffffff 00010000', // p0: leader epoch -1, offset 5, log start -1, 64 KiB
    '00000002 ffffffff 0000000000000007 ffffffffffffffff 00010000', // p2: offset 7
    '0001 75 00000001', // "u", one partition
    '00000001 ffffffff 0000000000000001 ffffffffffffffff 00010000', // p1: offset 1
    '00000000', // forgotten_topics_data []
    '0000', // rack_id ""
  )
  assert.deepEqual(sent[0]!.frame, expected)
})

test('Fetch v11 response: per-partition errors, offsets, aborted transactions and raw record bytes', async () => {
  const {broker} = fakeBroker(1, 11, [response])
  assert.deepEqual(await fetchRaw(broker, args), [
    {
      topic: 't',
      partition: 0,
      errorCode: 0,
      highWatermark: 10n,
      lastStableOffset: 10n,
      aborted: [{producerId: 9n, firstOffset: 6n}],
      records: hex('cafebabe'),
    },
    {topic: 't', partition: 2, errorCode: 1, highWatermark: -1n, lastStableOffset: -1n, aborted: [], records: null},
    {topic: 'u', partition: 1, errorCode: 0, highWatermark: 3n, lastStableOffset: 3n, aborted: [], records: hex('')},
  ])
})

test('Fetch v11 top-level error: rejected with the code', async () => {
  // FETCH_SESSION_ID_NOT_FOUND (70), no topics
  const {broker} = fakeBroker(1, 11, [hex('00000000 0046 00000000 00000000')])
  await assert.rejects(fetchRaw(broker, args), {code: 70})
})
