/**
 * kfk produce at sizes that take many batches and requests: several hundred
 * thousand keyed records into 6 partitions, replication 3, with each acks
 * setting, read back with kcat: every record once, each partition in input
 * order, and the summary equal to the log-end offsets.
 */
import assert from 'node:assert/strict'
import {spawn} from 'node:child_process'
import {after, test} from 'node:test'
import {ROOT, kfk, testBootstrap} from '../helpers/cli.js'
import {feederScript, keyedLines, readBackWithKcat} from '../helpers/produce-check.js'
import {closeAdmin, deleteTopics} from '../helpers/admin-client.js'
import {logEnd, topicMaker} from '../helpers/topics.js'

const topics: string[] = []
after(async () => {
  await deleteTopics(topics)
  await closeAdmin()
})

const replicatedTopic = topicMaker('pscale', topics, {replication: 3, configs: {'min.insync.replicas': '2'}})

const N = 300_000
const input = keyedLines(N)

for (const [acks, extra] of [
  ['all', []],
  ['1', []],
  ['0', []],
  ['all', ['--compression', 'lz4']],
] as Array<[string, string[]]>) {
  test(`${N} keyed records, acks ${acks} ${extra.join(' ')}: every record once, in input order per partition`, async () => {
    const t = await replicatedTopic(6)
    const p = await kfk(['produce', t, '--key-separator', ':', '--acks', acks, ...extra, '--json'], {input, timeoutMs: 300_000})
    assert.equal(p.code, 0, p.stderr)
    const summary = JSON.parse(p.stdout)
    assert.equal(summary.records, N)
    assert.equal(summary.failed, 0)
    assert.equal(summary.lines, N)
    const check = await readBackWithKcat(testBootstrap(), t, N)
    assert.deepEqual(check.outOfOrder, [], 'each partition in input order')
    assert.equal(check.duplicates.length, 0, `duplicates: ${check.duplicates.slice(0, 5)}`)
    assert.equal(check.missing.length, 0, `missing: ${check.missing.slice(0, 5)}`)
    assert.equal(await logEnd(t), N, 'log-end offsets match what kfk said it wrote')
  })
}

test('tiny batches (--batch-size 1024): thousands of requests, at most 5 in flight, still in order and once', async () => {
  const n = 40_000
  const t = await replicatedTopic(6)
  const p = await kfk(['produce', t, '--key-separator', ':', '--batch-size', '1024', '--acks', '1'], {
    input: keyedLines(n),
    timeoutMs: 300_000,
  })
  assert.equal(p.code, 0, p.stderr)
  const check = await readBackWithKcat(testBootstrap(), t, n)
  assert.deepEqual(check.outOfOrder, [])
  assert.equal(check.duplicates.length + check.missing.length, 0)
})

test('a line longer than max.message.bytes is refused as it streams in, naming the line; earlier lines are written', async () => {
  const t = await replicatedTopic(1)
  // 8 MB without a newline after two good lines: refused once it passes the 1 MB limit.
  const huge = Buffer.concat([Buffer.from('one\ntwo\n'), Buffer.alloc(8 << 20, 'y')])
  const p = await kfk(['produce', t], {input: huge, timeoutMs: 60_000})
  assert.equal(p.code, 1)
  assert.match(p.stderr, /line 3: the line is over \d+ bytes, the topic's max\.message\.bytes/)
  assert.match(p.stderr, /2 records acknowledged/)
  assert.equal(await logEnd(t), 2)
})

test('Ctrl-C mid-produce: stops reading, sends what it read, counts it, exits 130', async () => {
  const t = await replicatedTopic(6)
  const feeder = spawn('bash', ['-c', feederScript(2_000_000, 20_000)], {stdio: ['ignore', 'pipe', 'ignore']})
  const child = spawn(process.execPath, [`${ROOT}/bin/run.js`, 'produce', t, '--key-separator', ':', '--json'], {
    env: {...process.env, NO_COLOR: '1', KAFKA_BOOTSTRAP_SERVERS: testBootstrap()},
    stdio: [feeder.stdout!, 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (d) => (stdout += d))
  child.stderr!.on('data', (d) => (stderr += d))
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve))
  for (let i = 0; i < 200 && (await logEnd(t)) < 5000; i++) await new Promise((r) => setTimeout(r, 100))
  child.kill('SIGINT')
  const code = await exited
  feeder.kill()
  assert.equal(code, 130, stderr)
  const summary = JSON.parse(stdout)
  assert.equal(summary.stoppedBy, 'interrupt')
  assert.ok(summary.records >= 5000, `records ${summary.records}`)
  assert.equal(summary.failed, 0, 'everything read was flushed')
  // The text summary says it was interrupted and where to go on.
  assert.match(
    stderr,
    new RegExp(
      `^interrupted after input line ${summary.lines}: every line read was acknowledged; to go on, re-send from line ${summary.lines + 1}$`,
      'm',
    ),
  )
  assert.equal(await logEnd(t), summary.records, 'the summary equals the log-end offsets')
  const check = await readBackWithKcat(testBootstrap(), t, summary.lines)
  assert.deepEqual(check.outOfOrder, [])
  assert.equal(check.duplicates.length + check.missing.length, 0, 'lines 0..read-1 each once')
})
