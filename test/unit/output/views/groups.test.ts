// Off a terminal (as under the test runner) views print no colour codes, so rows compare as plain text.
import type {DescribedGroup} from '../../../../src/core/groups/model.js'
import assert from 'node:assert/strict'
import {test} from 'node:test'
import {assignmentString, describeNotes, describeTable, lagTotals, membersHead, membersRows} from '../../../../src/output/views/groups.js'

function group(overrides: Partial<DescribedGroup> = {}): DescribedGroup {
  return {
    groupId: 'billing',
    exists: true,
    type: 'classic',
    state: 'Stable',
    protocolType: 'consumer',
    assignor: 'range',
    coordinator: {id: 2, host: 'b2', port: 9092},
    members: [
      {
        memberId: 'm-1',
        instanceId: null,
        clientId: 'c1',
        host: '/10.0.0.1',
        assignment: [
          {topic: 'orders', partition: 1},
          {topic: 'orders', partition: 0},
        ],
      },
    ],
    partitions: [
      {
        topic: 'orders',
        partition: 0,
        currentOffset: 90,
        logEndOffset: 100,
        lag: 10,
        lagMs: 312_000,
        memberId: 'm-1',
        host: '/10.0.0.1',
        clientId: 'c1',
      },
      {
        topic: 'orders',
        partition: 1,
        currentOffset: null,
        logEndOffset: 5,
        lag: null,
        lagMs: null,
        memberId: null,
        host: null,
        clientId: null,
      },
    ],
    totalLag: 10,
    ...overrides,
  }
}

const lines = (text: string) => text.split('\n').map((l) => l.trimEnd())

test('assignments print as ConsumerGroupCommand does: topics sorted, partitions sorted, - for none', () => {
  assert.equal(
    assignmentString([
      {topic: 'u', partition: 2},
      {topic: 't', partition: 1},
      {topic: 't', partition: 0},
    ]),
    't:0,1;u:2',
  )
  assert.equal(assignmentString([]), '-')
})

test('describe offsets: one row a partition, - where nothing is committed; --watch adds the lag change', () => {
  const table = lines(describeTable([group()], 'offsets', false))
  assert.match(
    table[0]!,
    /^group\s+topic\s+partition\s+current-offset\s+log-end-offset\s+lag\s+consumer-id\s+host\s+client-id\s+time-behind$/i,
  )
  assert.match(table[1]!, /^billing\s+orders\s+0\s+90\s+100\s+10\s+m-1\s+\/10\.0\.0\.1\s+c1\s+5m12s$/)
  assert.match(table[2]!, /^billing\s+orders\s+1\s+-\s+5\s+-\s+-\s+-\s+-\s+-$/)
  const before = group({partitions: [{...group().partitions![0]!, lag: 4}], totalLag: 4})
  const watched = lines(describeTable([group()], 'offsets', false, [before]))
  assert.match(watched[0]!, /lag change$/i)
  assert.match(watched[1]!, /c1\s+5m12s\s+\+6$/)
  assert.equal(lagTotals([group()], [before]), 'total lag 10 (+6)')
  assert.equal(lagTotals([group(), group({groupId: 'audit', totalLag: 0})]), 'billing: total lag 10, audit: total lag 0')
})

test('describe members: --verbose adds assignments; a KIP-848 group shows epochs and the target', () => {
  const classic = group()
  assert.deepEqual(membersHead(false, classic), ['group', 'consumer-id', 'host', 'client-id', '#partitions'])
  assert.deepEqual(membersRows(classic, true), [['billing', 'm-1', '/10.0.0.1', 'c1', 2, 'orders:0,1']])
  const modern = group({
    type: 'consumer',
    targetAssignmentEpoch: 7,
    members: [{...classic.members[0]!, instanceId: 'i-1', memberEpoch: 6, targetAssignment: [{topic: 'orders', partition: 0}]}],
  })
  assert.deepEqual(membersHead(true, modern), [
    'group',
    'consumer-id',
    'group-instance-id',
    'host',
    'client-id',
    '#partitions',
    'current-epoch',
    'current-assignment',
    'target-epoch',
    'target-assignment',
  ])
  assert.deepEqual(membersRows(modern, true), [['billing', 'm-1', 'i-1', '/10.0.0.1', 'c1', 2, 6, 'orders:0,1', 7, 'orders:0']])
})

test('describe state and notes: coordinator, an empty or rebalancing group, the offsets summary line', () => {
  assert.match(lines(describeTable([group()], 'state', false))[1]!, /^billing\s+b2:9092\s+\(2\)\s+range\s+Stable\s+1$/)
  assert.deepEqual(describeNotes(group({state: 'Empty'}), 'members'), ["consumer group 'billing' has no active members"])
  assert.deepEqual(describeNotes(group({state: 'PreparingRebalance'}), 'offsets'), [
    "consumer group 'billing' is rebalancing (PreparingRebalance)",
    'billing: classic group, PreparingRebalance, 1 member(s), 2 partition(s), total lag 10',
  ])
})
