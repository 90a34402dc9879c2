import assert from 'node:assert/strict'
import {test} from 'node:test'
import type {CountSummary} from '../../../../src/core/consume/count.js'
import {consumedNotes, COUNT_HEAD, countLines, countRows, unmatchedNote} from '../../../../src/output/views/consume.js'
import {plainTable} from '../../../helpers/plain-table.js'

const counted: CountSummary = {
  count: 7,
  skipped: 3,
  stoppedBy: 'end',
  partitions: [
    {topic: 'orders', partition: 0, start: 0, end: 5, next: 5, records: 5},
    {topic: 'orders', partition: 1, start: 10, end: 12, next: 12, records: 2},
  ],
}

test('consume notes: the throughput when asked for, and what --grep skipped', () => {
  const end = {bytes: 2048, seconds: 2, rate: true, filtered: true}
  assert.deepEqual(consumedNotes(counted, end), [
    'consumed 7 records, 2048 bytes in 2.00 s (4 records/s)',
    '3 record(s) did not match and were skipped',
  ])
  assert.deepEqual(consumedNotes(counted, {...end, rate: false}), ['3 record(s) did not match and were skipped'])
  assert.deepEqual(consumedNotes(counted, {...end, filtered: false}), ['consumed 7 records, 2048 bytes in 2.00 s (4 records/s)'])
  assert.deepEqual(consumedNotes(counted, {...end, rate: false, filtered: false}), [])
})

test('consume --count: a row a partition with its range, then the total', () => {
  assert.deepEqual(plainTable(COUNT_HEAD, countRows(counted)), [
    'TOPIC   PARTITION  RECORDS  FROM  TO',
    'orders  0          5        0     5',
    'orders  1          2        10    12',
  ])
  const lines = countLines(counted)
  assert.equal(lines.length, 2)
  assert.equal(lines[1], 'total 7')
  assert.equal(unmatchedNote(counted), '3 record(s) did not match')
})
