/**
 * kfk groups against the real test cluster, with groups made by kafkajs consumers
 * from the project; numbers are checked against kafka-consumer-groups.sh
 * (ConsumerGroupCommand from the Kafka jars) on the same cluster.
 */
import {kafkajs, type Admin, type Kafka} from '../../src/core/kafkajs/load.js'
import assert from 'node:assert/strict'
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {after, before, test} from 'node:test'
import {onTty} from '../helpers/tty.js'
import {kfk, testBootstrap, uniqueName} from '../helpers/cli.js'
import {javaTool} from '../helpers/java-tools.js'
import {topicMaker} from '../helpers/topics.js'
import {csvField} from '../../src/core/groups/reset-plan.js'

const CGC = 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand'
const dir = mkdtempSync(join(tmpdir(), 'kfk-groups-'))
let kafka: Kafka
let admin: Admin
const topics: string[] = []
const groups: string[] = []

/** A group name for this test, deleted at the end. */
function newGroup(): string {
  const id = uniqueName('kfk-it-g')
  groups.push(id)
  return id
}

before(async () => {
  const {Kafka, logLevel} = kafkajs()
  kafka = new Kafka({brokers: testBootstrap().split(','), clientId: 'kfk-groups-test', logLevel: logLevel.NOTHING})
  admin = kafka.admin()
  await admin.connect()
})

after(async () => {
  await admin.deleteGroups(groups).catch(() => {}) // some are deleted by the tests themselves
  if (topics.length > 0) await admin.deleteTopics({topics}).catch(() => {})
  await admin.disconnect()
})

const createTopic = topicMaker('kfk-it-grp', topics)

/** Produces `count` records to each partition (timestamps optional, one per record). */
async function produce(topic: string, perPartition: Record<number, number>, timestamps?: (partition: number, i: number) => number) {
  const producer = kafka.producer()
  await producer.connect()
  const messages = Object.entries(perPartition).flatMap(([p, n]) =>
    Array.from({length: n}, (_, i) => ({
      partition: Number(p),
      value: `v${p}-${i}`,
      timestamp: timestamps ? String(timestamps(Number(p), i)) : undefined,
    })),
  )
  await producer.send({topic, messages})
  await producer.disconnect()
}

/** A kafkajs group consumer that reads `total` records, waits until they are committed, and leaves. */
async function consumeAll(topic: string, groupId: string, total: number) {
  const consumer = kafka.consumer({groupId, sessionTimeout: 10_000, heartbeatInterval: 500})
  await consumer.connect()
  await consumer.subscribe({topic, fromBeginning: true})
  let seen = 0
  await consumer.run({eachMessage: async () => void seen++})
  const deadline = Date.now() + 60_000
  for (;;) {
    const [committed] = await admin.fetchOffsets({groupId, topics: [topic]})
    const sum = committed!.partitions.reduce((s, p) => s + Math.max(0, Number(p.offset)), 0)
    if (seen >= total && sum >= total) break
    if (Date.now() > deadline) throw new Error(`consumer saw ${seen}, committed ${sum} of ${total}`)
    await new Promise((r) => setTimeout(r, 300))
  }
  await consumer.disconnect()
}

async function committed(groupId: string, topic: string): Promise<Record<number, number>> {
  const [t] = await admin.fetchOffsets({groupId, topics: [topic]})
  return Object.fromEntries(t!.partitions.map((p) => [p.partition, Number(p.offset)]))
}

/** Rows of ConsumerGroupCommand --describe: topic:partition -> [current, log end, lag]. */
function javaDescribeRows(stdout: string): Map<string, string[]> {
  const rows = new Map<string, string[]>()
  for (const line of stdout.split('\n')) {
    const f = line.trim().split(/\s+/)
    if (f.length < 6 || f[0] === 'GROUP') continue
    rows.set(`${f[1]}:${f[2]}`, [f[3]!, f[4]!, f[5]!])
  }
  return rows
}

async function kfkDescribe(groupId: string) {
  const r = await kfk(['groups', 'describe', groupId, '--json'])
  assert.equal(r.code, 0, r.stderr)
  return JSON.parse(r.stdout).groups[0] as {
    state: string
    type: string
    totalLag: number
    members: unknown[]
    partitions: Array<{topic: string; partition: number; currentOffset: number | null; logEndOffset: number | null; lag: number | null}>
  }
}

