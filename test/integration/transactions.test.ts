import assert from 'node:assert/strict'
import {join} from 'node:path'
import {test} from 'node:test'
import {kfk, testBootstrap, uniqueName} from '../helpers/cli.js'
import {javaTool, kafkaLibs} from '../helpers/java-tools.js'
import {background} from '../helpers/produce-check.js'

/**
 * kfk transactions on the suite cluster: a Java transactional producer
 * (ProducerPerformance) killed with -9 mid-transaction leaves it open, and
 * every read_committed consumer of the partition stuck behind it. kfk sees it
 * as kafka-transactions does, aborts it, and the consumer moves on.
 */
const transactions = (args: string[]) => kfk(['transactions', ...args])
const javaTransactions = async (args: string[]) => {
  const r = await javaTool('org.apache.kafka.tools.TransactionsCommand', ['--bootstrap-server', testBootstrap(), ...args])
  assert.equal(r.code, 0, r.stderr + r.stdout)
  // kafka-transactions pads each cell and ends it with a tab.
  return r.stdout
    .trim()
    .split('\n')
    .map((l) =>
      l
        .split('\t')
        .map((c) => c.trim())
        .filter((c, i, all) => i < all.length - 1 || c !== ''),
    )
}

async function readCommitted(topic: string): Promise<number> {
  const r = await kfk(['consume', topic, '--from-beginning', '--isolation-level', 'read_committed', '-e', '--json'])
  assert.equal(r.code, 0, r.stderr)
  return (JSON.parse(r.stdout) as {count: number}).count
}

