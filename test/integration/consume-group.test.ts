/**
 * `kfk consume --group` against the real cluster: every record once and in
 * partition order, commits of only what was written (checked with Java's
 * ConsumerGroupCommand and the group's committed offsets), Ctrl-C and resume,
 * and kfk members sharing a group with Java's console consumer.
 */
import {after, test} from 'node:test'
import assert from 'node:assert/strict'
import {spawn, type ChildProcess} from 'node:child_process'
import {setTimeout as sleep} from 'node:timers/promises'
import {kfk, testBootstrap, uniqueName, ROOT} from '../helpers/cli.js'
import {javaTool, kafkaLibs} from '../helpers/java-tools.js'
import {until} from '../helpers/until.js'
import {consumerGroupDescribe} from '../../src/core/protocol/consumer-group-describe.js'
import {adminClient, closeAdmin, deleteTopics} from '../helpers/admin-client.js'
import {kfkShell, sh} from '../helpers/shell.js'
import {topicMaker} from '../helpers/topics.js'

const topics: string[] = []
const children = new Set<ChildProcess>()
const topic = topicMaker('cg', topics)
after(async () => {
  for (const c of children) c.kill('SIGKILL')
  await deleteTopics(topics)
  await closeAdmin()
})

/** Produces `count` records `v<i>` spread over the partitions (no key: the sticky partitioner). */
async function produce(t: string, count: number, prefix = 'v'): Promise<string[]> {
  const values = Array.from({length: count}, (_, i) => `${prefix}${i}`)
  const r = await kfk(['produce', t], {input: values.join('\n') + '\n', timeoutMs: 120_000})
  assert.equal(r.code, 0, r.stderr)
  return values
}

/** Lines of `%p %o %v` output, checked for order: offsets rise within each partition. */
function parse(out: string): Array<{p: number; o: number; v: string}> {
  return out
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [p, o, v] = l.split(' ')
      return {p: Number(p), o: Number(o), v: v!}
    })
}

function assertPartitionOrder(rows: Array<{p: number; o: number}>): void {
  const last = new Map<number, number>()
  for (const r of rows) {
    assert.ok((last.get(r.p) ?? -1) < r.o, `partition ${r.p}: offset ${r.o} after ${last.get(r.p)}`)
    last.set(r.p, r.o)
  }
}

async function committed(group: string, t: string): Promise<Map<number, number>> {
  const admin = await adminClient().admin()
  const [c] = await admin.fetchOffsets({groupId: group, topics: [t]})
  return new Map(c!.partitions.filter((p) => Number(p.offset) >= 0).map((p) => [p.partition, Number(p.offset)]))
}

/** The LAG column of Java's ConsumerGroupCommand --describe, per partition of `t`. */
async function javaLag(group: string, t: string): Promise<Map<number, string>> {
  const r = await javaTool(
    'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand',
    ['--bootstrap-server', testBootstrap(), '--describe', '--group', group],
    {timeoutMs: 90_000},
  )
  assert.equal(r.code, 0, r.stderr)
  const lag = new Map<number, string>()
  for (const line of r.stdout.split('\n')) {
    const cols = line.trim().split(/\s+/)
    if (cols[1] === t) lag.set(Number(cols[2]), cols[5]!)
  }
  return lag
}

const FORMAT = ['--format', '%p %o %v\\n']

for (const protocol of ['classic', 'consumer'] as const) {
  test(
    `${protocol}: a group consume of 300k records over 6 partitions with -e: each once, in partition order, lag 0 as Java sees it`,
    {timeout: 300_000},
    async () => {
      const t = await topic(6)
      const values = await produce(t, 300_000)
      const group = uniqueName('cg-big')
      const c = await kfk(['consume', t, '--group', group, '--group-protocol', protocol, '--from-beginning', '-e', ...FORMAT], {
        timeoutMs: 120_000,
      })
      assert.equal(c.code, 0, c.stderr)
      const rows = parse(c.stdout)
      assert.equal(rows.length, values.length)
      assert.equal(new Set(rows.map((r) => r.v)).size, values.length)
      assertPartitionOrder(rows)
      const lag = await javaLag(group, t)
      assert.equal(lag.size, 6, `ConsumerGroupCommand rows: ${[...lag]}`)
      for (const [p, l] of lag) assert.equal(l, '0', `partition ${p} lag ${l}`)
      // A second -e run of the same group has nothing left to read.
      const again = await kfk(['consume', t, '--group', group, '--group-protocol', protocol, '-e'], {timeoutMs: 60_000})
      assert.equal(again.code, 0, again.stderr)
      assert.equal(again.stdout, '')
    },
  )

  test(
    `${protocol}: --max-messages 5 on a 2-record topic prints 2 records once; 1 record read for 3 s prints once`,
    {timeout: 120_000},
    async () => {
      const two = await topic(1)
      await produce(two, 2, 'r')
      const c = await kfk([
        'consume',
        two,
        '--group-protocol',
        protocol,
        '--group',
        uniqueName('cg-max'),
        '--from-beginning',
        '--max-messages',
        '5',
        '--timeout-ms',
        '3000',
      ])
      assert.equal(c.code, 0, c.stderr)
      assert.equal(c.stdout, 'r0\nr1\n')
      const one = await topic(3)
      await produce(one, 1, 'only')
      const d = await kfk([
        'consume',
        one,
        '--group-protocol',
        protocol,
        '--group',
        uniqueName('cg-one'),
        '--from-beginning',
        '--timeout-ms',
        '3000',
      ])
      assert.equal(d.code, 0, d.stderr)
      assert.equal(d.stdout, 'only0\n')
    },
  )
}

