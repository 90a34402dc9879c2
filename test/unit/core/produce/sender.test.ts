import assert from 'node:assert/strict'
import {afterEach, beforeEach, mock, test} from 'node:test'
import {Accumulator, type ProducerBatch} from '../../../../src/core/produce/accumulator.js'
import {Sender, type SenderOptions} from '../../../../src/core/produce/sender.js'
import {FakeProduceBrokers} from '../../../helpers/fake-produce-brokers.js'

// The sender against brokers in memory (test/helpers/fake-produce-brokers.ts), on a mocked clock: retry
// backoffs, request and delivery timeouts pass in virtual time, so each test takes milliseconds.
const TOPIC = 'orders'

beforeEach(() => mock.timers.enable({apis: ['setTimeout', 'setInterval', 'Date'], now: 1_700_000_000_000}))
afterEach(() => mock.timers.reset())

const immediate = () => new Promise((resolve) => setImmediate(resolve))

/** Lets promises and the fake brokers run, then moves the mocked clock `ms` on, 10 ms at a time. */
async function settle(ms = 0): Promise<void> {
  await immediate()
  for (let t = 0; t < ms; t += 10) {
    mock.timers.tick(10)
    await immediate()
  }
}

/** Settles until `done` holds, at most 10 minutes of virtual time. */
async function until(done: () => boolean): Promise<void> {
  for (let t = 0; t <= 600_000; t += 10) {
    await settle()
    if (done()) return
    mock.timers.tick(10)
  }
  throw new Error('not done within 10 minutes (virtual)')
}

/**
 * A sender on fake brokers, driven as ProduceRun drives it: an accumulator
 * seals batches into it (and drains on each), `flush` drains and waits on
 * `changed()` until nothing is pending. Lines are numbered across partitions
 * from 1, and a line's value is its number.
 */
function producer(fake: FakeProduceBrokers, options: Partial<SenderOptions> & {compression?: number} = {}) {
  const {compression = 0, ...rest} = options
  const o: SenderOptions = {
    topic: TOPIC,
    partitions: fake.leaders.length,
    acks: -1,
    producerId: 1000n,
    producerEpoch: 0,
    requestTimeoutMs: 30_000,
    deliveryTimeoutMs: 120_000,
    maxInFlight: 5,
    ...rest,
  }
  const sealed: ProducerBatch[] = []
  const done = new Map<ProducerBatch, number>()
  const warnings: string[] = []
  const sent = fake.leaders.map((): string[] => [])
  let line = 0
  const accumulator: Accumulator = new Accumulator(
    {topic: TOPIC, partitions: o.partitions, batchBytes: 16_384, compression, maxMessageBytes: 1 << 20},
    {
      sealed: (b) => {
        sealed.push(b)
        sender.add(b)
      },
      encoded: (b, error) => (error === undefined ? sender.drain() : sender.failEncoding(b, error)),
    },
  )
  const sender: Sender = new Sender(fake.cluster, o, {
    acked: () => {},
    done: (b) => {
      done.set(b, (done.get(b) ?? 0) + 1)
      if (o.acks !== 0) accumulator.release(b)
    },
    warning: (text) => warnings.push(text),
    sealDue: (p) => accumulator.sealIfDue(p, 0, true),
  })
  const flush = async () => {
    for (;;) {
      sender.drain()
      if (sender.pending === 0) return
      await sender.changed()
    }
  }
  return {
    sender,
    sealed,
    warnings,
    /** What was written to each partition, in order. */
    sent,
    /** `batches` batches of `perBatch` lines on `partition`, each sealed at once (so sent as soon as there is room). */
    write(partition: number, batches = 1, perBatch = 3) {
      for (let b = 0; b < batches; b++) {
        for (let i = 0; i < perBatch; i++) {
          line++
          accumulator.add({key: null, value: Buffer.from(String(line)), headers: [], partition, line}, Date.now())
          sent[partition]!.push(String(line))
        }
        accumulator.sealIfDue(partition, 0, true)
      }
    },
    /** Until nothing is pending, as ProduceRun's flush. */
    async flushed() {
      let over = false
      const flushing = flush().finally(() => (over = true))
      await until(() => over)
      await flushing
    },
    async finish() {
      await this.flushed()
      await sender.close()
    },
    /** Every sealed batch was acknowledged or given up exactly once, and the ledger counts every line once. */
    accounted() {
      for (const b of sealed) assert.equal(done.get(b), 1, `lines ${b.firstLine}-${b.lastLine}: done ${done.get(b) ?? 0} times`)
      const {ledger} = sender
      assert.equal(ledger.acknowledged + ledger.notWrittenCount + ledger.maybeWrittenCount, line)
    },
    /** Each partition's log holds what was written to it, once, in order, and everything was acknowledged. */
    async allWrittenOnce() {
      for (let p = 0; p < sent.length; p++) assert.deepEqual(await fake.values(p), sent[p], `partition ${p}`)
      assert.deepEqual(
        {
          acknowledged: sender.ledger.acknowledged,
          notWritten: sender.ledger.notWrittenCount,
          maybeWritten: sender.ledger.maybeWrittenCount,
        },
        {acknowledged: line, notWritten: 0, maybeWritten: 0},
      )
      assert.equal(sender.failed, false)
      this.accounted()
    },
  }
}