test('transactions: a killed Java producer’s open transaction is seen, aborted by its start offset, and read_committed moves on', async () => {
  const topic = uniqueName('txn')
  const txnId = uniqueName('perf-txn')
  assert.equal((await kfk(['topics', 'create', topic, '-p', '1', '-r', '3'])).code, 0)
  const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java'
  const perf = background(
    `exec ${java} -Xmx256m -cp '${join(kafkaLibs(), '*')}' org.apache.kafka.tools.ProducerPerformance --topic ${topic} ` +
      `--num-records 100000000 --record-size 100 --throughput 2000 --transactional-id ${txnId} --transaction-duration-ms 600000 ` +
      `--producer-props bootstrap.servers=${testBootstrap()} transaction.timeout.ms=900000`,
    process.env,
  )
  // Until the producer has written into its transaction, then kill it: the transaction stays open.
  for (let i = 0; i < 100; i++) {
    const o = await kfk(['offsets', topic, '--json'])
    if (o.code === 0 && Number(JSON.parse(o.stdout).offsets[0].offset) > 1000) break
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  perf.child.kill('SIGKILL')
  await perf.done
  const written = await kfk(['produce', topic, '--acks', 'all'], {
    input: Array.from({length: 100}, (_, i) => `after-${i}`).join('\n') + '\n',
  })
  assert.equal(written.code, 0, written.stderr)
  assert.equal(await readCommitted(topic), 0, 'read_committed is held back by the open transaction')

  // list and describe: as kafka-transactions reports them.
  const listed = await transactions(['list', '--json'])
  assert.equal(listed.code, 0, listed.stderr)
  const ours = (
    JSON.parse(listed.stdout).transactions as Array<{transactionalId: string; coordinator: number; producerId: string; state: string}>
  ).find((t) => t.transactionalId === txnId)!
  assert.equal(ours.state, 'Ongoing')
  const javaList = (await javaTransactions(['list'])).find((row) => row[0] === txnId)!
  assert.deepEqual([ours.transactionalId, String(ours.coordinator), ours.producerId, ours.state], javaList)

  const described = await transactions(['describe', '--transactional-id', txnId, '--json'])
  assert.equal(described.code, 0, described.stderr)
  const d = JSON.parse(described.stdout)
  assert.deepEqual([d.state, d.producerId, d.partitions, d.timeoutMs], ['Ongoing', ours.producerId, [`${topic}-0`], 900000])
  const [, javaDescribe] = await javaTransactions(['describe', '--transactional-id', txnId])
  assert.deepEqual([String(d.coordinatorId), d.transactionalId, d.producerId, String(d.producerEpoch), d.state], javaDescribe!.slice(0, 5))

  // describe-producers: the open transaction starts at offset 0, as Java says.
  const producers = await transactions(['describe-producers', '--topic', topic, '--partition', '0', '--json'])
  assert.equal(producers.code, 0, producers.stderr)
  const open = (JSON.parse(producers.stdout).producers as Array<{producerId: string; currentTransactionStartOffset: number | null}>).filter(
    (p) => p.currentTransactionStartOffset !== null,
  )
  assert.deepEqual(
    open.map((p) => [p.producerId, p.currentTransactionStartOffset]),
    [[ours.producerId, 0]],
  )
  const javaProducers = await javaTransactions(['describe-producers', '--topic', topic, '--partition', '0'])
  assert.deepEqual(
    javaProducers
      .slice(1)
      .filter((row) => row[5] !== 'None')
      .map((row) => [row[0], row[5]]),
    [[ours.producerId, '0']],
  )

  // Its coordinator still has it, with this partition: not hanging, for kfk as for kafka-transactions.
  const hanging = await transactions(['find-hanging', '--topic', topic, '--max-transaction-timeout', '0', '--json'])
  assert.equal(hanging.code, 0, hanging.stderr)
  assert.deepEqual(JSON.parse(hanging.stdout).hanging, [])
  assert.equal(
    (await javaTransactions(['find-hanging', '--topic', topic, '--max-transaction-timeout', '0'])).length,
    1,
    'Java: the header only',
  )

  // abort: refused without a terminal unless --yes; then the marker is written and read_committed reads on.
  const refused = await transactions(['abort', '--topic', topic, '--partition', '0', '--start-offset', '0'])
  assert.equal(refused.code, 2, refused.stderr)
  assert.match(refused.stderr, /refusing to abort the transaction starting at offset 0/)
  const aborted = await transactions(['abort', '--topic', topic, '--partition', '0', '--start-offset', '0', '--yes', '--json'])
  assert.equal(aborted.code, 0, aborted.stderr)
  assert.equal(JSON.parse(aborted.stdout).producerId, ours.producerId)
  assert.equal(await readCommitted(topic), 100, 'the records written after the transaction are read, its own are not')
  const after = await transactions(['describe-producers', '--topic', topic, '--partition', '0', '--json'])
  assert.ok(
    (JSON.parse(after.stdout).producers as Array<{currentTransactionStartOffset: number | null}>).every(
      (p) => p.currentTransactionStartOffset === null,
    ),
  )

  // Bad input names the value.
  for (const [args, code, message] of [
    [['abort', '--topic', topic, '--partition', '0', '--start-offset', '99999', '--yes'], 1, /no open transaction starts at offset 99999/],
    [['abort', '--topic', topic, '--partition', '0', '--yes'], 2, /name the transaction to abort/],
    [
      ['abort', '--topic', topic, '--partition', '0', '--start-offset', 'x', '--yes'],
      2,
      /--start-offset 'x' is not a non-negative integer/,
    ],
    [['describe-producers', '--topic', topic, '--partition', '4'], 1, /partition 4 does not exist/],
    [['describe', '--transactional-id', 'no-such-txn-id'], 1, /transactional id 'no-such-txn-id' does not exist/],
    [['find-hanging'], 2, /needs --topic or --broker-id/],
    [['list', '--state', 'ongoing'], 2, /unknown transaction state 'ongoing'/],
    [
      ['abort', '--topic', topic, '--partition', '0', '--producer-id', '1', '--producer-epoch', '40000', '--coordinator-epoch', '0'],
      2,
      /producer-epoch/,
    ],
  ] as const) {
    const r = await transactions([...args])
    assert.equal(r.code, code, `${args.join(' ')}: ${r.stderr}`)
    assert.match(r.stderr, message)
  }
})
