import assert from 'node:assert/strict'
import {afterEach, beforeEach, mock, test} from 'node:test'
import {FetchSession, type FetchOptions, type PartitionState} from '../../../../src/core/consume/fetch-session.js'
import {isKafkaError} from '../../../../src/core/protocol/kafka-errors.js'
import type {KRecord} from '../../../../src/core/records/record.js'
import {FakeFetchBrokers} from '../../../helpers/fake-fetch-brokers.js'

// The fetch session against brokers in memory (test/helpers/fake-fetch-brokers.ts), on a mocked clock:
// long polls, retry pauses and the retry limit pass in virtual time, so each test takes milliseconds.
const TOPIC = 'orders'

beforeEach(() => mock.timers.enable({apis: ['setTimeout', 'setInterval', 'Date'], now: 1_700_000_000_000}))
afterEach(() => mock.timers.reset())

/** Lets promises run, moving the mocked clock 10 ms at a time, until `promise` settles (at most 10 virtual minutes). */
async function settled<T>(promise: Promise<T>): Promise<T> {
  let over = false
  promise.then(
    () => (over = true),
    () => (over = true),
  )
  for (let t = 0; t <= 600_000 && !over; t += 10) {
    await new Promise((resolve) => setImmediate(resolve))
    if (!over) mock.timers.tick(10)
  }
  if (!over) throw new Error('not settled within 10 minutes (virtual)')
  return promise
}

/** Each partition gets `batches` batches of 3 values "p-offset". */
function fill(fake: FakeFetchBrokers, batches: number): void {
  for (let b = 0; b < batches; b++)
    for (let p = 0; p < fake.leaders.length; p++) {
      const from = fake.logEnd(p)
      fake.append(
        p,
        [0, 1, 2].map((i) => `${p}-${from + i}`),
      )
    }
}

const expected = (p: number, from: number, to: number) => Array.from({length: to - from}, (_, i) => `${p}-${from + i}`)

/** A session over every partition of the fake topic from `offset`, up to the log end unless `follow`. */
function session(fake: FakeFetchBrokers, o: {offset?: number; follow?: boolean} & Partial<FetchOptions> = {}) {
  const states: PartitionState[] = fake.leaders.map((leader, partition) => ({
    topic: TOPIC,
    partition,
    offset: BigInt(o.offset ?? 0),
    end: o.follow ? undefined : BigInt(fake.logEnd(partition)),
    leader,
    done: false,
  }))
  const resets: PartitionState[] = []
  const s = new FetchSession(fake.cluster, states, {
    isolationLevel: 0,
    maxWaitMs: 500,
    maxBytes: 1 << 20,
    // About one batch of the fake's a fetch: many fetches, each prefetched while the last is handed over.
    partitionMaxBytes: 100,
    retryMs: 30_000,
    resetOffset: async (state) => {
      resets.push({...state})
      return BigInt(fake.logStart[state.partition]!)
    },
    ...o,
  })
  const got = fake.leaders.map((): string[] => [])
  const calls: KRecord[][] = []
  return {
    session: s,
    states,
    resets,
    /** Values handed over, per partition. */
    got,
    calls,
    run: (onRecords?: (records: KRecord[]) => void) =>
      s.run(async (records) => {
        calls.push(records)
        for (const r of records) got[r.partition]!.push(r.value!.toString())
        onRecords?.(records)
      }),
  }
}

test('each partition is read in offset order, every record once, through prefetched fetches, up to its end', async () => {
  const fake = new FakeFetchBrokers(TOPIC, [1, 2, 1])
  fill(fake, 5)
  const read = session(fake)
  await settled(read.run())
  for (const p of [0, 1, 2]) assert.deepEqual(read.got[p], expected(p, 0, 15), `partition ${p}`)
  for (const s of read.states) assert.deepEqual([s.offset, s.done], [15n, true])
})

test('a partition that just returned records goes to the back of the next fetch, so one busy partition cannot starve the next', async () => {
  const fake = new FakeFetchBrokers(TOPIC, [1, 1])
  fill(fake, 4)
  // Room for one batch a response: the broker fills it from the first partition asked.
  const read = session(fake, {maxBytes: 100})
  await settled(read.run())
  assert.deepEqual(
    read.calls.map((records) => records[0]!.partition),
    [0, 1, 0, 1, 0, 1, 0, 1],
  )
  for (const p of [0, 1]) assert.deepEqual(read.got[p], expected(p, 0, 12))
})

