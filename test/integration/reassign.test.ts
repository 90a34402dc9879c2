import assert from 'node:assert/strict'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {test} from 'node:test'
import {kfk, testBootstrap, uniqueName} from '../helpers/cli.js'
import {javaTool} from '../helpers/java-tools.js'
import {keyedLines, readBackWithKcat} from '../helpers/produce-check.js'

/**
 * kfk partitions reassign on the suite's 3-node cluster: a filled topic's
 * replicas moved off broker 3 under a throttle, followed to the end, the
 * throttles gone and every record still there; plans shared with
 * kafka-reassign-partitions both ways; a running move reported, not restarted,
 * and cancelled.
 */
const dir = mkdtempSync(join(tmpdir(), 'kfk-reassign-'))
const RECORDS = 200_000

interface Assignment {
  version: number
  partitions: Array<{topic: string; partition: number; replicas: number[]; log_dirs: string[]}>
}

const reassign = (args: string[]) => kfk(['partitions', 'reassign', ...args], {timeoutMs: 240_000})
const javaReassign = (args: string[]) =>
  javaTool('org.apache.kafka.tools.reassign.ReassignPartitionsCommand', ['--bootstrap-server', testBootstrap(), ...args])

async function replicasOf(topic: string): Promise<Array<{replicas: number[]; isr: number[]}>> {
  const r = await kfk(['topics', 'describe', topic, '--json'])
  assert.equal(r.code, 0, r.stderr)
  return JSON.parse(r.stdout).topics[0].partitionDetails
}

async function throttleConfigs(): Promise<string> {
  const out: string[] = []
  for (const args of [
    ['--entity-type', 'brokers', '--entity-name', '3'],
    ['--entity-type', 'brokers', '--entity-name', '1'],
  ]) {
    const r = await kfk(['configs', 'describe', ...args])
    assert.equal(r.code, 0, r.stderr)
    out.push(...r.stdout.split('\n').filter((l) => l.includes('throttled')))
  }
  return out.join('\n')
}