test('describe: lag after producing N records equals N, and every number equals kafka-consumer-groups.sh', {timeout: 120_000}, async () => {
  const topic = await createTopic(3)
  const groupId = newGroup()
  await produce(topic, {0: 4, 1: 3, 2: 2})
  await consumeAll(topic, groupId, 9)
  assert.equal((await kfkDescribe(groupId)).totalLag, 0)

  await produce(topic, {0: 5, 2: 2})
  const described = await kfkDescribe(groupId)
  assert.equal(described.totalLag, 7)
  assert.equal(described.type, 'classic')
  assert.equal(described.state, 'Empty')
  const lags = Object.fromEntries(described.partitions.map((p) => [p.partition, p.lag]))
  assert.deepEqual(lags, {0: 5, 1: 0, 2: 2})

  const java = await javaTool(CGC, ['--bootstrap-server', testBootstrap(), '--describe', '--group', groupId])
  assert.equal(java.code, 0, java.stderr)
  const javaRows = javaDescribeRows(java.stdout)
  assert.equal(javaRows.size, 3)
  for (const p of described.partitions) {
    assert.deepEqual(
      [String(p.currentOffset ?? '-'), String(p.logEndOffset ?? '-'), String(p.lag ?? '-')],
      javaRows.get(`${p.topic}:${p.partition}`),
      `${p.topic}:${p.partition}`,
    )
  }

  // The plain table carries the same numbers and the Java tool's column names.
  const table = await kfk(['groups', 'describe', groupId])
  assert.equal(table.code, 0, table.stderr)
  assert.match(table.stdout, /^GROUP\s+TOPIC\s+PARTITION\s+CURRENT-OFFSET\s+LOG-END-OFFSET\s+LAG\s+CONSUMER-ID\s+HOST\s+CLIENT-ID/)
  assert.match(table.stderr, /total lag 7/)

  // list: the group is there, classic and Empty; a type filter leaves it out.
  const list = await kfk(['groups', 'list', '--json'])
  assert.equal(list.code, 0, list.stderr)
  assert.deepEqual(
    JSON.parse(list.stdout).groups.find((g: {groupId: string}) => g.groupId === groupId),
    {groupId, state: 'Empty', type: 'classic', protocolType: 'consumer'},
  )
  const onlyConsumer = await kfk(['groups', 'list', '--type', 'consumer', '--json'])
  assert.equal(
    JSON.parse(onlyConsumer.stdout).groups.some((g: {groupId: string}) => g.groupId === groupId),
    false,
  )
  const stable = await kfk(['groups', 'list', '--state', 'Empty', '--json'])
  assert.ok(JSON.parse(stable.stdout).groups.some((g: {groupId: string}) => g.groupId === groupId))

  // --state and --members on an empty group.
  const state = await kfk(['groups', 'describe', groupId, '--state', '--json'])
  const s = JSON.parse(state.stdout).groups[0]
  assert.equal(s.state, 'Empty')
  assert.equal(s.members.length, 0)
  assert.ok(s.coordinator.port > 0)
})

test('reset-offsets pre-positions a new group as kafka-consumer-groups does: no kfk-only flag, --execute is the confirmation', async () => {
  const topic = await createTopic(2)
  await produce(topic, {0: 10, 1: 6})
  const groupId = newGroup()
  const r = await kfk(['groups', 'reset-offsets', groupId, '--topic', `${topic}:0`, '--to-offset', '7', '--execute'])
  assert.equal(r.code, 0, r.stderr)
  assert.deepEqual(await committed(groupId, topic), {0: 7, 1: -1})
  const read = await kfk(['consume', topic, '--group', groupId, '-e', '--format', '%p %o\\n'])
  assert.equal(read.code, 0, read.stderr)
  assert.deepEqual(
    read.stdout.split('\n').filter((l) => l.startsWith('0 ')),
    ['0 7', '0 8', '0 9'],
  )
})

