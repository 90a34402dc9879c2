import assert from 'node:assert/strict'
import {test} from 'node:test'
import {Accumulator, type ProducerBatch} from '../../../../src/core/produce/accumulator.js'
import {InputError} from '../../../../src/core/produce/input.js'

/** An uncompressed accumulator of 3 partitions and 4 KB batches, the batches it sealed (in order), and a flush of the rest. */
function threePartitions() {
  const sealed: ProducerBatch[] = []
  const acc = new Accumulator(
    {topic: 't', partitions: 3, batchBytes: 4096, compression: 0, maxMessageBytes: 1 << 20},
    {sealed: (b) => sealed.push(b), encoded: () => {}},
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
  const now = Date.now()
  for (let n = 1; n <= 1000; n++) acc.addText(line, -1, -1, 0, line.length, n, now)
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
  const partitions = new Set<number>()
  for (let n = 1; n <= 200; n++) partitions.add(acc.addText(line, 0, 1, 2, line.length, n, Date.now()))
  flush()
  assert.equal(partitions.size, 1)
  assert.ok(sealed.every((b) => b.partition === [...partitions][0]))
  assert.equal(records(sealed), 200)
})

test('a record over max.message.bytes fails its line with the sizes, or is counted and skipped under ignore.error', () => {
  const big = Buffer.from('z'.repeat(2000))
  const strict = new Accumulator(
    {topic: 't', partitions: 1, batchBytes: 4096, compression: 0, maxMessageBytes: 1000},
    {sealed: () => {}, encoded: () => {}},
  )
  assert.throws(
    () => strict.addText(big, -1, -1, 0, big.length, 7, Date.now()),
    (e: unknown) => e instanceof InputError && /line 7/.test(e.message) && /over the topic's max.message.bytes of 1000/.test(e.message),
  )
  let skipped = 0
  const lenient = new Accumulator(
    {topic: 't', partitions: 1, batchBytes: 4096, compression: 0, maxMessageBytes: 1000, onOversized: () => void skipped++},
    {sealed: () => {}, encoded: () => {}},
  )
  assert.equal(lenient.addText(big, -1, -1, 0, big.length, 1, Date.now()), -1)
  assert.equal(lenient.addText(Buffer.from('ok'), -1, -1, 0, 2, 2, Date.now()), 0)
  assert.equal(skipped, 1)
})

test('a JSONL record naming a partition the topic lacks fails its line, naming the partition and the topic', () => {
  const acc = new Accumulator(
    {topic: 'orders', partitions: 3, batchBytes: 4096, compression: 0, maxMessageBytes: 1 << 20},
    {sealed: () => {}, encoded: () => {}},
  )
  assert.throws(
    () => acc.add({key: null, value: Buffer.from('v'), headers: [], partition: 5, line: 4}, Date.now()),
    (e: unknown) => e instanceof InputError && e.message.includes('partition 5 does not exist (the topic has 3): topic "orders"'),
  )
})
