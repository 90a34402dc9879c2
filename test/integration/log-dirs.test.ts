import assert from 'node:assert/strict'
import {test} from 'node:test'
import {kfk, testBootstrap, uniqueName} from '../helpers/cli.js'
import {javaTool} from '../helpers/java-tools.js'
import {createTestTopic} from '../helpers/topics.js'

/**
 * kfk log-dirs on the suite cluster: every replica's size as kafka-log-dirs
 * reports it on the same brokers, and the biggest topic on top.
 */
interface Replica {
  topic: string
  partition: number
  size: number
  offsetLag: number
  isFuture: boolean
}
interface Brokers {
  brokers: Array<{broker: number; logDirs: Array<{logDir: string; size: number; totalBytes: number | null; replicas: Replica[]}>}>
}

async function fill(topic: string, records: number, width: number): Promise<void> {
  const lines = Array.from({length: records}, (_, i) => `${i}:${String(i).padStart(width, 'x')}`).join('\n') + '\n'
  const r = await kfk(['produce', topic, '--key-separator', ':', '--acks', 'all'], {input: lines})
  assert.equal(r.code, 0, r.stderr)
}

/** "broker|logDir|topic-partition" -> size, the way kafka-log-dirs names a replica. */
function sizes(doc: Brokers): Map<string, string> {
  const out = new Map<string, string>()
  for (const b of doc.brokers)
    for (const d of b.logDirs) for (const r of d.replicas) out.set(`${b.broker}|${d.logDir}|${r.topic}-${r.partition}`, String(r.size))
  return out
}

test('log-dirs: each replica’s size per broker and log dir as kafka-log-dirs reports it; the biggest topic first', async () => {
  const big = uniqueName('logdirs-big')
  const small = uniqueName('logdirs-small')
  await createTestTopic(big, 3, {replication: 3})
  await createTestTopic(small, 2, {replication: 2})
  await fill(big, 100_000, 60) // about 7 MB a replica set
  await fill(small, 200, 10)

  const ours = await kfk(['log-dirs', '--topic-list', `${big},${small}`, '--json'])
  assert.equal(ours.code, 0, ours.stderr)
  const doc = JSON.parse(ours.stdout) as Brokers
  const java = await javaTool('org.apache.kafka.tools.LogDirsCommand', [
    '--bootstrap-server',
    testBootstrap(),
    '--describe',
    '--topic-list',
    `${big},${small}`,
  ])
  assert.equal(java.code, 0, java.stderr)
  const javaDoc = JSON.parse(java.stdout.split('\n').find((l) => l.startsWith('{'))!) as {
    brokers: Array<{broker: number; logDirs: Array<{logDir: string; partitions: Array<{partition: string; size: number}>}>}>
  }
  const javaSizes = new Map<string, string>()
  for (const b of javaDoc.brokers)
    for (const d of b.logDirs) for (const p of d.partitions) javaSizes.set(`${b.broker}|${d.logDir}|${p.partition}`, String(p.size))
  assert.deepEqual(new Map([...sizes(doc)].sort()), new Map([...javaSizes].sort()))
  // 3 x 3 + 2 x 2 replicas, every one of the big topic holding data.
  assert.equal(sizes(doc).size, 13)
  const bigReplicas = doc.brokers.flatMap((b) => b.logDirs.flatMap((d) => d.replicas)).filter((r) => r.topic === big)
  assert.ok(bigReplicas.every((r) => BigInt(r.size) > 1_000_000n && r.offsetLag === 0 && !r.isFuture))
  for (const b of doc.brokers)
    for (const d of b.logDirs) {
      assert.equal(
        BigInt(d.size),
        d.replicas.reduce((s, r) => s + BigInt(r.size), 0n),
      )
      assert.ok(d.totalBytes === null || BigInt(d.totalBytes) > 0n)
    }

  // The table: topics by size, the big one first; then replicas, biggest first.
  const table = await kfk(['log-dirs', '--topic-list', `${small},${big}`])
  assert.equal(table.code, 0, table.stderr)
  const sections = table.stdout.split('\n\n')
  assert.equal(sections.length, 3, table.stdout)
  assert.match(sections[1]!.split('\n')[1]!, new RegExp(`^${big}\\s+\\d+\\s+9\\s`))
  assert.match(sections[2]!.split('\n')[1]!, new RegExp(`^${big}\\s`))
})

test('log-dirs --broker-list narrows to those brokers; bad lists are refused naming the value', async () => {
  const one = await kfk(['log-dirs', '--broker-list', '2', '--json'])
  assert.equal(one.code, 0, one.stderr)
  assert.deepEqual(
    (JSON.parse(one.stdout) as Brokers).brokers.map((b) => b.broker),
    [2],
  )
  for (const [args, code, message] of [
    [['--broker-list', '1,99'], 1, /no broker 99 in the cluster/],
    [['--broker-list', '1,x'], 2, /--broker-list: 'x' is not a broker id/],
    [['--topic-list', 'no-such-topic-here'], 1, /no-such-topic-here/],
  ] as const) {
    const r = await kfk(['log-dirs', ...args])
    assert.equal(r.code, code, `${args.join(' ')}: ${r.stderr}`)
    assert.match(r.stderr, message)
    assert.equal(r.stdout, '')
  }
})