test('reset-offsets: a dry run changes nothing; --execute commits; export then --from-file round-trips', {timeout: 120_000}, async () => {
  const topic = await createTopic(2)
  const groupId = newGroup()
  await produce(topic, {0: 10, 1: 6})
  await consumeAll(topic, groupId, 16)
  const before = await committed(groupId, topic)
  assert.deepEqual(before, {0: 10, 1: 6})

  const dry = await kfk(['groups', 'reset-offsets', groupId, '--topic', topic, '--to-earliest', '--json'])
  assert.equal(dry.code, 0, dry.stderr)
  const plan = JSON.parse(dry.stdout)
  assert.equal(plan.dryRun, true)
  assert.equal(plan.executed, false)
  assert.deepEqual(
    plan.partitions.map((p: {newOffset: number; lagBefore: number; lagAfter: number}) => [p.newOffset, p.lagBefore, p.lagAfter]),
    [
      [0, 0, 10],
      [0, 0, 6],
    ],
  )
  assert.deepEqual(await committed(groupId, topic), before, 'a dry run must not commit')
  const table = await kfk(['groups', 'reset-offsets', groupId, '--topic', topic, '--shift-by', '-3'])
  assert.match(table.stdout, /CURRENT-OFFSET\s+NEW-OFFSET\s+LAG-BEFORE\s+LAG-AFTER/)
  assert.match(table.stderr, /dry run/)
  assert.deepEqual(await committed(groupId, topic), before)

  // Export a plan (shift back by 4), then apply it from the file.
  const exported = await kfk(['groups', 'reset-offsets', groupId, '--all-topics', '--shift-by', '-4', '--export'])
  assert.equal(exported.code, 0, exported.stderr)
  assert.equal(exported.stdout, `${csvField(topic)},0,6\n${csvField(topic)},1,2\n`)
  const file = join(dir, 'plan.csv')
  writeFileSync(file, exported.stdout)
  // Without a terminal --execute is the confirmation, as in kafka-consumer-groups (a script written for it works unchanged).
  const applied = await kfk(['groups', 'reset-offsets', groupId, '--from-file', file, '--execute', '--json'])
  assert.equal(applied.code, 0, applied.stderr)
  assert.equal(JSON.parse(applied.stdout).executed, true)
  assert.deepEqual(await committed(groupId, topic), {0: 6, 1: 2})
  // ... and the Java tool reads kfk's file and plans the same offsets.
  const javaPlan = await javaTool(CGC, [
    '--bootstrap-server',
    testBootstrap(),
    '--reset-offsets',
    '--group',
    groupId,
    '--from-file',
    file,
    '--dry-run',
    '--export',
  ])
  assert.equal(javaPlan.code, 0, javaPlan.stderr)
  assert.deepEqual(javaPlan.stdout.trim().split('\n').sort(), exported.stdout.trim().split('\n').sort())

  // Clamping: a target past the end lands on the end, with a note.
  const clamped = await kfk([
    'groups',
    'reset-offsets',
    groupId,
    '--topic',
    `${topic}:1`,
    '--to-offset',
    '1000',
    '--execute',
    '--yes',
    '--json',
  ])
  assert.equal(clamped.code, 0, clamped.stderr)
  assert.match(clamped.stderr, /past the log end 6/)
  assert.deepEqual(await committed(groupId, topic), {0: 6, 1: 6})
  // The group never joined: still Empty, still classic, no members.
  const after = await kfkDescribe(groupId)
  assert.equal(after.state, 'Empty')
  assert.equal(after.totalLag, 4)
})

test('reset-offsets --to-datetime and --by-duration land on the offsets the Java tool computes', {timeout: 120_000}, async () => {
  const topic = await createTopic(2)
  const groupId = newGroup()
  // Recent timestamps (older ones would fall to retention): minute-aligned, an hour ago.
  const base = Math.floor(Date.now() / 60_000) * 60_000 - 3_600_000
  // Partition 0: one record a minute from base; partition 1: all 30 minutes later.
  await produce(topic, {0: 10, 1: 5}, (p, i) => (p === 0 ? base + i * 60_000 : base + 1_800_000 + i * 1000))
  await consumeAll(topic, groupId, 15)
  const iso = (ms: number) => new Date(ms).toISOString()
  const plus2h = (ms: number) => iso(ms + 7_200_000).replace('Z', '+02:00')
  const datetimes = [iso(base + 270_000).replace('Z', ''), iso(base + 300_000), plus2h(base + 1_800_500), '2999-01-01T00:00:00.000']
  for (const at of datetimes) {
    const ours = await kfk(['groups', 'reset-offsets', groupId, '--all-topics', '--to-datetime', at, '--export'])
    assert.equal(ours.code, 0, ours.stderr)
    const java = await javaTool(CGC, [
      '--bootstrap-server',
      testBootstrap(),
      '--reset-offsets',
      '--group',
      groupId,
      '--all-topics',
      '--to-datetime',
      at,
      '--dry-run',
      '--export',
    ])
    assert.equal(java.code, 0, java.stderr)
    const javaLines = java.stdout
      .split('\n')
      .filter((l) => l.includes(topic) && !l.startsWith('Warn'))
      .sort()
    assert.deepEqual(ours.stdout.trim().split('\n').sort(), javaLines, at)
  }
  const dur = await kfk(['groups', 'reset-offsets', groupId, '--all-topics', '--by-duration', 'PT2H', '--export'])
  assert.equal(dur.code, 0, dur.stderr)
  assert.equal(dur.stdout, `${csvField(topic)},0,0\n${csvField(topic)},1,0\n`)
  // 20 minutes ago is after every record: both partitions fall back to the log end, with a note.
  const recent = await kfk(['groups', 'reset-offsets', groupId, '--all-topics', '--by-duration', 'PT20M', '--json'])
  assert.deepEqual(
    JSON.parse(recent.stdout).partitions.map((p: {newOffset: number}) => p.newOffset),
    [10, 5],
  )
  assert.match(recent.stderr, /no record at or after that time/)
  assert.deepEqual(await committed(groupId, topic), {0: 10, 1: 5})
})

