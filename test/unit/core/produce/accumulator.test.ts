import assert from 'node:assert/strict'
import {test} from 'node:test'
import {Accumulator, type ProducerBatch} from '../../../../src/core/produce/accumulator.js'
import {RECORD_SIZE_BOUND} from '../../../../src/core/records/batch-encode.js'

/** An uncompressed accumulator of 3 partitions and 4 KB batches, the batches it sealed (in order), and a flush of the rest. */
function threePartitions() {
  const sealed: ProducerBatch[] = []
  const acc = new Accumulator(
    3,
    4096,
    0,
    (b) => sealed.push(b),
    () => {},
  )
  const flush = () => {
    for (const p of [...acc.openPartitions()]) acc.sealIfDue(p, 0, true)
  }
  return {acc, sealed, flush}
}

const records = (batches: ProducerBatch[]) => batches.reduce((n, b) => n + b.records, 0)

// Keyless records stick to one partition until its batch is full, then move on, and the record
// that did not fit starts the next partition's batch. (It used to start a new batch on the full
// partition: a one-record batch, and a request of its own, after every full batch.)
test('keyless records fill one batch per partition in turn, with no one-record batch after each full one', () => {
  const {acc, sealed, flush} = threePartitions()
  const line = Buffer.from('x'.repeat(100))
  const size = RECORD_SIZE_BOUND + line.length
  const now = Date.now()
  for (let n = 1; n <= 1000; n++) {
    const p = acc.partitionOfSpan(line, -1, -1, undefined, size)
    acc.appendSpan(line, -1, -1, 0, line.length, p, size, n, now)
  }
  const full = sealed.length
  flush()
  assert.ok(full > 10, `${full} full batches`)
  const counts = sealed.slice(0, full).map((b) => b.records)
  assert.deepEqual(new Set(counts).size, 1, `full batches of ${[...new Set(counts)].join(', ')} records`)
  // In turn: partition p, p+1, p+2, ...; lines in order, none lost.
  for (let i = 1; i < sealed.length; i++) {
    assert.equal(sealed[i]!.partition, (sealed[i - 1]!.partition + 1) % 3)
    assert.equal(sealed[i]!.firstLine, sealed[i - 1]!.lastLine + 1)
  }
  assert.equal(records(sealed), 1000)
})

test('a keyed record never moves: it waits for a new batch on its own partition', () => {
  const {acc, sealed, flush} = threePartitions()
  const line = Buffer.from('k:' + 'y'.repeat(100))
  const size = RECORD_SIZE_BOUND + line.length
  const partitions = new Set<number>()
  for (let n = 1; n <= 200; n++) {
    const p = acc.partitionOfSpan(line, 0, 1, undefined, size)
    partitions.add(p)
    acc.appendSpan(line, 0, 1, 2, line.length, p, size, n, Date.now())
  }
  flush()
  assert.equal(partitions.size, 1)
  assert.ok(sealed.every((b) => b.partition === [...partitions][0]))
  assert.equal(records(sealed), 200)
})