test('through refusals, lost answers, a dropped connection and a leader move, every batch is written once and in order per partition', async () => {
  const fake = new FakeProduceBrokers(TOPIC, [1, 2, 1], [1, 2, 3])
  fake.fault({partition: 0, do: {refuse: 'NOT_ENOUGH_REPLICAS'}})
  fake.fault({broker: 1, do: 'lose'})
  fake.fault({partition: 1, do: {appendThen: 'NOT_ENOUGH_REPLICAS_AFTER_APPEND'}})
  fake.fault({broker: 2, times: 2, do: 'drop'})
  fake.fault({partition: 2, do: {moveLeaderTo: 3}})
  fake.fault({partition: 0, do: {appendThen: 'REQUEST_TIMED_OUT'}})
  fake.fault({broker: 3, do: 'lose'})
  const run = producer(fake)
  for (let round = 0; round < 8; round++) {
    for (const p of [0, 1, 2]) run.write(p, 1 + (round % 2), 1 + round)
    await settle(30)
  }
  await run.finish()
  assert.deepEqual(fake.unmetFaults, [])
  await run.allWrittenOnce()
  // Batches re-sent after their answers were lost were recognised, not written again.
  assert.ok(fake.answered('DUPLICATE_SEQUENCE_NUMBER') >= 2, `${fake.answered('DUPLICATE_SEQUENCE_NUMBER')} duplicates`)
  // Partition 2 went to broker 1 until its leader moved, then to broker 3 only (requests already on the wire were refused).
  const routes = fake.calls.filter((c) => c.batches.some((b) => b.partition === 2)).map((c) => c.broker)
  assert.deepEqual(routes, [...routes].sort())
  assert.equal(routes.at(-1), 3)
  assert.ok(fake.answered('NOT_LEADER_OR_FOLLOWER') > 0)
  // One batch per partition a request; the epoch never changed.
  for (const c of fake.calls) assert.equal(new Set(c.batches.map((b) => b.partition)).size, c.batches.length)
  for (const log of fake.logs) for (const b of log) assert.equal(b.epoch, 0)
})

for (const maxInFlight of [1, 3, 5]) {
  test(`with max in flight ${maxInFlight}, no partition ever has more requests unanswered, and the pipeline fills up to it`, async () => {
    const fake = new FakeProduceBrokers(TOPIC, [1, 1, 2])
    fake.pause()
    const run = producer(fake, {maxInFlight})
    // Partition 0's requests go out first: partition 1 then finds broker 1's requests full, not its own.
    run.write(0, 8)
    await settle()
    run.write(1, 8)
    run.write(2, 8)
    await settle()
    while (run.sender.pending > 0) {
      // Per broker too: two partitions share broker 1's requests.
      for (const broker of [1, 2]) {
        const unanswered = fake.channels.filter((c) => c.broker === broker).reduce((n, c) => n + c.outstanding.size, 0)
        assert.ok(unanswered <= maxInFlight, `${unanswered} requests unanswered on broker ${broker}`)
      }
      if (fake.waiting.length > 0) fake.step()
      await settle()
    }
    for (const p of [0, 1, 2]) assert.equal(fake.peakInFlight.get(p), maxInFlight, `partition ${p}`)
    await run.finish()
    await run.allWrittenOnce()
  })
}

