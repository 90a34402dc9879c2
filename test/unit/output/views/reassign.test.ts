import assert from 'node:assert/strict'
import {test} from 'node:test'
import type {PartitionProgress, PlannedMove} from '../../../../src/core/partitions/reassign.js'
import {
  cancelLine,
  clearedLines,
  generatedText,
  MOVES_HEAD,
  moveRows,
  movesTable,
  movingLine,
  ongoingLines,
  planSummary,
  progressLines,
  rollbackText,
  startNotes,
  statusText,
  throttlesStayNote,
} from '../../../../src/output/views/reassign.js'
import {plainTable} from '../../../helpers/plain-table.js'

// Replication 2 over brokers 1-3: partition 0 moves off broker 1, 1 off broker 2, 2 stays where it is.
const moves: PlannedMove[] = [
  {topic: 'orders', partition: 0, from: [1, 2], to: [2, 3], adding: [3], removing: [1], bytes: 1_073_741_824},
  {topic: 'orders', partition: 1, from: [2, 3], to: [3, 1, 2], adding: [1], removing: [], bytes: 268_435_456},
  {topic: 'orders', partition: 2, from: [3, 1], to: [3, 1], adding: [], removing: [], bytes: 4096},
]

test('reassign plan: one row a partition, its replicas now and then, and the bytes each new replica copies', () => {
  assert.deepEqual(moveRows(moves, false), [
    ['orders', '0', '1,2', '2,3', '3', '1', '1073741824'],
    ['orders', '1', '2,3', '3,1,2', '1', '-', '268435456'],
    ['orders', '2', '3,1', '3,1', '-', '-', '-'],
  ])
  assert.deepEqual(plainTable(MOVES_HEAD, moveRows(moves, true)), [
    'TOPIC   PARTITION  REPLICAS  TARGET  ADDING  REMOVING  TO COPY',
    'orders  0          1,2       2,3     3       1         1.00 GiB',
    'orders  1          2,3       3,1,2   1       -         256 MiB',
    'orders  2          3,1       3,1     -       -         -',
  ])
  // Two new replicas of one partition copy it twice.
  const twice = {...moves[0]!, to: [3, 4], adding: [3, 4], removing: [1, 2]}
  assert.equal(moveRows([twice], false)[0]!.at(-1), '2147483648')
})

test('reassign plan summary: partitions that change, the bytes to copy, and those that stay', () => {
  assert.equal(planSummary(moves), '2 partitions change replicas, 1.25 GiB to copy; 1 stays as it is.')
  assert.equal(planSummary(moves.slice(0, 1)), '1 partition changes replicas, 1.00 GiB to copy.')
  // A new order of the same replicas changes the preferred leader: it counts, and copies nothing.
  const reordered: PlannedMove = {topic: 'orders', partition: 2, from: [3, 1], to: [1, 3], adding: [], removing: [], bytes: 4096}
  assert.equal(planSummary([reordered, moves[2]!, moves[2]!]), '1 partition changes replicas, 0 B to copy; 2 stay as they are.')
})

test('reassign --verify: kafka-reassign-partitions’ lines, with the bytes copied of a move still running', () => {
  const progress: PartitionProgress[] = [
    {topic: 'orders', partition: 0, state: 'completed', replicas: [2, 3], target: [2, 3]},
    {
      topic: 'orders',
      partition: 1,
      state: 'in-progress',
      replicas: [2, 3, 1],
      target: [3, 1, 2],
      copiedBytes: 67_108_864,
      totalBytes: 268_435_456,
    },
    {topic: 'orders', partition: 2, state: 'in-progress', replicas: [3, 1, 2], target: [3, 2]},
    {topic: 'orders', partition: 3, state: 'differs', replicas: [1, 2], target: [2, 3]},
  ]
  assert.deepEqual(progressLines(progress), [
    'Reassignment of partition orders-0 is completed.',
    'Reassignment of partition orders-1 is still in progress (64.0 MiB of 256 MiB copied).',
    'Reassignment of partition orders-2 is still in progress.',
    'There is no active reassignment of partition orders-3, but replica set is 1,2 rather than 2,3.',
  ])
})

