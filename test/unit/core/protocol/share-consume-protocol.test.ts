import assert from 'node:assert/strict'
import {test} from 'node:test'
import {shareGroupHeartbeat} from '../../../../src/core/protocol/share-group-heartbeat.js'
import {shareFetch, type ShareFetchRequest} from '../../../../src/core/protocol/share-fetch.js'
import {shareAcknowledge} from '../../../../src/core/protocol/share-acknowledge.js'
import {CLIENT_ID, fakeBroker, frame, hex, UUID_HEX, UUID_TEXT} from './wire.js'

// ShareGroupHeartbeat (key 76) v1, ShareFetch (key 78) v1-2, ShareAcknowledge (key 79) v1-2: flexible,
// written by hand from Kafka 4.4's ShareGroupHeartbeat*.json, ShareFetch*.json and ShareAcknowledge*.json.

test('ShareGroupHeartbeat v1: join with the subscription; the answer carries epoch, interval and the assignment', async () => {
  const response = hex(
    '00', // response header tags
    '00000000 0000 00', // throttle, no error, null message
    '02 6d', // member id "m"
    '00000001 00001388', // epoch 1, interval 5000
    `01 02 ${UUID_HEX} 03 00000000 00000002 00 00`, // assignment present: [topic [0, 2]], tags; struct tags
    '00',
  )
  const {broker, sent} = fakeBroker(76, 1, [response])
  const answer = await shareGroupHeartbeat(broker, {groupId: 'g', memberId: 'm', memberEpoch: 0, subscribedTopicNames: ['t']})
  // tags | "g" | "m" | epoch 0 | rack null | ["t"] | tags
  assert.deepEqual(sent[0]!.frame, frame(`004c 0001 00000001 ${CLIENT_ID} 00`, '02 67 02 6d 00000000 00 02 02 74 00'))
  assert.deepEqual(answer, {
    errorCode: 0,
    error: null,
    memberEpoch: 1,
    heartbeatIntervalMs: 5000,
    assignment: [{topicId: UUID_TEXT, partitions: [0, 2]}],
  })
})

test('ShareGroupHeartbeat v1: leaving is epoch -1 with a null subscription; a null assignment (-1) means unchanged', async () => {
  const {broker, sent} = fakeBroker(76, 1, [hex('00', '00000000 0000 00 00 ffffffff 00001388 ff 00')])
  const answer = await shareGroupHeartbeat(broker, {groupId: 'g', memberId: 'm', memberEpoch: -1, subscribedTopicNames: null})
  assert.deepEqual(sent[0]!.frame, frame(`004c 0001 00000001 ${CLIENT_ID} 00`, '02 67 02 6d ffffffff 00 00 00'))
  assert.equal(answer.assignment, null)
  assert.equal(answer.memberEpoch, -1)
})

const fetchRequest: ShareFetchRequest = {
  groupId: 'g',
  memberId: 'm',
  sessionEpoch: 2,
  maxWaitMs: 500,
  minBytes: 1,
  maxBytes: 1024,
  maxRecords: 5,
  batchSize: 5,
  recordLimit: true,
  partitions: [{topicId: UUID_TEXT, partition: 1, acknowledgements: [{firstOffset: 10, lastOffset: 12, types: [1, 0, 2]}]}],
  forgotten: [{topicId: UUID_TEXT, partition: 0}],
}

test('ShareFetch v2 request: session epoch, record limit, acknowledgements per offset, forgotten partitions', async () => {
  const {broker, sent} = fakeBroker(78, 2, [hex('00', '00000000 0000 00 00007530 01 01 00')])
  await shareFetch(broker, fetchRequest)
  assert.deepEqual(
    sent[0]!.frame,
    frame(
      `004e 0002 00000001 ${CLIENT_ID} 00`,
      '02 67 02 6d', // group "g", member "m"
      '00000002 000001f4 00000001 00000400 00000005 00000005', // epoch 2, wait 500, min 1, max 1024, records 5, batch 5
      '01 00', // acquire mode record-limit, not a renew
      `02 ${UUID_HEX} 02 00000001`, // topics: [id [partition 1
      '02 000000000000000a 000000000000000c 04 01 00 02 00', //  acks [10..12 types accept, gap, release]]
      '00 00', // partition tags, topic tags
      `02 ${UUID_HEX} 02 00000000 00`, // forgotten [id [0]]
      '00',
    ),
  )
})

