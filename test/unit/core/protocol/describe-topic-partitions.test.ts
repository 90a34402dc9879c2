import assert from 'node:assert/strict'
import {test} from 'node:test'
import {describeTopicPartitions} from '../../../../src/core/protocol/describe-topic-partitions.js'
import {CLIENT_ID, fakeBroker, frame, hex, UUID_HEX} from './wire.js'

// DescribeTopicPartitions (key 75) v0, flexible. Cursor / NextCursor are nullable structs:
// INT8 -1 for null, 1 then the struct (with its own tagged fields) otherwise.
const HEADER = `004b 0000 00000001 ${CLIENT_ID} 00`

const partition = (index: string, elr: string, lastKnownElr: string, tags = '00') =>
  [
    '0000',
    index, // error_code, partition_index
    '00000001 00000000', // leader_id 1, leader_epoch 0
    '03 00000001 00000002', // replica_nodes [1, 2]
    '02 00000001', // isr_nodes [1]
    elr,
    lastKnownElr,
    '01', // offline_replicas []
    tags,
  ].join(' ')

const page = (partitions: string[], nextCursor: string) =>
  hex(
    '00', // response header tags
    '00000000', // throttle_time_ms
    '02', // one topic
    '0000 02 74',
    UUID_HEX,
    '00', // error_code, name "t", topic_id, is_internal false
    (partitions.length + 1).toString(16).padStart(2, '0'),
    ...partitions,
    '80000000', // topic_authorized_operations
    '00', // topic tags
    nextCursor,
    '00', // tags
  )

test('DescribeTopicPartitions: requests follow the response cursor; ELR lists decoded (null, empty, values)', async () => {
  const {broker, sent} = fakeBroker(75, 0, [
    page([partition('00000000', '02 00000002', '00', '01 00 02 abcd')], '01 02 74 00000001 00'), // next: "t" partition 1
    page([partition('00000001', '01', '02 00000003')], 'ff'), // no next cursor
  ])
  assert.deepEqual(await describeTopicPartitions(broker, ['t']), [
    {topic: 't', partition: 0, elr: [2], lastKnownElr: null},
    {topic: 't', partition: 1, elr: [], lastKnownElr: [3]},
  ])
  assert.equal(sent.length, 2)
  // topics [{name "t", tags}], response_partition_limit 2000, cursor null, tags
  assert.deepEqual(sent[0]!.frame, frame(HEADER, '02 02 74 00', '000007d0', 'ff', '00'))
  // the same with cursor {topic_name "t", partition_index 1, tags}
  assert.deepEqual(sent[1]!.frame, frame(HEADER, '02 02 74 00', '000007d0', '01 02 74 00000001 00', '00'))
})

test('DescribeTopicPartitions: an empty topic list asks for every topic', async () => {
  const {broker, sent} = fakeBroker(75, 0, [page([], 'ff')])
  assert.deepEqual(await describeTopicPartitions(broker, []), [])
  assert.deepEqual(sent[0]!.frame, frame(HEADER, '01', '000007d0', 'ff', '00'))
})