test('reassign --list, --cancel and the cleared throttles: the Java tool’s lines', () => {
  assert.deepEqual(ongoingLines([]), ['No partition reassignments found.'])
  assert.deepEqual(
    ongoingLines([
      {topic: 'orders', partition: 0, replicas: [1, 2, 3], addingReplicas: [3], removingReplicas: [1]},
      {topic: 'orders', partition: 1, replicas: [2, 3], addingReplicas: [], removingReplicas: []},
    ]),
    ['Current partition reassignments:', 'orders-0: replicas: 1,2,3. adding: 3. removing: 1.', 'orders-1: replicas: 2,3.'],
  )
  assert.equal(
    cancelLine([
      {topic: 'orders', partition: 0, outcome: 'cancelled'},
      {topic: 'orders', partition: 1, outcome: 'not-moving'},
    ]),
    'Successfully cancelled partition reassignment for: orders-0',
  )
  assert.equal(
    cancelLine([
      {topic: 'orders', partition: 0, outcome: 'cancelled'},
      {topic: 'orders', partition: 2, outcome: 'cancelled'},
    ]),
    'Successfully cancelled partition reassignments for: orders-0,orders-2',
  )
  assert.equal(
    cancelLine([{topic: 'orders', partition: 1, outcome: 'failed', error: 'NO_REASSIGNMENT_IN_PROGRESS'}]),
    'None of the specified partition reassignments are active.',
  )
  assert.deepEqual(clearedLines({brokers: [1, 2, 3], topics: ['orders']}), [
    'Clearing broker-level throttles on brokers 1,2,3',
    'Clearing topic-level throttles on topic orders',
  ])
  assert.deepEqual(clearedLines({brokers: [2], topics: ['audit', 'orders']}), [
    'Clearing broker-level throttles on broker 2',
    'Clearing topic-level throttles on topics audit,orders',
  ])
})

test('reassign plan table: off a terminal the plain columns of moveRows, in bytes', () => {
  assert.deepEqual(movesTable(moves.slice(0, 1), false).split('\n'), [
    'TOPIC   PARTITION  REPLICAS  TARGET  ADDING  REMOVING  TO COPY',
    'orders  0          1,2       2,3     3       1         1073741824',
  ])
})

test('reassign --generate and --execute: the assignments printed as kafka-reassign-partitions prints them', () => {
  const current = [{topic: 'orders', partition: 0, replicas: [1, 2]}]
  const proposed = [{topic: 'orders', partition: 0, replicas: [2, 3]}]
  assert.equal(
    generatedText(current, proposed),
    'Current partition replica assignment\n' +
      '{"version":1,"partitions":[{"topic":"orders","partition":0,"replicas":[1,2],"log_dirs":["any","any"]}]}\n\n' +
      'Proposed partition reassignment configuration\n' +
      '{"version":1,"partitions":[{"topic":"orders","partition":0,"replicas":[2,3],"log_dirs":["any","any"]}]}',
  )
  assert.equal(
    rollbackText(current),
    '\nCurrent partition replica assignment\n\n' +
      '{"version":1,"partitions":[{"topic":"orders","partition":0,"replicas":[1,2],"log_dirs":["any","any"]}]}\n\n' +
      'Save this to use as the --reassignment-json-file option during rollback',
  )
})

test('reassign --execute notes: the throttle set, then the partitions whose move started', () => {
  const started = [
    {topic: 'orders', partition: 0},
    {topic: 'orders', partition: 1, error: 'REASSIGNMENT_IN_PROGRESS'},
    {topic: 'orders', partition: 2},
  ]
  assert.deepEqual(startNotes(started, 10_000_000, [1, 2, 3]), [
    'The inter-broker throttle limit was set to 10000000 B/s on brokers 1,2,3',
    'Successfully started partition reassignments for orders-0,orders-2',
  ])
  assert.deepEqual(startNotes(started.slice(0, 1), undefined, []), ['Successfully started partition reassignment for orders-0'])
  assert.deepEqual(startNotes(started.slice(1, 2), undefined, []), [])
})

test('reassign --verify: the status, the live line of --watch, and why the throttles stay', () => {
  const moving: PartitionProgress[] = [{topic: 'orders', partition: 1, state: 'in-progress', replicas: [2, 3, 1], target: [3, 1]}]
  const done: PartitionProgress[] = [{topic: 'orders', partition: 0, state: 'completed', replicas: [2, 3], target: [2, 3]}]
  assert.equal(statusText(done), 'Status of partition reassignment:\nReassignment of partition orders-0 is completed.')
  assert.equal(movingLine(moving, 2), '1 of 2 partition(s) still moving: Reassignment of partition orders-1 is still in progress.')
  assert.equal(throttlesStayNote(2, 'verify'), '2 other reassignment(s) still run: the throttles stay until they are done too')
  assert.equal(
    throttlesStayNote(1, 'cancel'),
    '1 other reassignment(s) still run: the throttles stay until they are done (--verify clears them)',
  )
})