// The group member commits only what the sink resolved; output/record-writer.ts rejects a write that failed.
// Each partition's start position may be committed (the group keeps its place), nothing past it.
test('-e | true commits nothing that was never written', {timeout: 120_000}, async () => {
  const t = await topic(3)
  await produce(t, 50_000)
  const group = uniqueName('cg-true')
  const r = await sh(`${kfkShell()} consume ${t} --group ${group} --from-beginning -e | true`, {timeoutMs: 60_000})
  assert.notEqual(r.code, null, 'kfk did not stop')
  const c = await committed(group, t)
  assert.ok(
    [...c.values()].every((o) => o === 0),
    `committed ${[...c]} with nothing written`,
  )
})

for (const protocol of ['classic', 'consumer'] as const) {
  test(
    `${protocol}: Ctrl-C mid-consume, then resume with the same group: nothing skipped, the second run starts at the commit`,
    {timeout: 180_000},
    async () => {
      const t = await topic(3)
      const values = await produce(t, 200_000)
      const group = uniqueName('cg-int')
      const child = spawn(
        process.execPath,
        [`${ROOT}/bin/run.js`, 'consume', t, '--group', group, '--group-protocol', protocol, '--from-beginning', ...FORMAT],
        {env: {...process.env, KAFKA_BOOTSTRAP_SERVERS: testBootstrap(), NO_COLOR: '1'}, stdio: ['ignore', 'pipe', 'pipe']},
      )
      children.add(child)
      const parts: Buffer[] = []
      let stderr = ''
      child.stderr!.on('data', (d: Buffer) => void (stderr += d.toString()))
      // A slow reader (a chunk every 20 ms) holds kfk back, so Ctrl-C comes in the middle of its output.
      let bytes = 0
      let slow = true
      const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
      await new Promise<void>((resolve) =>
        child.stdout!.on('data', (d: Buffer) => {
          parts.push(d)
          bytes += d.length
          if (slow) {
            child.stdout!.pause()
            setTimeout(() => child.stdout!.resume(), 20)
          }
          if (bytes > 300_000) resolve()
        }),
      )
      child.kill('SIGINT')
      slow = false
      assert.equal(await closed, 130, stderr)
      const first = parse(Buffer.concat(parts).toString())
      assert.ok(first.length > 0 && first.length < values.length, `first run printed ${first.length}`)
      const after1 = await committed(group, t)
      const seen = new Map<number, number>()
      for (const r of first) seen.set(r.p, Math.max(seen.get(r.p) ?? -1, r.o))
      for (const [p, o] of after1) assert.ok(o <= (seen.get(p) ?? -1) + 1, `partition ${p}: committed ${o}, written up to ${seen.get(p)}`)
      // --from-beginning: a partition the first run had written nothing of (so committed nothing) starts at 0, not at the end.
      const second = await kfk(['consume', t, '--group', group, '--group-protocol', protocol, '--from-beginning', '-e', ...FORMAT], {
        timeoutMs: 60_000,
      })
      assert.equal(second.code, 0, second.stderr)
      const rest = parse(second.stdout)
      assertPartitionOrder(rest)
      const firstOf = new Map<number, number>()
      for (const r of rest) if (!firstOf.has(r.p)) firstOf.set(r.p, r.o)
      for (const [p, o] of firstOf) assert.equal(o, after1.get(p) ?? 0, `partition ${p} resumed at ${o}`)
      const stats = (rows: Array<{p: number; o: number}>) =>
        JSON.stringify(
          Object.fromEntries(
            [0, 1, 2].map((p) => [
              p,
              [
                Math.min(...rows.filter((r) => r.p === p).map((r) => r.o)),
                Math.max(...rows.filter((r) => r.p === p).map((r) => r.o)),
                rows.filter((r) => r.p === p).length,
              ],
            ]),
          ),
        )
      const union = new Set([...first, ...rest].map((r) => r.v))
      assert.equal(union.size, values.length, `first run ${stats(first)}, committed ${[...after1]}, second run ${stats(rest)}`)
      assert.ok(values.every((v) => union.has(v)))
    },
  )
}

