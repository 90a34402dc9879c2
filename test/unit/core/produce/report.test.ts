import assert from 'node:assert/strict'
import {test} from 'node:test'
import {PartitionLedger} from '../../../../src/core/produce/ledger.js'
import {describeFailure} from '../../../../src/core/produce/report.js'

const batch = (partition: number, firstLine: number, lastLine: number, maybeWritten = false) => ({
  partition,
  records: lastLine - firstLine + 1,
  firstLine,
  lastLine,
  payloadBytes: 10,
  createdAt: 0,
  baseSequence: 0,
  stamped: true,
  inFlight: false,
  maybeWritten,
})

test('the ledger counts acknowledged, not written and unconfirmed lines per partition, and the report names them', () => {
  const l = new PartitionLedger(3)
  l.acked(batch(0, 1, 10))
  l.acked(batch(1, 11, 20))
  l.notWritten(batch(1, 21, 30))
  l.notWritten(batch(1, 31, 35))
  l.notWritten(batch(2, 36, 40, true))
  l.fail(1, new Error('NOT_ENOUGH_REPLICAS'))
  assert.equal(l.acknowledged, 20)
  assert.equal(l.notWrittenCount, 15)
  assert.equal(l.maybeWrittenCount, 5)
  const text = describeFailure({
    topic: 't',
    records: 20,
    bytes: 200,
    failed: 20,
    notWritten: 15,
    maybeWritten: 5,
    lines: 40,
    ignoredLines: 0,
    oversizedLines: 0,
    seconds: 1,
    stoppedBy: 'error',
    partitions: l.partitions(),
  })
  assert.equal(
    text,
    '20 records acknowledged, 15 not written, 5 unconfirmed (sent, answer lost: they may be on the topic); input read to line 40; ' +
      'partition 1 not written: 15 of lines 21-35 (NOT_ENOUGH_REPLICAS); partition 2 unconfirmed: 5 of lines 36-40',
  )
})