test('a lost answer counts its batches as maybe written until the re-send is answered DUPLICATE_SEQUENCE_NUMBER: then acknowledged, written once', async () => {
  const fake = new FakeProduceBrokers(TOPIC, [1])
  fake.pause()
  fake.fault({do: 'lose'})
  const run = producer(fake)
  run.write(0, 2)
  await settle()
  assert.equal(fake.waiting.length, 2)
  // The first request is written, then the connection drops: both answers are lost (the second was never read).
  fake.step()
  await settle()
  const [first, second] = run.sealed
  assert.equal(first!.maybeWritten, true)
  assert.equal(second!.maybeWritten, true)
  assert.equal(fake.logs[0]!.length, 1)
  assert.equal(run.sender.pending, 2)
  assert.equal(run.sender.ledger.maybeWrittenCount, 0, 'retried, not given up')
  fake.resume()
  await run.finish()
  assert.deepEqual(
    [...fake.calls.at(-2)!.answers!.values(), ...fake.calls.at(-1)!.answers!.values()],
    ['DUPLICATE_SEQUENCE_NUMBER', 'NONE'],
  )
  await run.allWrittenOnce()
})

// It threw in the answer's handler (an unhandled rejection, fatal to node), and the partition never got its batch back.
test('an answer that does not decode is a lost answer: the connection goes, the batch counts as maybe written and is re-sent', async () => {
  const fake = new FakeProduceBrokers(TOPIC, [1])
  fake.fault({do: 'garble'})
  const run = producer(fake)
  run.write(0, 2)
  await run.finish()
  await run.allWrittenOnce()
  assert.equal(fake.channels[0]!.usable, false)
  assert.equal(run.sealed[0]!.maybeWritten, true)
  // The second answer had come whole: acknowledged before the first, which was re-sent and found written.
  assert.deepEqual(
    fake.calls.map((c) => [c.batches[0]!.baseSequence, c.answers!.get(0)]),
    [
      [0, 'NONE'],
      [3, 'NONE'],
      [0, 'DUPLICATE_SEQUENCE_NUMBER'],
    ],
  )
  assert.deepEqual(run.warnings, ['partition 0: lines 4-6 were acknowledged before older lines (1 batch(es) behind)'])
})

test('NOT_LEADER_OR_FOLLOWER: the partition waits for its batches in flight, learns the new leader and goes on there, in order', async () => {
  const fake = new FakeProduceBrokers(TOPIC, [1, 1], [1, 2])
  const run = producer(fake)
  run.write(0, 2)
  run.write(1, 2)
  await run.flushed()
  fake.fault({partition: 0, do: {moveLeaderTo: 2}})
  run.write(0, 3)
  run.write(1, 3)
  await run.finish()
  await run.allWrittenOnce()
  assert.ok(fake.answered('NOT_LEADER_OR_FOLLOWER') > 0)
  assert.ok(fake.refreshes > 0)
  // Partition 0: broker 1 until the move (what was on the wire then was refused), broker 2 after; partition 1 stays.
  const routes = (p: number) => fake.calls.filter((c) => c.batches.some((b) => b.partition === p)).map((c) => c.broker)
  assert.deepEqual(routes(0), [...routes(0)].sort())
  assert.equal(routes(0).at(-1), 2)
  assert.ok(routes(1).every((b) => b === 1))
  // The new leader got the re-sent batches as they were (same epoch and sequences): none was written on broker 1 after the move.
  assert.deepEqual(
    fake.logs[0]!.map((b) => b.baseSequence),
    [0, 3, 6, 9, 12],
  )
})

test('a partition that learns its new leader while batches are in flight to the old one sends nothing there until they are back', async () => {
  const fake = new FakeProduceBrokers(TOPIC, [1, 3], [1, 2, 3])
  fake.pause()
  const run = producer(fake)
  run.write(0, 2)
  run.write(1)
  await settle()
  fake.moveLeader(0, 2)
  // Partition 1's refusal brings new metadata, which names broker 2 for partition 0.
  fake.fault({partition: 1, do: {refuse: 'NOT_ENOUGH_REPLICAS'}})
  fake.step(fake.waiting.find((w) => w.call.broker === 3))
  await settle(1000)
  assert.ok(fake.refreshes > 0)
  run.write(0)
  await settle(1000)
  assert.deepEqual(
    fake.calls.filter((c) => c.broker === 2),
    [],
  )
  fake.resume()
  await run.finish()
  await run.allWrittenOnce()
  assert.deepEqual([...fake.twoBrokersAtOnce], [])
})

