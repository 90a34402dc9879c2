import assert from 'node:assert/strict'
import {test} from 'node:test'
import {consumerGroupDescribeOn} from '../../../../src/core/protocol/consumer-group-describe.js'
import {CLIENT_ID, fakeBroker, frame, hex, UUID_HEX, UUID_TEXT} from './wire.js'

// ConsumerGroupDescribe (key 69), flexible from v0; v1 (KIP-1099) adds Member.MemberType INT8
// after TargetAssignment; the request is the same in v0 and v1.
const HEADER_V1 = `0045 0001 00000001 ${CLIENT_ID} 00` // request header v2: key 69, v1, correlation 1, "kfk", no tags

const member = (memberType: string) =>
  [
    '03 6d31', // member_id "m1"
    '00', // instance_id null
    '02 72', // rack_id "r"
    '00000005', // member_epoch
    '02 63', // client_id "c"
    '03 2f68', // client_host "/h"
    '02 02 74', // subscribed_topic_names ["t"]
    '00', // subscribed_topic_regex null
    `02 ${UUID_HEX} 02 74 03 00000000 00000001 00`, // assignment: one topic "t", partitions [0, 1], tags
    '00', // assignment tags
    '01 00', // target_assignment: no topics, tags
    memberType,
    '01 00 02 abcd', // member tags: one unknown field (tag 0, 2 bytes), to be skipped
  ].join(' ')

const response = (memberType: string) =>
  hex(
    '00', // response header v1 tags
    '00000000', // throttle_time_ms
    '03', // two groups
    // g1: ok
    '0000 00 03 6731', // error_code, error_message null, group_id "g1"
    '07 537461626c65', // group_state "Stable"
    '00000005 00000004', // group_epoch 5, assignment_epoch 4
    '08 756e69666f726d', // assignor_name "uniform"
    '02',
    member(memberType), // one member
    '00000f80', // authorized_operations
    '00', // group tags
    // g2: GROUP_ID_NOT_FOUND (69) with a message
    '0045 04 6e6f70 03 6732', // error_code 69, error_message "nop", group_id "g2"
    '01 ffffffff ffffffff 01 01', // group_state "", epochs -1, assignor "", no members
    '80000000', // authorized_operations: not provided
    '00', // group tags
    '00', // top-level tags
  )

const expectedMember = {
  memberId: 'm1',
  instanceId: null,
  rackId: 'r',
  memberEpoch: 5,
  clientId: 'c',
  clientHost: '/h',
  subscribedTopicNames: ['t'],
  subscribedTopicRegex: null,
  assignment: {topicPartitions: [{topicId: UUID_TEXT, topicName: 't', partitions: [0, 1]}]},
  targetAssignment: {topicPartitions: []},
}

test('ConsumerGroupDescribe v1 request: header v2, compact group ids, include_authorized_operations', async () => {
  const {broker, sent} = fakeBroker(69, 1, [response('01')])
  await consumerGroupDescribeOn(broker, ['g1', 'g2'], true)
  assert.deepEqual(sent[0]!.frame, frame(HEADER_V1, '03 03 6731 03 6732', '01', '00'))
})

test('ConsumerGroupDescribe v1 response: members, assignments, member type, per-group error, tagged fields skipped', async () => {
  const {broker} = fakeBroker(69, 1, [response('01')])
  const [g1, g2] = await consumerGroupDescribeOn(broker, ['g1', 'g2'], true)
  assert.deepEqual(g1, {
    groupId: 'g1',
    errorCode: 0,
    errorMessage: null,
    error: null,
    groupState: 'Stable',
    groupEpoch: 5,
    assignmentEpoch: 4,
    assignorName: 'uniform',
    members: [{...expectedMember, memberType: 'consumer'}],
    authorizedOperations: 0xf80,
  })
  const {error, ...rest} = g2!
  assert.deepEqual(rest, {
    groupId: 'g2',
    errorCode: 69,
    errorMessage: 'nop',
    groupState: '',
    groupEpoch: -1,
    assignmentEpoch: -1,
    assignorName: '',
    members: [],
  })
  assert.equal((error as Error & {type: string}).type, 'GROUP_ID_NOT_FOUND')
})

test('ConsumerGroupDescribe v0: same request body, members without member_type; operations only when asked', async () => {
  const {broker, sent} = fakeBroker(69, 0, [response('')])
  const [g1] = await consumerGroupDescribeOn(broker, ['g1', 'g2'])
  assert.deepEqual(sent[0]!.frame, frame(`0045 0000 00000001 ${CLIENT_ID} 00`, '03 03 6731 03 6732', '00', '00'))
  assert.deepEqual(g1!.members, [expectedMember])
  assert.equal('authorizedOperations' in g1!, false)
})