test('ShareFetch v1 request has no acquire mode nor renew flag', async () => {
  const {broker, sent} = fakeBroker(78, 1, [hex('00', '00000000 0000 00 00007530 01 01 00')])
  await shareFetch(broker, {...fetchRequest, partitions: [], forgotten: []})
  assert.deepEqual(
    sent[0]!.frame,
    frame(`004e 0001 00000001 ${CLIENT_ID} 00`, '02 67 02 6d 00000002 000001f4 00000001 00000400 00000005 00000005 01 01 00'),
  )
})

test('ShareFetch response: per partition the errors, the records as bytes and the acquired ranges with delivery counts', async () => {
  const records = 'deadbeef'
  const response = hex(
    '00',
    '00000000 0000 00 00007530', // throttle, ok, null message, lock 30000 ms
    `02 ${UUID_HEX} 03`, // one topic, two partitions
    '00000001 0000 00 0000 00 00000002 00000007 00', // p1: ok, ack ok, leader 2 epoch 7
    `05 ${records}`, // records (4 bytes)
    '03 0000000000000000 0000000000000001 0001 00 0000000000000003 0000000000000003 0002 00', // acquired [0-1 x1, 3 x2]
    '00',
    '00000002 0006 00 0079 07 6c6f636b6564 ffffffff 00000000 00 01 01 00', // p2: NOT_LEADER, ack INVALID_RECORD_STATE "locked", empty records
    '00', // topic tags
    '02 00000002 02 68 00002382 00 00', // node endpoints [2 "h" 9090 rack null]
    '00',
  )
  const {broker} = fakeBroker(78, 2, [response])
  const answer = await shareFetch(broker, fetchRequest)
  assert.equal(answer.acquisitionLockTimeoutMs, 30_000)
  assert.deepEqual(answer.partitions[0], {
    topicId: UUID_TEXT,
    partition: 1,
    errorCode: 0,
    errorMessage: null,
    acknowledgeErrorCode: 0,
    acknowledgeErrorMessage: null,
    leaderId: 2,
    records: Buffer.from(records, 'hex'),
    acquired: [
      {firstOffset: 0, lastOffset: 1, deliveryCount: 1},
      {firstOffset: 3, lastOffset: 3, deliveryCount: 2},
    ],
  })
  const p2 = answer.partitions[1]!
  assert.deepEqual(
    [p2.errorCode, p2.acknowledgeErrorCode, p2.acknowledgeErrorMessage, p2.leaderId, p2.records?.length, p2.acquired],
    [6, 121, 'locked', -1, 0, []],
  )
})

test('ShareAcknowledge v2: the closing request (epoch -1) with its acknowledgements; per-partition errors come back', async () => {
  const response = hex(
    '00',
    '00000000 0000 00 00007530', // throttle, ok, null message, lock timeout (v2)
    `02 ${UUID_HEX} 02 00000001 0079 00 00000002 00000007 00 00 00`, // p1: INVALID_RECORD_STATE, leader 2
    '01', // no node endpoints
    '00',
  )
  const {broker, sent} = fakeBroker(79, 2, [response])
  const answer = await shareAcknowledge(broker, {
    groupId: 'g',
    memberId: 'm',
    sessionEpoch: -1,
    partitions: [{topicId: UUID_TEXT, partition: 1, acknowledgements: [{firstOffset: 5, lastOffset: 9, types: [3]}]}],
  })
  assert.deepEqual(
    sent[0]!.frame,
    frame(
      `004f 0002 00000001 ${CLIENT_ID} 00`,
      '02 67 02 6d ffffffff 00', // group, member, epoch -1, not a renew
      `02 ${UUID_HEX} 02 00000001 02 0000000000000005 0000000000000009 02 03 00 00 00`, // [id [1 [5..9 reject]]]
      '00',
    ),
  )
  assert.deepEqual(answer, {
    errorCode: 0,
    errorMessage: null,
    partitions: [{topicId: UUID_TEXT, partition: 1, errorCode: 121, errorMessage: null}],
  })
})