test('a leader that stops: its connection drops, it refuses new ones, and the batches go to the new leader, each written once', async () => {
  const fake = new FakeProduceBrokers(TOPIC, [1], [1, 2])
  fake.pause()
  const run = producer(fake)
  run.write(0, 3)
  await settle()
  fake.step() // the first is written and answered; the others are on the wire when broker 1 stops
  fake.stop(1)
  fake.moveLeader(0, 2)
  fake.resume()
  await run.finish()
  await run.allWrittenOnce()
  assert.deepEqual(
    fake.logs[0]!.map((b) => b.baseSequence),
    [0, 3, 6],
  )
})

test('UNKNOWN_PRODUCER_ID on the oldest batch: a warning, the epoch goes up and the queue is re-sequenced from 0; nothing is written twice', async () => {
  const fake = new FakeProduceBrokers(TOPIC, [1])
  const run = producer(fake)
  run.write(0, 2)
  await run.flushed()
  // The broker lost this producer's state (its log was truncated, say): the next batch with sequence 6 is refused.
  fake.forgetProducers(0)
  run.write(0, 3)
  await run.finish()
  await run.allWrittenOnce()
  assert.deepEqual(
    fake.logs[0]!.map((b) => [b.epoch, b.baseSequence]),
    [
      [0, 0],
      [0, 3],
      [1, 0],
      [1, 3],
      [1, 6],
    ],
  )
  assert.equal(fake.answered('UNKNOWN_PRODUCER_ID'), 3)
  assert.equal(run.warnings.length, 1)
  assert.match(
    run.warnings[0]!,
    /^partition 0: the broker no longer knows this producer's sequence \(.+\); continuing under epoch 1, nothing was written twice$/,
  )
})

// It was stamped with the others at once, bytes or not: a TypeError in the answer's handler (an unhandled
// rejection) that left the partition held until the delivery timeout failed it.
test('a re-sequence with a batch still compressing stamps that batch when it is sent, after the ones before it', async () => {
  const fake = new FakeProduceBrokers(TOPIC, [1])
  const run = producer(fake, {compression: 1})
  run.write(0)
  await run.flushed()
  fake.forgetProducers(0)
  fake.pause()
  run.write(0)
  await until(() => fake.waiting.length === 1)
  // Sealed: compressing on the thread pool, no bytes yet when the broker's UNKNOWN_PRODUCER_ID comes back.
  run.write(0)
  assert.equal(run.sealed[2]!.bytes, undefined)
  fake.step()
  fake.resume()
  await run.finish()
  await run.allWrittenOnce()
  assert.deepEqual(
    fake.logs[0]!.map((b) => [b.epoch, b.baseSequence]),
    [
      [0, 0],
      [1, 0],
      [1, 3],
    ],
  )
})

test('a refused batch holds its partition until every batch in flight is back; then all are re-sent from the oldest, in order, same epoch', async () => {
  const fake = new FakeProduceBrokers(TOPIC, [1])
  const run = producer(fake)
  run.write(0)
  await run.flushed()
  fake.pause()
  fake.fault({partition: 0, do: {refuse: 'NOT_ENOUGH_REPLICAS'}})
  run.write(0, 3)
  await settle()
  fake.step()
  await settle(1000)
  assert.equal(fake.calls.length, 4, 'nothing sent while two batches are in flight')
  // The broker refuses the next two as out of order (the first was not written): a retry, not a re-sequence.
  fake.step()
  fake.step()
  fake.resume()
  await run.finish()
  await run.allWrittenOnce()
  assert.deepEqual(
    fake.calls.map((c) => [c.batches[0]!.baseSequence, c.answers!.get(0)]),
    [
      [0, 'NONE'],
      [3, 'NOT_ENOUGH_REPLICAS'],
      [6, 'OUT_OF_ORDER_SEQUENCE_NUMBER'],
      [9, 'OUT_OF_ORDER_SEQUENCE_NUMBER'],
      [3, 'NONE'],
      [6, 'NONE'],
      [9, 'NONE'],
    ],
  )
  assert.deepEqual(run.warnings, [])
})

