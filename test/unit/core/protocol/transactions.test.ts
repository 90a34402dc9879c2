import assert from 'node:assert/strict'
import {test} from 'node:test'
import {describeProducers} from '../../../../src/core/protocol/describe-producers.js'
import {describeTransactions} from '../../../../src/core/protocol/describe-transactions.js'
import {listTransactions} from '../../../../src/core/protocol/list-transactions.js'
import {writeAbortMarker} from '../../../../src/core/protocol/write-txn-markers.js'
import {CLIENT_ID, fakeBroker, frame, hex} from './wire.js'

// ListTransactions (66) v0-2, DescribeTransactions (65) v0, DescribeProducers (61) v0 and
// WriteTxnMarkers (27) v1: all flexible.
const ONGOING = '08 4f6e676f696e67' // compact "Ongoing"
const T1 = '03 7431' // compact "t1"
const PID = '0000000000000007'

test('ListTransactions v2: state, producer id, duration and id-pattern filters; states per id', async () => {
  const response = hex('00', '00000000 0000', '02 04 426164', '02', T1, PID, ONGOING, '00', '00') // unknown state "Bad"
  const {broker, sent} = fakeBroker(66, 2, [response])
  const listed = await listTransactions(broker, {states: ['Ongoing'], producerIds: [5n], durationMs: 1000, transactionalIdPattern: 'a.*'})
  assert.deepEqual(
    sent[0]!.frame,
    frame(`0042 0002 00000001 ${CLIENT_ID} 00`, '02 ' + ONGOING, '02 0000000000000005', '00000000000003e8', '04 612e2a', '00'),
  )
  assert.deepEqual(listed, {transactions: [{transactionalId: 't1', producerId: 7n, state: 'Ongoing'}], unknownStates: ['Bad']})
})

test('ListTransactions: v0 without filters beyond states; a pattern needs a broker with v2', async () => {
  const {broker, sent} = fakeBroker(66, 0, [hex('00', '00000000 0000', '01', '01', '00')])
  assert.deepEqual(await listTransactions(broker, {states: [], producerIds: []}), {transactions: [], unknownStates: []})
  assert.deepEqual(sent[0]!.frame, frame(`0042 0000 00000001 ${CLIENT_ID} 00`, '01', '01', '00'))
  const old = fakeBroker(66, 1, [])
  await assert.rejects(listTransactions(old.broker, {states: [], producerIds: [], transactionalIdPattern: 'x'}), {
    message: 'this cluster offers ListTransactions v0-v1, and kfk speaks v2 of it',
  })
  // A broker before Kafka 3.0 has no ListTransactions at all: one line naming the release that brought it.
  const none = fakeBroker(3, 12, [])
  await assert.rejects(listTransactions(none.broker, {states: [], producerIds: []}), {
    message: 'this cluster does not offer ListTransactions (API 66), which came with Kafka 3.0 (KIP-664)',
    hint: /older Kafka release/,
  })
})

test('DescribeTransactions v0: state, timeout, start time, producer and partitions per id', async () => {
  const response = hex(
    '00',
    '00000000',
    '02',
    '0000',
    T1,
    ONGOING,
    '0000ea60', // timeout 60000
    '0000018c00000000', // start time
    PID,
    '0002',
    '02 02 74 03 00000000 00000001 00', // t: 0, 1
    '00',
    '00',
  )
  const {broker, sent} = fakeBroker(65, 0, [response])
  const [t] = await describeTransactions(broker, ['t1'])
  assert.deepEqual(sent[0]!.frame, frame(`0041 0000 00000001 ${CLIENT_ID} 00`, '02 ' + T1, '00'))
  assert.deepEqual(t, {
    errorCode: 0,
    error: null,
    transactionalId: 't1',
    state: 'Ongoing',
    timeoutMs: 60000,
    startTimeMs: 0x18c00000000,
    producerId: 7n,
    producerEpoch: 2,
    partitions: [{topic: 't', partitions: [0, 1]}],
  })
})

test('DescribeProducers v0: active producers per partition with the open transaction’s first offset', async () => {
  const response = hex(
    '00',
    '00000000',
    '02 02 74', // topic "t"
    '02 00000000 0000 00', // partition 0, no error, null message
    '02',
    PID,
    '00000002 00000009 000000000000abcd 00000003 0000000000000064 00', // epoch 2, seq 9, ts, coordinator epoch 3, txn start 100
    '00',
    '00',
    '00',
  )
  const {broker, sent} = fakeBroker(61, 0, [response])
  const [p] = await describeProducers(broker, [{topic: 't', partitions: [0]}])
  assert.deepEqual(sent[0]!.frame, frame(`003d 0000 00000001 ${CLIENT_ID} 00`, '02 02 74 02 00000000 00', '00'))
  assert.deepEqual(p, {
    topic: 't',
    partition: 0,
    error: null,
    message: null,
    producers: [
      {producerId: 7n, producerEpoch: 2, lastSequence: 9, lastTimestamp: 0xabcd, coordinatorEpoch: 3, currentTxnStartOffset: 100n},
    ],
  })
})

test('WriteTxnMarkers v1: one abort marker (result false) for one partition; the partition’s error is thrown', async () => {
  const ok = hex('00', '02', PID, '02 02 74 02 00000001 0000 00 00', '00', '00')
  const {broker, sent} = fakeBroker(27, 1, [ok, hex('00', '02', PID, '02 02 74 02 00000001 0006 00 00', '00', '00')])
  const marker = {producerId: 7n, producerEpoch: 2, coordinatorEpoch: 3, topic: 't', partition: 1}
  await writeAbortMarker(broker, marker)
  assert.deepEqual(
    sent[0]!.frame,
    frame(`001b 0001 00000001 ${CLIENT_ID} 00`, '02', PID, '0002 00', '02 02 74 02 00000001 00', '00000003 00', '00'),
  )
  await assert.rejects(
    writeAbortMarker(broker, marker),
    (e: Error & {type: string}) => e.type === 'NOT_LEADER_FOR_PARTITION' || e.type === 'NOT_LEADER_OR_FOLLOWER',
  )
})
