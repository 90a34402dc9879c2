/**
 * kfk consume --share-group (KIP-932) against the real cluster: 30,000 records
 * in 3 partitions (replication 3), many ShareFetches each. Each record is
 * delivered exactly once to one reader, alone or beside a second kfk and a
 * Java ConsoleShareConsumer; --ack release brings records back with delivery
 * count 2, --ack reject never; Ctrl-C accepts what was printed and releases
 * the rest; flags that make no sense with a share group exit 2.
 */
import assert from 'node:assert/strict'
import {spawn} from 'node:child_process'
import {join} from 'node:path'
import {before, test} from 'node:test'
import {kfk, testBootstrap, uniqueName} from '../helpers/cli.js'
import {fillPartitions, spawnKfk, valueOf} from '../helpers/consume-check.js'
import {until} from '../helpers/until.js'
import {kafkaLibs} from '../helpers/java-tools.js'

const PARTITIONS = 3
const PER_PARTITION = 10_000
const TOTAL = PARTITIONS * PER_PARTITION
const FORMAT = '%p %o %d %v\\n'
const topic = uniqueName('sc-topic')

interface Delivery {
  partition: number
  offset: number
  deliveryCount: number
}

before(async () => {
  const created = await kfk(['topics', 'create', topic, '-p', String(PARTITIONS), '-r', '3'])
  assert.equal(created.code, 0, created.stderr)
  await fillPartitions(topic, PARTITIONS, PER_PARTITION)
})

/** A new share group that starts at the earliest offset (share groups start at the latest by default). */
async function newGroup(name: string): Promise<string> {
  const group = uniqueName(name)
  const r = await kfk(['configs', 'alter', '--group', group, '--add-config', 'share.auto.offset.reset=earliest'])
  assert.equal(r.code, 0, r.stderr)
  return group
}

/** `%p %o %d %v` lines, each value checked against what was written at that offset. */
function parse(text: string): Delivery[] {
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((line) => {
      const [p, o, d, v] = line.split(' ') as [string, string, string, string]
      assert.equal(v, valueOf(Number(p), Number(o)), `value at ${p}:${o}`)
      return {partition: Number(p), offset: Number(o), deliveryCount: Number(d)}
    })
}

const key = (d: {partition: number; offset: number}) => `${d.partition}:${d.offset}`

/** Every record of the topic exactly once, except `missing`. */
function assertExactlyOnce(deliveries: Delivery[], missing: ReadonlySet<string> = new Set()): void {
  const seen = new Set<string>()
  const duplicates = deliveries.filter((d) => seen.size === seen.add(key(d)).size).map(key)
  assert.deepEqual(duplicates.slice(0, 10), [], 'records delivered twice')
  for (let p = 0; p < PARTITIONS; p++)
    for (let o = 0; o < PER_PARTITION; o++) {
      const k = `${p}:${o}`
      if (missing.has(k)) assert.ok(!seen.has(k), `${k} was rejected, yet came back`)
      else assert.ok(seen.has(k), `${k} never delivered`)
    }
  assert.equal(seen.size, TOTAL - missing.size)
}

/**
 * One share consumer that stops after `count` records: the exact number expected, so a run never ends early on
 * a quiet moment, and a record delivered twice leaves another one missing (which assertExactlyOnce names).
 */
function shareConsume(group: string, count: number, extra: string[] = []) {
  return kfk(['consume', topic, '--share-group', group, '--format', FORMAT, '-n', String(count), '--timeout-ms', '60000', ...extra], {
    timeoutMs: 120_000,
  })
}

test('one share consumer reads every record exactly once; the group is left with lag 0 and no member', async () => {
  const group = await newGroup('sc-one')
  const started = Date.now()
  const r = await shareConsume(group, TOTAL)
  assert.equal(r.code, 0, r.stderr)
  const deliveries = parse(r.stdout)
  assertExactlyOnce(deliveries)
  assert.ok(
    deliveries.every((d) => d.deliveryCount === 1),
    'first deliveries',
  )
  process.stderr.write(`# one share consumer: ${TOTAL} records in ${Date.now() - started} ms\n`)
  await until('lag 0 and no members', async () => {
    const d = await kfk(['groups', 'describe', group, '--json'])
    const g = (JSON.parse(d.stdout) as {groups: Array<{totalLag: number; members: unknown[]}>}).groups[0]!
    return g.totalLag === 0 && g.members.length === 0 ? true : undefined
  })
})