test('from an offset inside a batch: the records before it are not handed over', async () => {
  const fake = new FakeFetchBrokers(TOPIC, [1])
  fill(fake, 3)
  const read = session(fake, {offset: 4})
  await settled(read.run())
  assert.deepEqual(read.got[0], expected(0, 4, 9))
})

test('OFFSET_OUT_OF_RANGE: the partition restarts where resetOffset says, and reads on from there', async () => {
  const fake = new FakeFetchBrokers(TOPIC, [1, 1])
  fill(fake, 4)
  // Retention removed partition 0's first two batches.
  fake.truncate(0, 6)
  const read = session(fake)
  await settled(read.run())
  assert.deepEqual(
    read.resets.map((s) => [s.partition, s.offset]),
    [[0, 0n]],
  )
  assert.deepEqual(read.got[0], expected(0, 6, 12))
  assert.deepEqual(read.got[1], expected(1, 0, 12))
})

test('a leader change and a dropped connection: the partition goes on at the new leader, no record lost or repeated', async () => {
  const fake = new FakeFetchBrokers(TOPIC, [1, 1])
  fill(fake, 6)
  fake.fault({broker: 1, do: 'disconnect'})
  const read = session(fake)
  let moved = false
  await settled(
    read.run(() => {
      // Mid-read (a fetch to broker 1 is already on its way): partition 1's leader moves to broker 2.
      if (!moved && read.got[1]!.length >= 6) {
        fake.moveLeader(1, 2)
        moved = true
      }
    }),
  )
  assert.ok(moved)
  for (const p of [0, 1]) assert.deepEqual(read.got[p], expected(p, 0, 18), `partition ${p}`)
  assert.equal(read.states[1]!.leader, 2)
  assert.ok(fake.calls.some((c) => c.broker === 2))
  assert.ok(fake.refreshes > 0)
})

test('stop() in the middle of a response: what was handed over is the position, nothing more is handed over, run ends', async () => {
  const fake = new FakeFetchBrokers(TOPIC, [1, 1])
  fill(fake, 3)
  const read = session(fake, {follow: true})
  await settled(read.run(() => read.session.stop()))
  assert.equal(read.calls.length, 1)
  const [first] = read.calls[0]!
  const handed = read.states[first!.partition]!
  const other = read.states[1 - first!.partition]!
  assert.equal(handed.offset, BigInt(read.calls[0]!.length))
  assert.equal(other.offset, 0n, 'the other partition of that response was not handed over: its position stays')
})

test('stop() while a fetch waits for records: run ends with nothing handed over', async () => {
  const fake = new FakeFetchBrokers(TOPIC, [1])
  const read = session(fake, {follow: true})
  const running = read.run()
  await settled(new Promise((resolve) => setTimeout(resolve, 1200)))
  read.session.stop()
  await settled(running)
  assert.deepEqual(read.calls, [])
  assert.equal(read.states[0]!.offset, 0n)
})

test('a partition that answers a leadership error past retryMs fails the session with that error', async () => {
  const fake = new FakeFetchBrokers(TOPIC, [1])
  fill(fake, 1)
  fake.fault({partition: 0, times: Infinity, do: {refuse: 'LEADER_NOT_AVAILABLE'}})
  const read = session(fake, {retryMs: 5000})
  await assert.rejects(settled(read.run()), (error) => isKafkaError(error, 'LEADER_NOT_AVAILABLE'))
})

test('TOPIC_AUTHORIZATION_FAILED fails the session at once with the denied operation', async () => {
  const fake = new FakeFetchBrokers(TOPIC, [1])
  fill(fake, 1)
  fake.fault({partition: 0, do: {refuse: 'TOPIC_AUTHORIZATION_FAILED'}})
  const read = session(fake)
  await assert.rejects(settled(read.run()), /Read/)
  assert.equal(fake.calls.length, 1)
})
