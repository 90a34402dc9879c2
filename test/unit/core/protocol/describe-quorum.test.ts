import assert from 'node:assert/strict'
import {test} from 'node:test'
import {describeQuorum} from '../../../../src/core/protocol/describe-quorum.js'
import {CLIENT_ID, fakeBroker, frame, hex} from './wire.js'

// DescribeQuorum (key 55), flexible from v0, no throttle time in the response.
// v1 adds ReplicaState.LastFetchTimestamp and LastCaughtUpTimestamp (INT64, -1 unknown).
const METADATA_TOPIC = '13 5f5f636c75737465725f6d65746164617461' // "__cluster_metadata" (18 bytes)

const response = (version: 0 | 1, opts: {topError?: string; partitionError?: string} = {}) => {
  const replica = (id: string, times: string) => `${id} 0000000000000064 ${version >= 1 ? times : ''} 00`
  return hex(
    '00', // response header tags
    opts.topError ?? '0000', // error_code
    '02',
    METADATA_TOPIC, // one topic
    '02', // one partition
    '00000000',
    opts.partitionError ?? '0000', // partition_index 0, error_code
    '00000001 00000003 0000000000000064', // leader_id 1, leader_epoch 3, high_watermark 100
    '03',
    replica('00000001', '0000018bcfe56800 0000018bcfe56800'), // voter 1: LEO 100, fetched/caught up at 1700000000000
    replica('00000002', '0000018bcfe56800 ffffffffffffffff'), // voter 2: never caught up
    '02',
    replica('00000004', 'ffffffffffffffff ffffffffffffffff'), // observer 4
    '01 00 01 ff', // partition tags: one unknown field, skipped
    '00', // topic tags
    '00', // tags
  )
}

test('DescribeQuorum v1 request: the one partition of __cluster_metadata', async () => {
  const {broker, sent} = fakeBroker(55, 1, [response(1)])
  await describeQuorum(broker)
  assert.deepEqual(sent[0]!.frame, frame(`0037 0001 00000001 ${CLIENT_ID} 00`, '02', METADATA_TOPIC, '02 00000000 00', '00', '00'))
})

test('DescribeQuorum v1 response: leader, voters and observers with timestamps (-1 as null)', async () => {
  const {broker} = fakeBroker(55, 1, [response(1)])
  assert.deepEqual(await describeQuorum(broker), {
    leaderId: 1,
    leaderEpoch: 3,
    highWatermark: '100',
    voters: [
      {replicaId: 1, logEndOffset: '100', lastFetchTimestamp: 1700000000000, lastCaughtUpTimestamp: 1700000000000},
      {replicaId: 2, logEndOffset: '100', lastFetchTimestamp: 1700000000000, lastCaughtUpTimestamp: null},
    ],
    observers: [{replicaId: 4, logEndOffset: '100', lastFetchTimestamp: null, lastCaughtUpTimestamp: null}],
  })
})

test('DescribeQuorum v0 response: replicas without timestamps', async () => {
  const {broker, sent} = fakeBroker(55, 0, [response(0)])
  const quorum = await describeQuorum(broker)
  assert.deepEqual(sent[0]!.frame, frame(`0037 0000 00000001 ${CLIENT_ID} 00`, '02', METADATA_TOPIC, '02 00000000 00', '00', '00'))
  assert.deepEqual(
    quorum.voters.map((v) => v.lastFetchTimestamp),
    [null, null],
  )
  assert.deepEqual(quorum.observers, [{replicaId: 4, logEndOffset: '100', lastFetchTimestamp: null, lastCaughtUpTimestamp: null}])
})

test('DescribeQuorum errors: top-level and partition-level codes are thrown', async () => {
  const top = fakeBroker(55, 1, [response(1, {topError: '001f'})]) // CLUSTER_AUTHORIZATION_FAILED
  await assert.rejects(describeQuorum(top.broker), {type: 'CLUSTER_AUTHORIZATION_FAILED'})
  const partition = fakeBroker(55, 1, [response(1, {partitionError: '0006'})]) // NOT_LEADER_OR_FOLLOWER
  await assert.rejects(describeQuorum(partition.broker), {code: 6})
})