test('delete and delete-offsets remove what they say', {timeout: 120_000}, async () => {
  const topic = await createTopic(2)
  const other = await createTopic(1)
  const groupId = newGroup()
  await produce(topic, {0: 3, 1: 3})
  await produce(other, {0: 2})
  await consumeAll(topic, groupId, 6)
  // Give the group offsets on a second topic too, committed from the admin side.
  const seed = await kfk(['groups', 'reset-offsets', groupId, '--topic', other, '--to-latest', '--execute', '--yes', '--allow-new-topics'])
  assert.equal(seed.code, 0, seed.stderr)

  const refused = await kfk(['groups', 'delete-offsets', groupId, '--topic', `${topic}:1`])
  assert.equal(refused.code, 2, 'no terminal and no --yes: refused')
  assert.match(refused.stderr, new RegExp(`refusing to delete the committed offsets of group '${groupId}' for ${topic}:1 without --yes`))
  assert.equal((await kfkDescribe(groupId)).partitions.length, 3, 'nothing was deleted')
  const del = await kfk(['groups', 'delete-offsets', groupId, '--topic', `${topic}:1`, '--json', '--yes'])
  assert.equal(del.code, 0, del.stderr)
  assert.deepEqual(JSON.parse(del.stdout).partitions, [{topic, partition: 1, deleted: true, error: null}])
  const left = await kfkDescribe(groupId)
  assert.deepEqual(
    left.partitions.map((p) => `${p.topic}:${p.partition}=${p.currentOffset}`).sort(),
    [`${other}:0=2`, `${topic}:0=3`].sort(),
  )

  const missingTopic = await kfk(['groups', 'delete-offsets', groupId, '--topic', 'kfk-no-such-topic-xyz'])
  assert.equal(missingTopic.code, 1)
  assert.match(missingTopic.stdout, /kfk-no-such-topic-xyz\s+-\s+error: the topic does not exist/)

  const unconfirmed = await kfk(['groups', 'delete', groupId])
  assert.equal(unconfirmed.code, 2, 'no terminal and no --yes: refused')
  assert.match(unconfirmed.stderr, /refusing to delete 1 group\(s\) and their committed offsets: .* without --yes/)
  assert.equal((await kfk(['groups', 'describe', groupId])).code, 0, 'the group is still there')
  const gone = await kfk(['groups', 'delete', groupId, uniqueName('kfk-it-nogroup'), '--yes', '--json'])
  assert.equal(gone.code, 1, 'one of the two groups does not exist')
  const rows = JSON.parse(gone.stdout).groups
  assert.deepEqual(rows[0], {groupId, deleted: true, error: null})
  assert.match(rows[1].error, /does not exist/)
  const after = await kfk(['groups', 'describe', groupId])
  assert.equal(after.code, 1)
  assert.match(after.stderr, /does not exist/)
  const java = await javaTool(CGC, ['--bootstrap-server', testBootstrap(), '--list'])
  assert.ok(!java.stdout.split('\n').includes(groupId))
})