test('requests that reach the broker out of order are refused and re-sent in order', async () => {
  const fake = new FakeProduceBrokers(TOPIC, [1])
  const run = producer(fake)
  run.write(0)
  await run.flushed()
  fake.pause()
  run.write(0, 2)
  await settle()
  fake.step(fake.waiting[1])
  fake.resume()
  await run.finish()
  await run.allWrittenOnce()
  // In the order received: the first batch, the two swapped (the later one refused), the later one again.
  assert.deepEqual(
    fake.calls.map((c) => [c.batches[0]!.baseSequence, c.answers!.get(0)]),
    [
      [0, 'NONE'],
      [3, 'NONE'],
      [6, 'OUT_OF_ORDER_SEQUENCE_NUMBER'],
      [6, 'NONE'],
    ],
  )
  assert.deepEqual(run.warnings, [])
})

test('answers out of order (a late one): each batch acknowledged once, with a warning, nothing re-sent', async () => {
  const fake = new FakeProduceBrokers(TOPIC, [1])
  fake.fault({do: 'late'})
  const run = producer(fake)
  run.write(0, 3)
  await until(() => run.sender.pending === 1)
  fake.releaseLate()
  await run.finish()
  await run.allWrittenOnce()
  assert.equal(fake.calls.length, 3)
  assert.deepEqual(run.warnings, [
    'partition 0: lines 4-6 were acknowledged before older lines (1 batch(es) behind)',
    'partition 0: lines 7-9 were acknowledged before older lines (1 batch(es) behind)',
  ])
})

test('past the delivery timeout a partition fails: what lost its answer counts as maybe written, the rest not written; the others go on', async () => {
  const fake = new FakeProduceBrokers(TOPIC, [1, 2])
  fake.fault({partition: 0, do: 'lose'})
  fake.fault({partition: 0, times: Infinity, do: {refuse: 'NOT_ENOUGH_REPLICAS'}})
  const run = producer(fake, {deliveryTimeoutMs: 6000})
  run.write(0) // lines 1-3: written, answer lost
  await settle()
  run.write(0, 2) // 4-9: refused
  run.write(1, 3) // 10-18
  await run.finish()
  assert.equal(run.sender.failed, true)
  assert.deepEqual(await fake.values(0), ['1', '2', '3'])
  assert.deepEqual(await fake.values(1), run.sent[1])
  const [p0, p1] = run.sender.ledger.partitions()
  assert.deepEqual(
    {...p0!, error: undefined},
    {
      partition: 0,
      acknowledged: 0,
      maybeWritten: {records: 3, firstLine: 1, lastLine: 3},
      notWritten: {records: 6, firstLine: 4, lastLine: 9},
      error: undefined,
    },
  )
  assert.match(p0!.error!, /^not acknowledged within the delivery timeout of 6 s \(last: .*fewer in-sync replicas/)
  assert.deepEqual(p1, {partition: 1, acknowledged: 9, lastAcknowledgedLine: 18})
  // Before giving up, the partition said why it waited.
  assert.ok(
    run.warnings.some((w) =>
      /^partition 0: retrying \(NOT_ENOUGH_REPLICAS: fewer replicas in sync than the topic's min.insync.replicas\); \d+ s left/.test(w),
    ),
    run.warnings.join('\n'),
  )
  run.accounted()
})

test('acks=0: no producer id, no sequence, no answer awaited; every batch written once, in order', async () => {
  const fake = new FakeProduceBrokers(TOPIC, [1, 2])
  const run = producer(fake, {acks: 0, producerId: -1n, producerEpoch: -1})
  for (let i = 0; i < 5; i++) for (const p of [0, 1]) run.write(p)
  await run.finish()
  await run.allWrittenOnce()
  for (const c of fake.calls) {
    assert.equal(c.acks, 0)
    for (const b of c.batches) assert.deepEqual([b.producerId, b.epoch, b.baseSequence], [-1n, -1, -1])
  }
})