test('two kfk share consumers and a Java ConsoleShareConsumer, running together, deliver each record once', async () => {
  const sharedTopic = uniqueName('sc-shared')
  assert.equal((await kfk(['topics', 'create', sharedTopic, '-p', String(PARTITIONS), '-r', '3'])).code, 0)
  const group = await newGroup('sc-three')
  const args = ['consume', sharedTopic, '--share-group', group, '--format', FORMAT]
  const a = spawnKfk(args)
  const b = spawnKfk(args)
  const java = spawn(process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java', [
    '-Xmx256m',
    '-XX:TieredStopAtLevel=1',
    '-cp',
    join(kafkaLibs(), '*'),
    'org.apache.kafka.tools.consumer.ConsoleShareConsumer',
    '--bootstrap-server',
    testBootstrap(),
    '--topic',
    sharedTopic,
    '--group',
    group,
    '--formatter-property',
    'print.partition=true',
    '--formatter-property',
    'print.offset=true',
  ])
  const javaOut: Buffer[] = []
  java.stdout.on('data', (d: Buffer) => javaOut.push(d))
  const javaExit = new Promise((resolve) => java.once('exit', resolve))
  const lines = (chunks: Buffer[]) => chunks.reduce((n, c) => n + c.filter((byte) => byte === 10).length, 0)
  try {
    // All three are members with partitions before any record exists: the records are shared out among them, not
    // drained by the first. Members learn a new assignment at their next heartbeat (5 s apart), so one more interval.
    await until(
      'three members, each with partitions',
      async () => {
        const d = await kfk(['groups', 'describe', group, '--members', '--json'])
        const g = (JSON.parse(d.stdout) as {groups: Array<{members: Array<{assignment: unknown[]}>}>}).groups[0]
        return g?.members.length === 3 && g.members.every((m) => m.assignment.length > 0) ? true : undefined
      },
      90_000,
    )
    await new Promise((resolve) => setTimeout(resolve, 6000))
    await fillPartitions(sharedTopic, PARTITIONS, PER_PARTITION)
    await until(
      'every record delivered',
      async () => (lines(a.stdout) + lines(b.stdout) + lines(javaOut) >= TOTAL ? true : undefined),
      120_000,
    )
    // A little longer, so a record delivered twice would show.
    await new Promise((resolve) => setTimeout(resolve, 3000))
  } finally {
    a.child.kill('SIGINT')
    b.child.kill('SIGINT')
    java.kill('SIGTERM')
  }
  assert.equal(await a.exit, 130, Buffer.concat(a.stderr).toString())
  assert.equal(await b.exit, 130, Buffer.concat(b.stderr).toString())
  await javaExit
  // Java's DefaultMessageFormatter: Partition:P<TAB>Offset:O<TAB>value
  const fromJava: Delivery[] = Buffer.concat(javaOut)
    .toString()
    .split('\n')
    .filter((l) => l.startsWith('Partition:'))
    .map((line) => {
      const [p, o, v] = line.split('\t') as [string, string, string]
      const d = {partition: Number(p.slice('Partition:'.length)), offset: Number(o.slice('Offset:'.length)), deliveryCount: 1}
      assert.equal(v, valueOf(d.partition, d.offset))
      return d
    })
  const fromA = parse(Buffer.concat(a.stdout).toString())
  const fromB = parse(Buffer.concat(b.stdout).toString())
  process.stderr.write(`# shared: kfk ${fromA.length}, kfk ${fromB.length}, java ${fromJava.length}\n`)
  assert.ok(fromA.length > 0 && fromB.length > 0 && fromJava.length > 0, 'every member read some records')
  assertExactlyOnce([...fromA, ...fromB, ...fromJava])
})

