// Off a terminal (as under the test runner) views print no colour codes, so rows compare as plain text.
import assert from 'node:assert/strict'
import {test} from 'node:test'
import type {PartitionOffset} from '../../../../src/core/partitions/offsets.js'
import type {DeleteRecordsResult} from '../../../../src/core/partitions/delete-records.js'
import {DELETE_RECORDS_HEAD, deleteRecordsRows, OFFSETS_HEAD, offsetRows} from '../../../../src/output/views/offsets.js'
import {plainTable} from '../../../helpers/plain-table.js'

test('offsets: one row a partition; - where no record matches', () => {
  const latest: PartitionOffset[] = [
    {topic: 'orders', partition: 0, offset: 1200, timestamp: null},
    {topic: 'orders', partition: 1, offset: 0, timestamp: null},
  ]
  assert.deepEqual(OFFSETS_HEAD(false), ['topic', 'partition', 'offset'])
  assert.deepEqual(offsetRows(latest, false), [
    ['orders', 0, 1200],
    ['orders', 1, 0],
  ])
  assert.deepEqual(plainTable(OFFSETS_HEAD(false), offsetRows(latest, false)), [
    'TOPIC   PARTITION  OFFSET',
    'orders  0          1200',
    'orders  1          0',
  ])
})

test('offsets at a time: the matching record’s timestamp in ms and ISO; - for none after it', () => {
  const at: PartitionOffset[] = [
    {topic: 'orders', partition: 0, offset: 817, timestamp: 1_717_243_200_000},
    {topic: 'orders', partition: 1, offset: null, timestamp: null},
  ]
  assert.deepEqual(OFFSETS_HEAD(true), ['topic', 'partition', 'offset', 'timestamp'])
  assert.deepEqual(offsetRows(at, true), [
    ['orders', 0, 817, '1717243200000 (2024-06-01T12:00:00.000Z)'],
    ['orders', 1, '-', '-'],
  ])
})

test('records delete: each partition’s new low watermark, or its error and -', () => {
  const results: DeleteRecordsResult[] = [
    {topic: 'orders', partition: 0, offset: 500, ok: true, lowWatermark: 500, error: null},
    {topic: 'orders', partition: 1, offset: -1, ok: true, lowWatermark: 42, error: null},
    {topic: 'orders', partition: 2, offset: 9000, ok: false, lowWatermark: null, error: 'OFFSET_OUT_OF_RANGE'},
  ]
  assert.deepEqual(deleteRecordsRows(results), [
    ['orders', 0, 500, ''],
    ['orders', 1, 42, ''],
    ['orders', 2, '-', 'OFFSET_OUT_OF_RANGE'],
  ])
  assert.deepEqual(plainTable(DELETE_RECORDS_HEAD, deleteRecordsRows(results)), [
    'TOPIC   PARTITION  LOW WATERMARK  ERROR',
    'orders  0          500',
    'orders  1          42',
    'orders  2          -              OFFSET_OUT_OF_RANGE',
  ])
})