/** Members of a group as the coordinator lists them (ConsumerGroupDescribe for a KIP-848 group). */
/**
 * Members that own partitions once the assignment has settled. Joined is not
 * enough: a KIP-848 member gets partitions only after their owner releases
 * them on a later heartbeat (every 5 s), and records produced before that may
 * all go to the first member.
 */
async function settledMembers(group: string, groupProtocol: 'classic' | 'consumer'): Promise<number> {
  if (groupProtocol === 'consumer') {
    const [g] = await consumerGroupDescribe(await adminClient().cluster(), [group])
    if (g?.errorCode !== 0) return 0
    const owned = (a: {topicPartitions: Array<{topicName: string; partitions: number[]}>}) =>
      a.topicPartitions
        .flatMap((t) => t.partitions.map((p) => `${t.topicName}:${p}`))
        .sort()
        .join()
    return g.members.filter((m) => owned(m.assignment) !== '' && owned(m.assignment) === owned(m.targetAssignment)).length
  }
  const {groups} = await (await adminClient().admin()).describeGroups([group])
  return groups[0]?.state === 'Stable' ? groups[0].members.length : 0
}

async function sharedGroup(groupProtocol: 'classic' | 'consumer'): Promise<void> {
  const t = await topic(6)
  const group = uniqueName(`cg-mix-${groupProtocol}`)
  const env = {...process.env, KAFKA_BOOTSTRAP_SERVERS: testBootstrap(), NO_COLOR: '1'}
  const outputs: string[] = ['', '', '']
  const mine: ChildProcess[] = []
  const run = (i: number, command: string, args: string[]) => {
    const child = spawn(command, args, {env, stdio: ['ignore', 'pipe', 'pipe']})
    children.add(child)
    mine.push(child)
    child.stdout!.on('data', (d: Buffer) => void (outputs[i] += d.toString()))
    let err = ''
    child.stderr!.on('data', (d: Buffer) => void (err = (err + d.toString()).slice(-3000)))
    return new Promise<{code: number | null; err: string}>((resolve) => child.on('close', (code) => resolve({code, err})))
  }
  // Members run until every record is in, then are stopped (Ctrl-C, TERM): no idle wait at the end.
  const idle = '120000'
  const protocolFlag = groupProtocol === 'consumer' ? ['--group-protocol', 'consumer'] : ['--group-protocol', 'classic']
  const members = [
    run(0, process.execPath, [
      `${ROOT}/bin/run.js`,
      'consume',
      t,
      '--group',
      group,
      '--from-beginning',
      '--timeout-ms',
      idle,
      ...protocolFlag,
    ]),
    run(1, process.execPath, [
      `${ROOT}/bin/run.js`,
      'consume',
      t,
      '--group',
      group,
      '--from-beginning',
      '--timeout-ms',
      idle,
      ...protocolFlag,
    ]),
    run(2, 'java', [
      '-Xmx256m',
      '-XX:TieredStopAtLevel=1',
      '-cp',
      `${kafkaLibs()}/*`,
      'org.apache.kafka.tools.consumer.ConsoleConsumer',
      '--bootstrap-server',
      testBootstrap(),
      '--topic',
      t,
      '--group',
      group,
      '--from-beginning',
      '--timeout-ms',
      idle,
      '--consumer-property',
      `group.protocol=${groupProtocol}`,
    ]),
  ]
  for (let i = 0; i < 240 && (await settledMembers(group, groupProtocol).catch(() => 0)) < 3; i++) await sleep(250)
  // --from-beginning everywhere: a member that sets its position only after the records arrived must not skip them.
  await sleep(groupProtocol === 'classic' ? 4000 : 2000)
  // 5,000 records into each partition, so every member has some to read.
  const values: string[] = []
  for (let p = 0; p < 6; p++) {
    const chunk = Array.from({length: 5000}, (_, i) => `v${p * 5000 + i}`)
    const r = await kfk(['produce', t, '--partition', String(p)], {input: chunk.join('\n') + '\n'})
    assert.equal(r.code, 0, r.stderr)
    values.push(...chunk)
  }
  const records = () => outputs.flatMap((o) => o.split('\n').filter((l) => /^v\d+$/.test(l)))
  await until('every record read', async () => (records().length >= values.length ? true : undefined), 120_000)
  // A little longer, so a record read twice would show.
  await sleep(2000)
  for (const child of mine) child.kill(child.spawnargs[0] === 'java' ? 'SIGTERM' : 'SIGINT')
  const results = await Promise.all(members)
  for (const r of results.slice(0, 2)) assert.equal(r.code, 130, `a kfk member exited ${r.code}: ${r.err}`)
  const all = records()
  assert.equal(all.length, values.length, `read ${outputs.map((o) => o.split('\n').length - 1)}`)
  assert.deepEqual(new Set(all), new Set(values))
  assert.ok(
    outputs.every((o) => /^v\d+$/m.test(o)),
    `every member read a share: ${outputs.map((o) => o.split('\n').length - 1)}`,
  )
}

