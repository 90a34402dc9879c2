import assert from 'node:assert/strict'
import {test} from 'node:test'
import {alterPartitionReassignments} from '../../../../src/core/protocol/alter-partition-reassignments.js'
import {listPartitionReassignments} from '../../../../src/core/protocol/list-partition-reassignments.js'
import {CLIENT_ID, fakeBroker, frame, hex} from './wire.js'

// AlterPartitionReassignments (45) and ListPartitionReassignments (46), v0, flexible.

test('AlterPartitionReassignments v0: partitions grouped by topic, null replicas cancel; per-partition errors', async () => {
  const response = hex('00', '00000000 0000 00', '02', '02 74', '03', '00000000 0000 00 00', '00000001 0055 03 6e6f 00', '00', '00')
  const {broker, sent} = fakeBroker(45, 0, [response])
  const results = await alterPartitionReassignments(
    broker,
    [
      {topic: 't', partition: 0, replicas: [1, 2]},
      {topic: 't', partition: 1, replicas: null},
    ],
    30_000,
  )
  assert.deepEqual(
    sent[0]!.frame,
    frame(
      `002d 0000 00000001 ${CLIENT_ID} 00`,
      '00007530',
      '02 02 74 03',
      '00000000 03 00000001 00000002 00',
      '00000001 00 00',
      '00',
      '00',
    ),
  )
  assert.deepEqual(
    results.map((r) => [r.partition, r.errorCode, r.message]),
    [
      [0, 0, null],
      [1, 85, 'no'], // NO_REASSIGNMENT_IN_PROGRESS
    ],
  )
})

test('AlterPartitionReassignments v0: a top-level error is thrown with the controller’s message', async () => {
  const {broker} = fakeBroker(45, 0, [hex('00', '00000000 001f 05 6e6f7065', '01', '00')])
  await assert.rejects(
    alterPartitionReassignments(broker, [{topic: 't', partition: 0, replicas: [1]}], 1000),
    (e: Error & {type: string}) => e.type === 'CLUSTER_AUTHORIZATION_FAILED' && e.message === 'nope',
  )
})

test('ListPartitionReassignments v0: null topics ask for all; replicas, adding and removing per partition', async () => {
  const response = hex(
    '00',
    '00000000 0000 00',
    '02 02 74', // topic "t"
    '02 00000002 04 00000001 00000002 00000003 02 00000003 02 00000001 00', // p2: 1,2,3 adding 3 removing 1
    '00',
    '00',
  )
  const {broker, sent} = fakeBroker(46, 0, [response])
  const ongoing = await listPartitionReassignments(broker, null, 1000)
  assert.deepEqual(sent[0]!.frame, frame(`002e 0000 00000001 ${CLIENT_ID} 00`, '000003e8', '00', '00'))
  assert.deepEqual(ongoing, [{topic: 't', partition: 2, replicas: [1, 2, 3], addingReplicas: [3], removingReplicas: [1]}])
})
