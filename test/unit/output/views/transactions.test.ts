import assert from 'node:assert/strict'
import {test} from 'node:test'
import type {
  HangingTransaction,
  ProducerState,
  TransactionDescription,
  TransactionListing,
} from '../../../../src/core/transactions/transactions.js'
import {
  DESCRIBE_HEAD,
  describeRows,
  HANGING_HEAD,
  hangingRows,
  LIST_HEAD,
  listRows,
  PRODUCERS_HEAD,
  producerRows,
} from '../../../../src/output/views/transactions.js'
import {plainTable} from '../../../helpers/plain-table.js'

const START = Date.UTC(2024, 5, 1, 12, 0, 0) // 2024-06-01T12:00:00.000Z

test('transactions list: transactional id, coordinator, producer id, state', () => {
  const listed: TransactionListing[] = [
    {transactionalId: 'payments-tx-0', coordinator: 2, producerId: '4001', state: 'Ongoing'},
    {transactionalId: 'payments-tx-1', coordinator: 3, producerId: '4002', state: 'CompleteCommit'},
  ]
  assert.deepEqual(plainTable(LIST_HEAD, listRows(listed)), [
    'TRANSACTIONAL ID  COORDINATOR  PRODUCER ID  STATE',
    'payments-tx-0     2            4001         Ongoing',
    'payments-tx-1     3            4002         CompleteCommit',
  ])
})

test('transactions describe: one row; start time in ISO, None where no transaction runs, partitions joined', () => {
  const ongoing: TransactionDescription = {
    coordinatorId: 2,
    transactionalId: 'payments-tx-0',
    producerId: '4001',
    producerEpoch: 7,
    state: 'Ongoing',
    timeoutMs: 60_000,
    startTimeMs: START,
    durationMs: 1534,
    partitions: ['payments-0', 'payments-2', 'refunds-1'],
  }
  assert.deepEqual(describeRows(ongoing), [
    ['2', 'payments-tx-0', '4001', '7', 'Ongoing', '60000', '2024-06-01T12:00:00.000Z', '1534', 'payments-0,payments-2,refunds-1'],
  ])
  const idle: TransactionDescription = {...ongoing, state: 'Empty', startTimeMs: null, durationMs: null, partitions: []}
  assert.deepEqual(plainTable(DESCRIBE_HEAD, describeRows(idle)), [
    'COORDINATOR  TRANSACTIONAL ID  PRODUCER ID  EPOCH  STATE  TIMEOUT MS  START TIME  DURATION MS  PARTITIONS',
    '2            payments-tx-0     4001         7      Empty  60000       None        None',
  ])
})

test('transactions describe-producers: one row a producer; - for no timestamp, None for no open transaction', () => {
  const producers: ProducerState[] = [
    {
      producerId: '4001',
      producerEpoch: 7,
      coordinatorEpoch: 3,
      lastSequence: 41,
      lastTimestamp: START,
      currentTransactionStartOffset: 1200,
    },
    {producerId: '5003', producerEpoch: 0, coordinatorEpoch: -1, lastSequence: 9, lastTimestamp: -1, currentTransactionStartOffset: null},
  ]
  assert.deepEqual(producerRows(producers), [
    ['4001', '7', '3', '41', '2024-06-01T12:00:00.000Z', '1200'],
    ['5003', '0', '-1', '9', '-', 'None'],
  ])
  assert.equal(
    plainTable(PRODUCERS_HEAD, [])[0],
    'PRODUCER ID  EPOCH  COORDINATOR EPOCH  LAST SEQUENCE  LAST TIMESTAMP  OPEN TRANSACTION START OFFSET',
  )
})

test('transactions find-hanging: one row an open transaction, how long it hangs and why', () => {
  const open = {topic: 'payments', partition: 0, producerEpoch: 7, coordinatorEpoch: 3, startOffset: 1200, lastTimestamp: START}
  const hanging: HangingTransaction[] = [
    {...open, producerId: '4001', transactionalId: 'payments-tx-0', reason: 'partition-not-in-transaction', durationMinutes: 95},
    {...open, partition: 1, producerId: '4002', transactionalId: 'payments-tx-1', reason: 'unknown-producer', durationMinutes: 61},
    {...open, partition: 2, producerId: '4003', transactionalId: null, reason: 'unknown-producer', durationMinutes: 3000},
  ]
  assert.deepEqual(hangingRows(hanging), [
    ['payments', '0', '4001', '7', '3', '1200', '2024-06-01T12:00:00.000Z', '95', 'not in transaction payments-tx-0'],
    ['payments', '1', '4002', '7', '3', '1200', '2024-06-01T12:00:00.000Z', '61', 'its coordinator does not know payments-tx-1'],
    ['payments', '2', '4003', '7', '3', '1200', '2024-06-01T12:00:00.000Z', '3000', 'no coordinator knows the producer'],
  ])
  assert.equal(
    plainTable(HANGING_HEAD, [])[0],
    'TOPIC  PARTITION  PRODUCER ID  EPOCH  COORDINATOR EPOCH  START OFFSET  LAST TIMESTAMP  MINUTES  WHY',
  )
})
