import assert from 'node:assert/strict'
import {test} from 'node:test'
import type {ProduceSummary} from '../../../../src/core/produce/report.js'
import {endNotes, oversizedWarning, producedNote, progressText} from '../../../../src/output/views/produce.js'

const summary: ProduceSummary = {
  topic: 'orders',
  records: 1000,
  bytes: 2_500_000,
  failed: 0,
  notWritten: 0,
  maybeWritten: 0,
  lines: 1000,
  ignoredLines: 0,
  oversizedLines: 0,
  seconds: 2,
  stoppedBy: 'end',
  partitions: [],
}

test('produce: the live line and the end line', () => {
  assert.equal(progressText({records: 1000, bytes: 2_500_000}), '1000 records, 2.5 MB')
  assert.equal(producedNote(summary, 'orders'), 'produced 1000 records, 2500000 bytes in 2.00 s (500 records/s) to orders')
})

test('produce: ignore.error says what it passed over, as text or JSONL', () => {
  assert.equal(oversizedWarning(summary), undefined)
  assert.equal(
    oversizedWarning({...summary, oversizedLines: 2}),
    "ignore.error: 2 line(s) over the topic's max.message.bytes were skipped (not sent)",
  )
  assert.deepEqual(endNotes(summary, 'text'), [])
  assert.deepEqual(endNotes({...summary, ignoredLines: 3}, 'text'), [
    'ignore.error: 3 line(s) did not parse (sent whole as the value, without a key or headers)',
  ])
  assert.deepEqual(endNotes({...summary, ignoredLines: 3}, 'jsonl'), ['ignore.error: 3 line(s) did not parse (skipped)'])
})

test('produce after Ctrl-C: where to go on from, or what was not acknowledged', () => {
  assert.deepEqual(endNotes({...summary, stoppedBy: 'interrupt', lines: 42}, 'text'), [
    'interrupted after input line 42: every line read was acknowledged; to go on, re-send from line 43',
  ])
  const failed = {...summary, stoppedBy: 'interrupt' as const, records: 40, failed: 2, notWritten: 2, lines: 42, ignoredLines: 1}
  assert.deepEqual(endNotes(failed, 'text'), [
    'ignore.error: 1 line(s) did not parse (sent whole as the value, without a key or headers)',
    'interrupted: 40 records acknowledged, 2 not written; input read to line 42',
  ])
})
