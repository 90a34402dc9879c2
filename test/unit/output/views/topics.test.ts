// Off a terminal (as under the test runner) views print no colour codes, so rows compare as plain text.
import assert from 'node:assert/strict'
import {test} from 'node:test'
import type {PartitionDescription, TopicDescription} from '../../../../src/core/topics/topics.js'
import {
  itemLine,
  partitionHead,
  partitionRows,
  stepResultLine,
  TOPIC_LIST_HEAD,
  topicHeadline,
  topicListRows,
} from '../../../../src/output/views/topics.js'
import {plainTable} from '../../../helpers/plain-table.js'

const healthy = (partition: number, replicas: number[]): PartitionDescription => ({
  partition,
  leader: replicas[0]!,
  replicas,
  isr: replicas,
  offlineReplicas: [],
  elr: null,
  lastKnownElr: null,
})

function topic(partitionDetails: PartitionDescription[], configs: TopicDescription['configs'] = {}): TopicDescription {
  return {
    name: 'orders',
    topicId: 'T3N0cmVhbS1vcmRlcnMwMQ',
    internal: false,
    partitions: partitionDetails.length,
    replicationFactor: partitionDetails[0]!.replicas.length,
    configs,
    partitionDetails,
  }
}

test('topics list: name, partitions, replication, and internal topics marked', () => {
  const rows = topicListRows([
    {name: '__consumer_offsets', topicId: 'AAAAAAAAAAAAAAAAAAAAAw', internal: true, partitions: 50, replicationFactor: 3},
    {name: 'orders', topicId: 'T3N0cmVhbS1vcmRlcnMwMQ', internal: false, partitions: 6, replicationFactor: 3},
  ])
  assert.deepEqual(rows, [
    ['__consumer_offsets', 50, 3, 'yes'],
    ['orders', 6, 3, ''],
  ])
  assert.deepEqual(plainTable(TOPIC_LIST_HEAD, rows), [
    'TOPIC               PARTITIONS  REPLICAS  INTERNAL',
    '__consumer_offsets  50          3         yes',
    'orders              6           3',
  ])
})

test('topics describe: the topic line with its overrides, a sensitive one never shown', () => {
  const t = topic([healthy(0, [1, 2, 3])], {'retention.ms': '86400000', 'cleanup.policy': 'compact', 'sasl.jaas.config': null})
  assert.equal(
    topicHeadline(t),
    'orders  id T3N0cmVhbS1vcmRlcnMwMQ  partitions 1  replication 3  configs retention.ms=86400000,cleanup.policy=compact,sasl.jaas.config=(sensitive)',
  )
  assert.equal(topicHeadline(topic([healthy(0, [1])])), 'orders  id T3N0cmVhbS1vcmRlcnMwMQ  partitions 1  replication 1')
})

test('topics describe: one row a partition; a leaderless one says none, an empty ISR -, offline replicas listed', () => {
  const t = topic([
    healthy(0, [1, 2, 3]),
    {partition: 1, leader: 2, replicas: [2, 3, 1], isr: [2, 3], offlineReplicas: [1], elr: null, lastKnownElr: null},
    {partition: 2, leader: null, replicas: [3, 1, 2], isr: [], offlineReplicas: [3, 1, 2], elr: null, lastKnownElr: null},
  ])
  assert.deepEqual(partitionHead(t), ['partition', 'leader', 'replicas', 'isr', 'offline'])
  assert.deepEqual(partitionRows(t), [
    [0, '1', '1,2,3', '1,2,3', ''],
    [1, '2', '2,3,1', '2,3', '1'],
    [2, 'none', '3,1,2', '-', '3,1,2'],
  ])
  assert.deepEqual(plainTable(partitionHead(t), partitionRows(t)), [
    'PARTITION  LEADER  REPLICAS  ISR    OFFLINE',
    '0          1       1,2,3     1,2,3',
    '1          2       2,3,1     2,3    1',
    '2          none    3,1,2     -      3,1,2',
  ])
})

test('topics describe: ELR columns only where the cluster reports eligible leader replicas (KIP-966)', () => {
  const t = topic([
    healthy(0, [1, 2, 3]),
    {partition: 1, leader: null, replicas: [1, 2, 3], isr: [], offlineReplicas: [1], elr: [2, 3], lastKnownElr: [1]},
  ])
  assert.deepEqual(partitionHead(t), ['partition', 'leader', 'replicas', 'isr', 'offline', 'elr', 'last known elr'])
  assert.deepEqual(partitionRows(t), [
    [0, '1', '1,2,3', '1,2,3', '', '', ''],
    [1, 'none', '1,2,3', '-', '1', '2,3', '1'],
  ])
  // Empty ELR lists everywhere (a 4.x cluster, all healthy): no ELR columns.
  const empty = topic([{...healthy(0, [1, 2]), elr: [], lastKnownElr: []}])
  assert.deepEqual(partitionHead(empty), ['partition', 'leader', 'replicas', 'isr', 'offline'])
  assert.deepEqual(partitionRows(empty), [[0, '1', '1,2', '1,2', '']])
})

test('topics create, delete, alter: one status line a topic, with its shape where known', () => {
  const line = (r: Partial<Parameters<typeof itemLine>[0]> & Pick<Parameters<typeof itemLine>[0], 'status'>) =>
    itemLine({topic: 'orders', ok: r.status !== 'failed', error: null, ...r})
  assert.equal(line({status: 'created', partitions: 6, replicationFactor: 3}), 'created orders (6 partitions, replication 3)')
  assert.equal(line({status: 'created', partitions: 1, replicationFactor: 1}), 'created orders (1 partition, replication 1)')
  assert.equal(line({status: 'valid', partitions: 2}), 'valid orders (2 partitions) (validate only: nothing created)')
  assert.equal(line({status: 'exists', partitions: 6, replicationFactor: 3}), 'exists orders (6 partitions, replication 3)')
  assert.equal(line({status: 'exists'}), 'exists orders')
  assert.equal(line({status: 'altered', partitions: 12}), 'altered orders (12 partitions)')
  assert.equal(line({status: 'deleted'}), 'deleted orders')
  assert.equal(line({status: 'absent'}), 'absent orders (nothing to delete)')
  assert.equal(line({status: 'failed', error: 'TOPIC_AUTHORIZATION_FAILED'}), 'failed orders: TOPIC_AUTHORIZATION_FAILED')
})

test('apply: one line a step that ran, or why it failed', () => {
  assert.equal(stepResultLine({topic: 'payments', action: 'create', ok: true, error: null}), 'created payments')
  assert.equal(stepResultLine({topic: 'orders', action: 'update', ok: true, error: null}), 'updated orders')
  assert.equal(stepResultLine({topic: 'legacy', action: 'delete', ok: true, error: null}), 'deleted legacy')
  assert.equal(
    stepResultLine({topic: 'orders', action: 'update', ok: false, error: 'INVALID_CONFIG: retention.ms must be at least -1'}),
    'failed orders: INVALID_CONFIG: retention.ms must be at least -1',
  )
})
