import assert from 'node:assert/strict'
import {test} from 'node:test'
import {shareGroupDescribeOn} from '../../../../src/core/protocol/share-group-describe.js'
import {describeShareGroupOffsetsOn} from '../../../../src/core/protocol/describe-share-group-offsets.js'
import {CLIENT_ID, fakeBroker, frame, hex, UUID_HEX, UUID_TEXT} from './wire.js'

// ShareGroupDescribe (key 77) v1 and DescribeShareGroupOffsets (key 90) v0-1: flexible, from Kafka 4.4's
// ShareGroupDescribe*.json and DescribeShareGroupOffsets*.json.
test('ShareGroupDescribe v1: members with their assignments; a group that is not a share group carries its error', async () => {
  const response = hex(
    '00', // response header tags
    '00000000', // throttle
    '03', // two groups
    '0000 00 03 6731', // ok, null message, "g1"
    '07 537461626c65', // "Stable"
    '00000003 00000002', // group epoch 3, assignment epoch 2
    '07 73696d706c65', // assignor "simple"
    '02', // one member
    '03 6d31 00 00000003 02 63 03 2f68', // "m1", rack null, epoch 3, client "c", host "/h"
    '02 02 74', // subscribed ["t"]
    `02 ${UUID_HEX} 02 74 03 00000000 00000001 00 00`, // assignment: "t" [0, 1], tags; assignment tags
    '00', // member tags
    '80000000', // authorized operations (not asked)
    '00', // group tags
    '0045 05 6e6f7065 03 6732 01 00000000 00000000 01 01 80000000 00', // g2: GROUP_ID_NOT_FOUND "nope", empty
    '00', // tags
  )
  const {broker, sent} = fakeBroker(77, 1, [response])
  const [g1, g2] = await shareGroupDescribeOn(broker, ['g1', 'g2'])
  assert.deepEqual(sent[0]!.frame, frame(`004d 0001 00000001 ${CLIENT_ID} 00`, '03 03 6731 03 6732 00 00'))
  assert.deepEqual([g1!.groupId, g1!.groupState, g1!.assignorName, g1!.groupEpoch, g1!.error], ['g1', 'Stable', 'simple', 3, null])
  assert.deepEqual(g1!.members, [
    {
      memberId: 'm1',
      rackId: null,
      memberEpoch: 3,
      clientId: 'c',
      clientHost: '/h',
      subscribedTopicNames: ['t'],
      assignment: {topicPartitions: [{topicId: UUID_TEXT, topicName: 't', partitions: [0, 1]}]},
    },
  ])
  assert.equal(g2!.errorCode, 69)
  assert.match(g2!.error!.message, /\(nope\)$/)
})

test('DescribeShareGroupOffsets v1: start offsets and lags per partition; -1 is no start offset yet; v0 has no lag', async () => {
  const partitions = (lag: string) =>
    [
      '03', // two partitions
      `00000000 0000000000000064 00000002 ${lag} 0000 00 00`, // p0: start 100, epoch 2, lag, ok
      `00000001 ffffffffffffffff ffffffff ${lag ? 'ffffffffffffffff' : ''} 0000 00 00`, // p1: none yet
    ].join(' ')
  const response = (lag: string) =>
    hex('00', '00000000', '02', '03 6731', `02 02 74 ${UUID_HEX}`, partitions(lag), '00', '0000 00 00', '00')
  const {broker, sent} = fakeBroker(90, 1, [response('0000000000000007')])
  const [g] = await describeShareGroupOffsetsOn(broker, ['g1'])
  // groups [group_id "g1", topics null], tags
  assert.deepEqual(sent[0]!.frame, frame(`005a 0001 00000001 ${CLIENT_ID} 00`, '02 03 6731 00 00 00'))
  assert.deepEqual(
    g!.partitions.map((p) => [p.topic, p.partition, p.startOffset, p.leaderEpoch, p.lag, p.error]),
    [
      ['t', 0, 100n, 2, 7n, null],
      ['t', 1, -1n, -1, null, null],
    ],
  )
  const old = fakeBroker(90, 0, [response('')])
  const [g0] = await describeShareGroupOffsetsOn(old.broker, ['g1'])
  assert.deepEqual(
    g0!.partitions.map((p) => [p.startOffset, p.lag]),
    [
      [100n, null],
      [-1n, null],
    ],
  )
})

test('AlterShareGroupOffsets v0: start offsets per topic; per-partition errors and the group error come back', async () => {
  const {alterShareGroupOffsets} = await import('../../../../src/core/protocol/alter-share-group-offsets.js')
  const response = hex(
    '00', // response header tags
    '00000000 0000 00', // throttle, no error, null message
    '02', // one topic
    `02 74 ${UUID_HEX}`, // "t", topic id
    '03', // two partitions
    '00000000 0000 00 00', // p0 ok
    '00000001 0003 08 6d697373696e67 00', // p1 UNKNOWN_TOPIC_OR_PARTITION "missing"
    '00', // topic tags
    '00', // tags
  )
  const {broker, sent} = fakeBroker(91, 0, [response])
  const result = await alterShareGroupOffsets(broker, 'g1', [
    {topic: 't', partition: 0, startOffset: 0},
    {topic: 't', partition: 1, startOffset: 258},
  ])
  assert.deepEqual(
    sent[0]!.frame,
    frame(
      `005b 0000 00000001 ${CLIENT_ID} 00`,
      '03 6731',
      '02 02 74 03 00000000 0000000000000000 00 00000001 0000000000000102 00 00',
      '00',
    ),
  )
  assert.equal(result.error, null)
  assert.deepEqual(
    result.partitions.map((p) => [p.topic, p.partition, p.error === null]),
    [
      ['t', 0, true],
      ['t', 1, false],
    ],
  )
  assert.match(result.partitions[1]!.error!.message, /\(missing\)$/)
})

test('DeleteShareGroupOffsets v0: whole topics; each topic’s error comes back', async () => {
  const {deleteShareGroupOffsets} = await import('../../../../src/core/protocol/delete-share-group-offsets.js')
  const response = hex('00', '00000000 0000 00', '03', `02 74 ${UUID_HEX} 0000 00 00`, `02 75 ${UUID_HEX} 0003 00 00`, '00')
  const {broker, sent} = fakeBroker(92, 0, [response])
  const result = await deleteShareGroupOffsets(broker, 'g1', ['t', 'u'])
  assert.deepEqual(sent[0]!.frame, frame(`005c 0000 00000001 ${CLIENT_ID} 00`, '03 6731', '03 02 74 00 02 75 00', '00'))
  assert.deepEqual(
    result.topics.map((t) => [t.topic, t.error === null]),
    [
      ['t', true],
      ['u', false],
    ],
  )
})