function writePlan(name: string, text: string): string {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

test('reassign: replicas off broker 3 under a throttle, followed to the end; throttles cleared; every record intact', async () => {
  const topic = uniqueName('reassign')
  assert.equal((await kfk(['topics', 'create', topic, '--replica-assignment', '1:3,3:2,2:3'])).code, 0)
  const produced = await kfk(['produce', topic, '--key-separator', ':', '--acks', 'all'], {input: keyedLines(RECORDS)})
  assert.equal(produced.code, 0, produced.stderr)

  // --generate: the current assignment exactly as kafka-reassign-partitions prints it, and a proposal without broker 3.
  const generated = await reassign(['--generate', '--topic', topic, '--broker-list', '1,2'])
  assert.equal(generated.code, 0, generated.stderr)
  const topicsFile = writePlan('topics.json', JSON.stringify({topics: [{topic}], version: 1}))
  const java = await javaReassign(['--generate', '--topics-to-move-json-file', topicsFile, '--broker-list', '1,2'])
  assert.equal(java.code, 0, java.stderr)
  const section = (text: string, title: string) => text.split('\n')[text.split('\n').indexOf(title) + 1]!
  // Kafka 4.2+ writes each replica's current log dir where kfk writes "any": the rest is the same.
  const withoutDirs = (json: string) =>
    (JSON.parse(json) as Assignment).partitions.map(({topic, partition, replicas}) => ({topic, partition, replicas}))
  assert.deepEqual(
    withoutDirs(section(generated.stdout, 'Current partition replica assignment')),
    withoutDirs(section(java.stdout, 'Current partition replica assignment')),
  )
  const proposed = JSON.parse(section(generated.stdout, 'Proposed partition reassignment configuration')) as Assignment
  assert.equal(proposed.partitions.length, 3)
  for (const p of proposed.partitions) {
    assert.deepEqual([...p.replicas].sort(), [1, 2])
    assert.deepEqual(p.log_dirs, ['any', 'any'])
  }
  assert.match(generated.stderr, /3 partitions change replicas, [\d.]+ MiB to copy/)
  const plan = writePlan('plan.json', JSON.stringify(proposed))

  // --execute: the plan with bytes, then the move starts under a throttle of 1 MB/s.
  const executed = await reassign(['--execute', '--reassignment-json-file', plan, '--throttle', '1000000', '--yes', '--json'])
  assert.equal(executed.code, 0, executed.stderr)
  const doc = JSON.parse(executed.stdout) as {
    moves: Array<{from: number[]; adding: number[]; bytes: string}>
    started: Array<{error?: string}>
    throttledBrokers: number[]
  }
  assert.equal(doc.started.length, 3)
  assert.ok(doc.started.every((s) => s.error === undefined))
  assert.deepEqual(doc.throttledBrokers, [1, 2, 3])
  assert.ok(
    doc.moves.some((m) => m.adding.length > 0 && BigInt(m.bytes) > 1_000_000n),
    executed.stdout,
  )
  assert.match(await throttleConfigs(), /leader\.replication\.throttled\.rate\s+1000000/)

  // A second --execute while it runs is reported, not restarted.
  const again = await reassign(['--execute', '--reassignment-json-file', plan, '--yes'])
  assert.equal(again.code, 1, again.stderr)
  assert.match(again.stderr, /already in progress .*nothing was started/)

  // kafka-reassign-partitions reads kfk's plan (keeping the throttles: kfk removes them).
  const javaVerify = await javaReassign(['--verify', '--reassignment-json-file', plan, '--preserve-throttles'])
  assert.equal(javaVerify.code, 0, javaVerify.stderr + javaVerify.stdout)
  for (const p of [0, 1, 2])
    assert.match(javaVerify.stdout, new RegExp(`Reassignment of partition ${topic}-${p} is (completed|still in progress)`))

  const verified = await reassign(['--verify', '--reassignment-json-file', plan, '--watch', '1', '--json'])
  assert.equal(verified.code, 0, verified.stderr)
  const status = JSON.parse(verified.stdout) as {partitions: Array<{state: string}>; done: boolean; throttlesCleared: boolean}
  assert.deepEqual(
    status.partitions.map((p) => p.state),
    ['completed', 'completed', 'completed'],
  )
  assert.equal(status.done, true)
  assert.equal(status.throttlesCleared, true)
  assert.equal(await throttleConfigs(), '')

  for (const p of await replicasOf(topic)) {
    assert.ok(!p.replicas.includes(3), `replicas ${p.replicas}`)
    assert.deepEqual([...p.isr].sort(), [...p.replicas].sort())
  }
  const back = await readBackWithKcat(testBootstrap(), topic, RECORDS)
  assert.deepEqual(back, {total: RECORDS, missing: [], duplicates: [], outOfOrder: []})

  const list = await reassign(['--list'])
  assert.equal(list.code, 0, list.stderr)
  assert.doesNotMatch(list.stdout, new RegExp(topic))
})

test('reassign: a plan made by kafka-reassign-partitions is executed by kfk; a running move is cancelled and its replicas go back', async () => {
  const topic = uniqueName('reassign-cancel')
  assert.equal((await kfk(['topics', 'create', topic, '--replica-assignment', '1'])).code, 0)
  assert.equal((await kfk(['produce', topic, '--acks', 'all'], {input: keyedLines(50_000)})).code, 0)
  // Java's own format, written as it writes it (no log_dirs: optional).
  const plan = writePlan('slow.json', `{"version":1,"partitions":[{"topic":"${topic}","partition":0,"replicas":[1,3]}]}`)
  const executed = await reassign(['--execute', '--reassignment-json-file', plan, '--throttle', '1000', '--yes'])
  assert.equal(executed.code, 0, executed.stderr)

  const listed = await reassign(['--list'])
  assert.match(listed.stdout, new RegExp(`${topic}-0: replicas: 1,3\\. adding: 3\\.`))
  const javaList = await javaReassign(['--list'])
  assert.match(javaList.stdout, new RegExp(`${topic}-0: replicas: 1,3\\. adding: 3\\.`))

  const cancelled = await reassign(['--cancel', '--reassignment-json-file', plan])
  assert.equal(cancelled.code, 0, cancelled.stderr)
  assert.match(cancelled.stdout, new RegExp(`^Successfully cancelled partition reassignment for: ${topic}-0$`, 'm'))
  assert.match(cancelled.stdout, /^Clearing broker-level throttles on brokers 1,2,3$/m)
  assert.deepEqual(
    (await replicasOf(topic)).map((p) => p.replicas),
    [[1]],
  )
  assert.equal(await throttleConfigs(), '')
  const verify = await reassign(['--verify', '--reassignment-json-file', plan])
  assert.match(
    verify.stdout,
    new RegExp(`There is no active reassignment of partition ${topic}-0, but replica set is 1 rather than 1,3\\.`),
  )
})

test('reassign: bad plans and flags are refused before anything moves, exit 2, naming the value', async () => {
  const topic = uniqueName('reassign-bad')
  assert.equal((await kfk(['topics', 'create', topic, '-p', '2', '-r', '1'])).code, 0)
  const file = (partitions: unknown[]) => writePlan(`${uniqueName('bad')}.json`, JSON.stringify({version: 1, partitions}))
  for (const [args, message] of [
    [
      ['--execute', '--reassignment-json-file', file([{topic, partition: 0, replicas: [1, 9]}])],
      /names broker 9, which is not in the cluster/,
    ],
    [['--execute', '--reassignment-json-file', file([{topic, partition: 0, replicas: [2, 2]}])], /lists broker 2 twice/],
    [
      ['--execute', '--reassignment-json-file', file([{topic, partition: 5, replicas: [1]}])],
      /partition .*-5 does not exist: topic .* has 2 partitions/,
    ],
    [
      ['--execute', '--reassignment-json-file', file([{topic: 'no-such-topic-x', partition: 0, replicas: [1]}])],
      /topic 'no-such-topic-x' .*does not exist/,
    ],
    [['--execute', '--reassignment-json-file', file([])], /names no partition/],
    [
      [
        '--execute',
        '--reassignment-json-file',
        file([
          {topic, partition: 0, replicas: [1]},
          {topic, partition: 0, replicas: [2]},
        ]),
      ],
      /named more than once/,
    ],
    [['--execute', '--reassignment-json-file', writePlan('notjson.json', '{')], /is not JSON/],
    [['--execute'], /--execute needs --reassignment-json-file/],
    [['--execute', '--verify'], /only one action at a time/],
    [['--verify', '--throttle', '5', '--reassignment-json-file', 'x.json'], /--throttle does not go with --verify/],
    [['--generate', '--topic', topic, '--broker-list', '1,7'], /--broker-list names broker 7, not in the cluster/],
    [['--generate', '--topic', topic, '--broker-list', '1,1'], /names broker 1 twice/],
    [[], /no action given/],
  ] as const) {
    const r = await reassign([...args])
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`)
    assert.match(r.stderr, message)
  }
  // A plan may name each replica's log dir (Kafka 4.2+ rollback plans do): the dir it is in is accepted, another refused.
  const dirs = JSON.parse((await kfk(['log-dirs', '--topic-list', topic, '--json'])).stdout) as {
    brokers: Array<{broker: number; logDirs: Array<{logDir: string; replicas: Array<{partition: number}>}>}>
  }
  const [holder] = dirs.brokers.flatMap((b) =>
    b.logDirs.filter((d) => d.replicas.some((r) => r.partition === 0)).map((d) => ({broker: b.broker, dir: d.logDir})),
  )
  const same = file([{topic, partition: 0, replicas: [holder!.broker], log_dirs: [holder!.dir]}])
  const kept = await reassign(['--execute', '--reassignment-json-file', same, '--yes'])
  assert.equal(kept.code, 0, kept.stderr)
  const elsewhere = file([{topic, partition: 0, replicas: [holder!.broker], log_dirs: ['/elsewhere']}])
  const moved = await reassign(['--execute', '--reassignment-json-file', elsewhere, '--yes'])
  assert.equal(moved.code, 2, moved.stderr)
  assert.match(moved.stderr, /in log dir \/elsewhere, where it is not: kfk does not move replicas between log dirs/)
  assert.equal((await reassign(['--verify', '--reassignment-json-file', same])).code, 0)

  const list = await reassign(['--list', '--json'])
  assert.equal(list.code, 0, list.stderr)
  assert.ok(!(JSON.parse(list.stdout).reassignments as Array<{topic: string}>).some((r) => r.topic === topic))
})