test(
  'bad input: unknown group, exclusive flags, unknown or unconsumed topic, malformed CSV, bad datetime/duration',
  {timeout: 120_000},
  async () => {
    const topic = await createTopic(1)
    const unconsumed = await createTopic(1)
    const groupId = newGroup()
    await produce(topic, {0: 2})
    await consumeAll(topic, groupId, 2)

    const unknown = await kfk(['groups', 'describe', uniqueName('kfk-it-nogroup')])
    assert.equal(unknown.code, 1)
    assert.match(unknown.stderr, /^error: consumer group '.*' does not exist\nhint: /)

    const cases: Array<[string[], number, RegExp]> = [
      [['groups', 'describe', groupId, '--members', '--state'], 2, /cannot be used together/],
      [['groups', 'reset-offsets', groupId, '--all-topics', '--to-earliest', '--to-latest'], 2, /cannot be used together/],
      [['groups', 'reset-offsets', groupId, '--all-topics', '--to-earliest', '--dry-run', '--execute'], 2, /cannot be used together/],
      [['groups', 'reset-offsets', groupId, '--topic', topic, '--all-topics', '--to-earliest'], 2, /cannot be used together/],
      [['groups', 'reset-offsets', groupId, '--to-earliest'], 2, /no reset scope/],
      [['groups', 'reset-offsets', groupId, '--all-topics'], 2, /Exactly one of the following/],
      [
        ['groups', 'reset-offsets', groupId, '--topic', 'kfk-no-such-topic-xyz', '--to-earliest'],
        1,
        /topic 'kfk-no-such-topic-xyz' does not exist/,
      ],
      [['groups', 'reset-offsets', groupId, '--topic', unconsumed, '--to-earliest', '--execute'], 1, /never committed an offset for topic/],
      [
        ['groups', 'reset-offsets', groupId, '--topic', `${topic}:5`, '--to-earliest'],
        1,
        /partition 5 does not exist: topic '.*' has 1 partition \(0-0\)/,
      ],
      [
        ['groups', 'reset-offsets', groupId, '--topic', topic, '--to-datetime', '2024-01-01 10:00'],
        2,
        /cannot parse the datetime '2024-01-01 10:00'/,
      ],
      [['groups', 'reset-offsets', groupId, '--topic', topic, '--by-duration', '5 minutes'], 2, /cannot parse the duration '5 minutes'/],
      [['groups', 'list', '--state', 'Sleeping'], 2, /unknown group state 'Sleeping'/],
    ]
    for (const [args, code, re] of cases) {
      const r = await kfk(args)
      assert.equal(r.code, code, `${args.join(' ')}: ${r.stderr}`)
      assert.match(r.stderr, re, args.join(' '))
    }
    const csv = join(dir, 'bad.csv')
    writeFileSync(csv, `${topic},0,1\n${topic};0;1\n`)
    const bad = await kfk(['groups', 'reset-offsets', groupId, '--from-file', csv])
    assert.equal(bad.code, 1)
    assert.match(bad.stderr, /bad\.csv, line 2: expected "topic,partition,offset"/)
    assert.deepEqual(await committed(groupId, topic), {0: 2}, 'nothing changed by any of the failures')
    assert.equal(readFileSync(csv, 'utf8').length > 0, true)
  },
)

/** kfk on a pseudo-terminal, answering a [y/N] prompt or stopping after `stopAfterMs`. */
function onTtyAnswering(args: string[], options: {answer?: string; stopAfterMs?: number} = {}) {
  return onTty(args, {
    stopAfterMs: options.stopAfterMs,
    steps: options.answer === undefined ? [] : [{waitFor: '[y/N]', send: `${options.answer}\r`}],
  })
}

test('on a terminal --execute asks first (no = nothing changes), and --watch redraws in place', {timeout: 120_000}, async () => {
  const topic = await createTopic(1)
  const groupId = newGroup()
  await produce(topic, {0: 4})
  await consumeAll(topic, groupId, 4)

  const no = await onTtyAnswering(['groups', 'reset-offsets', groupId, '--topic', topic, '--to-earliest', '--execute'], {answer: 'n'})
  assert.match(no.out, /Commit 1 new offset\(s\) for group '.*'\? \[y\/N\]/)
  assert.match(no.out, /cancelled; nothing was changed/)
  assert.equal(no.code, 1)
  assert.deepEqual(await committed(groupId, topic), {0: 4})

  const yes = await onTtyAnswering(['groups', 'reset-offsets', groupId, '--topic', topic, '--to-earliest', '--execute'], {answer: 'y'})
  assert.equal(yes.code, 0, yes.out)
  assert.deepEqual(await committed(groupId, topic), {0: 0})

  // --yes answers the question: no prompt at all.
  const silent = await onTtyAnswering(['groups', 'reset-offsets', groupId, '--topic', topic, '--to-latest', '--execute', '--yes'])
  assert.equal(silent.code, 0, silent.out)
  assert.ok(!silent.out.includes('[y/N]'))
  assert.deepEqual(await committed(groupId, topic), {0: 4})

  const watch = await onTtyAnswering(['groups', 'describe', groupId, '--watch', '1'], {stopAfterMs: 8000})
  const redraws = watch.out.split('\u001B[H\u001B[2J').length - 1
  assert.ok(redraws >= 2, `expected at least 2 redraws: ${watch.out}`)
  assert.match(watch.out, /LAG CHANGE/)
})