test('two kfk members and a Java console consumer share a classic group: every record once', {timeout: 240_000}, async () => {
  await sharedGroup('classic')
})

test('two kfk members and a Java console consumer share a KIP-848 consumer group: every record once', {timeout: 240_000}, async () => {
  await sharedGroup('consumer')
})

/**
 * A second member joins while the first is in the middle of reading: together, every record once.
 * The idle timeout is long: a rebalance (and KIP-848's 5 s heartbeats) must not end a member early.
 */
async function joinMidway(groupProtocol: 'classic' | 'consumer', extra: string[] = []): Promise<void> {
  const t = await topic(4)
  // More than the first member holds in flight (a 1 MB fetch per partition), so the second has some left to read.
  const values = await produce(t, 1_200_000)
  const group = uniqueName(`cg-mid-${groupProtocol}`)
  const env = {...process.env, KAFKA_BOOTSTRAP_SERVERS: testBootstrap(), NO_COLOR: '1'}
  const start = (slow: boolean) => {
    const child = spawn(
      process.execPath,
      [
        `${ROOT}/bin/run.js`,
        'consume',
        t,
        '--group',
        group,
        '--from-beginning',
        '--timeout-ms',
        '120000',
        '--group-protocol',
        groupProtocol,
        ...extra,
      ],
      {env, stdio: ['ignore', 'pipe', 'pipe']},
    )
    children.add(child)
    const out: Buffer[] = []
    // Lines read so far, counted as they come (not by rescanning everything read at each poll).
    let lines = 0
    let err = ''
    child.stderr!.on('data', (d: Buffer) => void (err += d.toString()))
    const first = new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()))
    child.stdout!.on('data', (d: Buffer) => {
      out.push(d)
      for (let at = d.indexOf(10); at !== -1; at = d.indexOf(10, at + 1)) lines++
      // A slow reader keeps the first member busy long enough for the second to join.
      if (slow) {
        child.stdout!.pause()
        setTimeout(() => child.stdout!.resume(), 100)
      }
    })
    // Stopped with Ctrl-C once every record is in: 130.
    const done = new Promise<string>((resolve, reject) =>
      child.on('close', (code) => (code === 130 ? resolve(Buffer.concat(out).toString()) : reject(new Error(`exit ${code}: ${err}`)))),
    )
    return {first, done, lines: () => lines, stop: () => child.kill('SIGINT')}
  }
  const a = start(true)
  await a.first
  const b = start(false)
  await until('every record read', async () => (a.lines() + b.lines() >= values.length ? true : undefined), 150_000)
  // A little longer, so a record read twice would show.
  await sleep(2000)
  a.stop()
  b.stop()
  const [outA, outB] = await Promise.all([a.done, b.done])
  const rowsA = outA.split('\n').filter(Boolean)
  const rowsB = outB.split('\n').filter(Boolean)
  assert.ok(rowsA.length > 0 && rowsB.length > 0, `first read ${rowsA.length}, second ${rowsB.length}`)
  assert.equal(
    rowsA.length + rowsB.length,
    values.length,
    `first read ${rowsA.length}, second ${rowsB.length}: ${rowsA.length + rowsB.length - values.length} repeated`,
  )
  assert.deepEqual(new Set([...rowsA, ...rowsB]), new Set(values))
}

test('a member joining mid-consume (classic, eager range): every record once across the rebalance', {timeout: 180_000}, async () => {
  await joinMidway('classic')
})

test(
  'a member joining mid-consume (classic, cooperative-sticky): every record once across the incremental rebalance',
  {timeout: 180_000},
  async () => {
    await joinMidway('classic', ['--assignor', 'cooperative-sticky'])
  },
)

test('a member joining mid-consume (KIP-848): every record once across the revocation', {timeout: 180_000}, async () => {
  await joinMidway('consumer')
})
