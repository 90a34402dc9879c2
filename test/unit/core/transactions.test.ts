import assert from 'node:assert/strict'
import {test} from 'node:test'
import {hangingOf, type OpenTransaction} from '../../../src/core/transactions/transactions.js'

const open = (producerId: string, partition: number): OpenTransaction => ({
  topic: 't',
  partition,
  producerId,
  producerEpoch: 0,
  coordinatorEpoch: -1,
  startOffset: 5,
  lastTimestamp: 0,
})

test('hangingOf: unknown producers and partitions left out of the coordinator’s transaction hang; included ones do not', () => {
  const ids = new Map([
    ['2', 'known'],
    ['3', 'gone'],
  ])
  const descriptions = new Map<string, {partitions: string[]} | null>([
    ['known', {partitions: ['t-0']}],
    ['gone', null],
  ])
  const found = hangingOf([open('1', 0), open('2', 0), open('2', 1), open('3', 0)], ids, descriptions, 30 * 60_000 + 59_999)
  assert.deepEqual(
    found.map((h) => [h.producerId, h.partition, h.reason, h.transactionalId, h.durationMinutes]),
    [
      ['1', 0, 'unknown-producer', null, 30],
      ['2', 1, 'partition-not-in-transaction', 'known', 30],
      ['3', 0, 'unknown-producer', 'gone', 30],
    ],
  )
})
