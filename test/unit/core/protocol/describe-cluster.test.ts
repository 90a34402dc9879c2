import assert from 'node:assert/strict'
import {test} from 'node:test'
import {describeCluster} from '../../../../src/core/protocol/describe-cluster.js'
import {CLIENT_ID, fakeBroker, frame, hex} from './wire.js'

// DescribeCluster (key 60), flexible from v0. v1 adds EndpointType INT8 (request and response),
// v2 (KIP-1073) adds IncludeFencedBrokers BOOL to the request and Broker.IsFenced BOOL after Rack.
const header = (version: string) => `003c ${version} 00000001 ${CLIENT_ID} 00`

const v2Response = hex(
  '00', // response header tags
  '00000000', // throttle_time_ms
  '0000 00', // error_code 0, error_message null
  '01', // endpoint_type: brokers
  '04 616263', // cluster_id "abc"
  '00000002', // controller_id
  '03', // two brokers
  '00000001 03 6831 00002384 00 00 00', // 1 "h1":9092, rack null, not fenced, no tags
  '00000002 03 6832 00002385 03 7232 01', // 2 "h2":9093, rack "r2", fenced
  '01 05 03 010203', // broker tags: one unknown field (tag 5, 3 bytes)
  '80000000', // cluster_authorized_operations: not provided
  '00', // tags
)

test('DescribeCluster v2 request: include ops, endpoint type 1 (brokers), include fenced', async () => {
  const {broker, sent} = fakeBroker(60, 2, [v2Response])
  await describeCluster(broker, {includeFencedBrokers: true})
  assert.deepEqual(sent[0]!.frame, frame(header('0002'), '00 01 01', '00'))
})

test('DescribeCluster v2 response: brokers with rack and fenced flag, tagged fields skipped', async () => {
  const {broker} = fakeBroker(60, 2, [v2Response])
  assert.deepEqual(await describeCluster(broker, {includeFencedBrokers: true}), {
    clusterId: 'abc',
    controllerId: 2,
    brokers: [
      {nodeId: 1, host: 'h1', port: 9092, rack: null, isFenced: false},
      {nodeId: 2, host: 'h2', port: 9093, rack: 'r2', isFenced: true},
    ],
  })
})

test('DescribeCluster v0: no endpoint type or fenced flag; authorized operations when asked', async () => {
  const v0Response = hex('00', '00000000', '0000 00', '04 616263', '00000001', '02', '00000001 03 6831 00002384 00 00', '00000f80', '00')
  const {broker, sent} = fakeBroker(60, 0, [v0Response])
  const described = await describeCluster(broker, {includeAuthorizedOperations: true, includeFencedBrokers: true})
  assert.deepEqual(sent[0]!.frame, frame(header('0000'), '01', '00'))
  assert.deepEqual(described, {
    clusterId: 'abc',
    controllerId: 1,
    brokers: [{nodeId: 1, host: 'h1', port: 9092, rack: null}],
    clusterAuthorizedOperations: 0xf80,
  })
})

test('DescribeCluster v1 error: the top-level error is thrown with the broker message', async () => {
  // CLUSTER_AUTHORIZATION_FAILED (31), message "no"
  const {broker, sent} = fakeBroker(60, 1, [hex('00', '00000000', '001f 03 6e6f', '01', '01', 'ffffffff', '01', '80000000', '00')])
  await assert.rejects(
    describeCluster(broker),
    (e: Error & {type: string}) => e.type === 'CLUSTER_AUTHORIZATION_FAILED' && /\(no\)/.test(e.message),
  )
  assert.deepEqual(sent[0]!.frame, frame(header('0001'), '00 01', '00'))
})