test('--ack release: the records come back to the next reader with delivery count 2', async () => {
  const group = await newGroup('sc-release')
  const first = await shareConsume(group, 5, ['--ack', 'release'])
  assert.equal(first.code, 0, first.stderr)
  const released = parse(first.stdout)
  assert.equal(released.length, 5)
  assert.ok(released.every((d) => d.deliveryCount === 1))
  const second = await shareConsume(group, TOTAL)
  assert.equal(second.code, 0, second.stderr)
  const deliveries = parse(second.stdout)
  assertExactlyOnce(deliveries)
  const counts = new Map(deliveries.map((d) => [key(d), d.deliveryCount]))
  for (const d of released) assert.equal(counts.get(key(d)), 2, `delivery count of ${key(d)}`)
})

test('--ack reject: the records never come back', async () => {
  const group = await newGroup('sc-reject')
  const first = await kfk(['consume', topic, '--share-group', group, '--ack', 'reject', '-n', '5', '--output', 'jsonl'])
  assert.equal(first.code, 0, first.stderr)
  const rejected = first.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Delivery)
  assert.equal(rejected.length, 5)
  assert.ok(rejected.every((r) => r.deliveryCount === 1))
  const second = await shareConsume(group, TOTAL - 5)
  assert.equal(second.code, 0, second.stderr)
  assertExactlyOnce(parse(second.stdout), new Set(rejected.map(key)))
})

test('Ctrl-C: exit 130; what was printed is accepted, what was acquired but not printed goes to the next reader', async () => {
  const group = await newGroup('sc-interrupt')
  const first = spawnKfk(['consume', topic, '--share-group', group, '--format', FORMAT], {}, {pauseAtFirstData: true})
  await until('the first records', async () => (first.stdout.length > 0 ? true : undefined))
  first.child.kill('SIGINT')
  first.child.stdout.resume()
  assert.equal(await first.exit, 130, Buffer.concat(first.stderr).toString())
  const printed = parse(Buffer.concat(first.stdout).toString())
  assert.ok(printed.length > 0 && printed.length < TOTAL, `printed ${printed.length}`)
  const second = await shareConsume(group, TOTAL - printed.length)
  assert.equal(second.code, 0, second.stderr)
  assertExactlyOnce([...printed, ...parse(second.stdout)])
})

test('flags that make no sense with a share group are refused with exit 2', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['--partition', '0'], /--share-group cannot be combined with --partition/],
    [['--offset', 'earliest'], /--share-group cannot be combined with --offset/],
    [['--group', 'g'], /--share-group cannot be combined with --group/],
    [['--from-beginning'], /share\.auto\.offset\.reset/],
    [['-e'], /--share-group cannot be combined with --exit-at-end/],
  ]
  for (const [flags, message] of cases) {
    const r = await kfk(['consume', topic, '--share-group', 'sc-refused', ...flags])
    assert.equal(r.code, 2, `${flags.join(' ')}: ${r.stderr}`)
    assert.match(r.stderr, message)
    assert.equal(r.stdout, '')
  }
  const r = await kfk(['consume', topic, '--ack', 'reject'])
  assert.equal(r.code, 2)
  assert.match(r.stderr, /--ack and --reject-message-on-error go with --share-group/)
})

test('Ctrl-C with --json: the document is whole, and every record in it was accepted by the broker', async () => {
  const group = await newGroup('sc-interrupt-json')
  const run = spawnKfk(['consume', topic, '--share-group', group, '--json'])
  await until('the first records', async () => (run.stdout.length > 0 ? true : undefined))
  run.child.kill('SIGINT')
  assert.equal(await run.exit, 130, Buffer.concat(run.stderr).toString())
  const doc = JSON.parse(Buffer.concat(run.stdout).toString()) as {
    count: number
    stoppedBy: string
    acknowledged: {accept: number; release: number}
  }
  assert.equal(doc.stoppedBy, 'interrupt')
  assert.ok(doc.count > 0)
  assert.equal(doc.acknowledged.accept, doc.count, Buffer.concat(run.stderr).toString())
})
