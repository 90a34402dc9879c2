import assert from 'node:assert/strict'
import {test} from 'node:test'
import {fetchMetadata} from '../../../../src/core/protocol/metadata.js'
import {CLIENT_ID, fakeBroker, frame, hex, UUID_HEX, UUID_TEXT} from './wire.js'

// Metadata (key 3) v12: flexible (9+). Request topics is a nullable compact array (null: all topics)
// of {topic_id UUID, name nullable}; v12 has no IncludeClusterAuthorizedOperations (8-10 only).
const HEADER = `0003 000c 00000001 ${CLIENT_ID} 00`

const response = hex(
  '00', // response header tags
  '00000000', // throttle_time_ms
  '03', // two brokers
  '00000001 03 6831 00002384 00 00', // 1 "h1":9092, rack null
  '00000002 03 6832 00002385 03 7232 01 00 01 ff', // 2 "h2":9093, rack "r2", one unknown tagged field
  '04 616263', // cluster_id "abc"
  '00000001', // controller_id
  '03', // two topics
  '0000 02 74',
  UUID_HEX,
  '00', // "t", topic id, not internal
  '03', // two partitions, listed out of order
  '0000 00000001 00000002 00000004 02 00000002 02 00000002 01 00', // p1: leader 2, epoch 4, replicas [2], isr [2]
  '0000 00000000 00000001 00000003 03 00000001 00000002 02 00000001 02 00000002 00', // p0: leader 1, offline [2]
  '80000000 00', // topic_authorized_operations, tags
  '0003 02 75',
  '00'.repeat(16),
  '00 01 80000000 00', // "u": UNKNOWN_TOPIC_OR_PARTITION (3), zero id, no partitions
  '00',
)

test('Metadata v12 request: named topics with zero topic ids; no auto-creation, no authorized operations', async () => {
  const {broker, sent} = fakeBroker(3, 12, [response])
  await fetchMetadata(broker, ['t', 'u'])
  const zeroId = '00'.repeat(16)
  assert.deepEqual(sent[0]!.frame, frame(HEADER, '03', `${zeroId} 02 74 00`, `${zeroId} 02 75 00`, '00 00', '00'))
})

test('Metadata v12 request with allowAutoCreate: allow_auto_topic_creation true, as Java producers ask', async () => {
  const {broker, sent} = fakeBroker(3, 12, [response])
  await fetchMetadata(broker, ['t'], {allowAutoCreate: true})
  assert.deepEqual(sent[0]!.frame, frame(HEADER, '02', `${'00'.repeat(16)} 02 74 00`, '01 00', '00'))
})

test('Metadata v12 request: null topics (every topic) is a compact array length of 0', async () => {
  const {broker, sent} = fakeBroker(3, 12, [response])
  await fetchMetadata(broker, null)
  assert.deepEqual(sent[0]!.frame, frame(HEADER, '00', '00 00', '00'))
})

test('Metadata v12 response: brokers, cluster, topic ids, partitions sorted, topic errors', async () => {
  const {broker} = fakeBroker(3, 12, [response])
  const metadata = await fetchMetadata(broker, ['t', 'u'])
  assert.deepEqual(metadata.brokers, [
    {nodeId: 1, host: 'h1', port: 9092, rack: null},
    {nodeId: 2, host: 'h2', port: 9093, rack: 'r2'},
  ])
  assert.equal(metadata.clusterId, 'abc')
  assert.equal(metadata.controllerId, 1)
  const [t, u] = metadata.topics
  assert.deepEqual(t, {
    name: 't',
    topicId: UUID_TEXT,
    isInternal: false,
    errorCode: 0,
    error: null,
    partitions: [
      {partition: 0, errorCode: 0, leader: 1, leaderEpoch: 3, replicas: [1, 2], isr: [1], offlineReplicas: [2]},
      {partition: 1, errorCode: 0, leader: 2, leaderEpoch: 4, replicas: [2], isr: [2], offlineReplicas: []},
    ],
  })
  assert.equal(u!.name, 'u')
  assert.equal(u!.topicId, 'AAAAAAAAAAAAAAAAAAAAAA')
  assert.equal(u!.errorCode, 3)
  assert.equal((u!.error as Error & {type: string}).type, 'UNKNOWN_TOPIC_OR_PARTITION')
  assert.deepEqual(u!.partitions, [])
})

// Kafka 2.8 and 3.0 answer Metadata up to v11: no nullable names (v12); v9 has no topic ids at all, and v9-v10
// carry the cluster's authorized operations (request flag and response field) that v11 dropped.
const v9Response = hex(
  '00', // response header tags
  '00000000', // throttle_time_ms
  '02 00000001 03 6831 00002384 00 00', // one broker 1 "h1":9092
  '04 616263 00000001', // cluster_id "abc", controller 1
  '02 0000 02 74 00', // one topic "t" (no topic id), not internal
  '02 0000 00000000 00000001 00000003 02 00000001 02 00000001 01 00', // p0: leader 1, epoch 3
  '80000000 00', // topic_authorized_operations, tags
  '80000000', // cluster_authorized_operations (v8-v10)
  '00',
)

test('Metadata v9 (Kafka 2.8 speaks up to 11; v9 is the first flexible one): names without ids, cluster authorized operations', async () => {
  const {broker, sent} = fakeBroker(3, 9, [v9Response])
  const metadata = await fetchMetadata(broker, ['t'], {allowAutoCreate: true})
  assert.deepEqual(sent[0]!.frame, frame(`0003 0009 00000001 ${CLIENT_ID} 00`, '02', '02 74 00', '01 00 00', '00'))
  assert.deepEqual(metadata.topics[0], {
    name: 't',
    topicId: 'AAAAAAAAAAAAAAAAAAAAAA',
    isInternal: false,
    errorCode: 0,
    error: null,
    partitions: [{partition: 0, errorCode: 0, leader: 1, leaderEpoch: 3, replicas: [1], isr: [1], offlineReplicas: []}],
  })
  assert.equal(metadata.controllerId, 1)
})

test('Metadata v11 (Kafka 2.8 and 3.0): topic ids, and no cluster authorized operations', async () => {
  const v11Response = hex(
    '00 00000000 02 00000001 03 6831 00002384 00 00 04 616263 00000001',
    '02 0000 02 74',
    UUID_HEX,
    '00 01 80000000 00', // not internal, no partitions, topic ops, tags
    '00',
  )
  const {broker, sent} = fakeBroker(3, 11, [v11Response])
  const metadata = await fetchMetadata(broker, ['t'])
  assert.deepEqual(sent[0]!.frame, frame(`0003 000b 00000001 ${CLIENT_ID} 00`, '02', `${'00'.repeat(16)} 02 74 00`, '00 00', '00'))
  assert.equal(metadata.topics[0]!.topicId, UUID_TEXT)
})
