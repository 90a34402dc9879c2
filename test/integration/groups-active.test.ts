/**
 * kfk groups with live Java consumers from the Kafka jars: one classic group
 * (group.protocol=classic) and one KIP-848 group (group.protocol=consumer),
 * started in the background and stopped at the end.
 */
import {kafkajs, type Admin, type Kafka} from '../../src/core/kafkajs/load.js'
import assert from 'node:assert/strict'
import {spawn, type ChildProcess} from 'node:child_process'
import {join} from 'node:path'
import {after, before, test} from 'node:test'
import {kfk, testBootstrap, uniqueName} from '../helpers/cli.js'
import {javaTool, kafkaLibs} from '../helpers/java-tools.js'
import {createTestTopic} from '../helpers/topics.js'
import {until} from '../helpers/until.js'

const CGC = 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand'
const topic = uniqueName('kfk-it-grpa')
const classic = uniqueName('kfk-it-classic')
const modern = uniqueName('kfk-it-kip848')
const children: ChildProcess[] = []
let kafka: Kafka
let admin: Admin

function startJavaConsumer(groupId: string, protocol: 'classic' | 'consumer'): ChildProcess {
  const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java'
  const child = spawn(
    java,
    [
      '-Xmx256m',
      '-XX:TieredStopAtLevel=1',
      '-cp',
      join(kafkaLibs(), '*'),
      'org.apache.kafka.tools.consumer.ConsoleConsumer',
      '--bootstrap-server',
      testBootstrap(),
      '--topic',
      topic,
      '--group',
      groupId,
      '--from-beginning',
      '--consumer-property',
      `group.protocol=${protocol}`,
      '--consumer-property',
      `client.id=${groupId}-client`,
      '--consumer-property',
      'auto.commit.interval.ms=500',
    ],
    {stdio: ['ignore', 'ignore', 'ignore']},
  )
  children.push(child)
  return child
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
  await exited
  clearTimeout(timer)
}

interface Described {
  groupId: string
  type: string
  state: string
  assignor: string
  coordinator: {id: number}
  totalLag: number
  members: Array<{memberId: string; clientId: string; assignment: Array<{topic: string; partition: number}>}>
  partitions: Array<{
    topic: string
    partition: number
    currentOffset: number | null
    logEndOffset: number | null
    lag: number | null
    memberId: string | null
  }>
}

async function describe(groupId: string, ...extra: string[]): Promise<Described | undefined> {
  const r = await kfk(['groups', 'describe', groupId, '--json', ...extra])
  return r.code === 0 ? (JSON.parse(r.stdout).groups[0] as Described) : undefined
}

/** Both groups Stable, one member owning all 3 partitions, everything consumed and committed. */
const settled = (groupId: string) => async () => {
  const g = await describe(groupId)
  const ok =
    g &&
    g.state === 'Stable' &&
    g.members.length === 1 &&
    g.partitions.length === 3 &&
    g.partitions.every((p) => p.currentOffset === 2 && p.memberId)
  return ok ? g : undefined
}

before(async () => {
  const {Kafka, logLevel} = kafkajs()
  kafka = new Kafka({brokers: testBootstrap().split(','), clientId: 'kfk-groups-active-test', logLevel: logLevel.NOTHING})
  admin = kafka.admin()
  await admin.connect()
  await createTestTopic(topic, 3)
  const producer = kafka.producer()
  await producer.connect()
  await producer.send({
    topic,
    messages: [0, 1, 2].flatMap((partition) => [
      {partition, value: 'a'},
      {partition, value: 'b'},
    ]),
  })
  await producer.disconnect()
  startJavaConsumer(classic, 'classic')
  startJavaConsumer(modern, 'consumer')
})

after(async () => {
  await Promise.all(children.map(stop))
  await admin.deleteGroups([classic, modern]).catch(() => {})
  await admin.deleteTopics({topics: [topic]}).catch(() => {})
  await admin.disconnect()
})

test('live classic and KIP-848 groups: describe, members, state and list match kafka-consumer-groups.sh', {timeout: 180_000}, async () => {
  const [c, m] = await Promise.all([
    until('classic group settled', settled(classic), 90_000, {intervalMs: 1000}),
    until('KIP-848 group settled', settled(modern), 90_000, {intervalMs: 1000}),
  ])
  assert.equal(c.type, 'classic')
  assert.equal(m.type, 'consumer')
  assert.equal(m.assignor, 'uniform')

  for (const g of [c, m]) {
    const java = await javaTool(CGC, ['--bootstrap-server', testBootstrap(), '--describe', '--group', g.groupId])
    assert.equal(java.code, 0, java.stderr)
    const rows = java.stdout
      .split('\n')
      .map((l) => l.trim().split(/\s+/))
      .filter((f) => f.length >= 9 && f[0] === g.groupId)
    assert.equal(rows.length, 3)
    for (const f of rows) {
      const ours = g.partitions.find((p) => p.topic === f[1] && p.partition === Number(f[2]))!
      assert.deepEqual(
        [String(ours.currentOffset), String(ours.logEndOffset), String(ours.lag), ours.memberId],
        [f[3], f[4], f[5], f[6]],
        `${g.groupId} ${f[1]}:${f[2]}`,
      )
    }

    // --members --verbose: the member, its client id and its decoded assignment.
    const members = await kfk(['groups', 'describe', g.groupId, '--members', '--verbose'])
    assert.equal(members.code, 0, members.stderr)
    assert.match(members.stdout, new RegExp(`${g.members[0]!.memberId}\\s+\\S+\\s+${g.groupId}-client\\s+3\\s`))
    assert.ok(members.stdout.includes(`${topic}:0,1,2`), members.stdout)
    assert.ok(!/\[kafkajs\]/.test(members.stderr), '--verbose with --members is the Java meaning, not debug logs')
    const javaMembers = await javaTool(CGC, [
      '--bootstrap-server',
      testBootstrap(),
      '--describe',
      '--group',
      g.groupId,
      '--members',
      '--verbose',
    ])
    assert.ok(javaMembers.stdout.includes(g.members[0]!.memberId))
    assert.ok(javaMembers.stdout.includes(`${topic}:0,1,2`))

    // --state: coordinator, strategy, state and member count as the Java tool prints them.
    const state = await kfk(['groups', 'describe', g.groupId, '--state'])
    const javaState = await javaTool(CGC, ['--bootstrap-server', testBootstrap(), '--describe', '--group', g.groupId, '--state'])
    const pick = (out: string) =>
      out
        .split('\n')
        .find((l) => l.startsWith(g.groupId))!
        .trim()
        .split(/\s+/)
    assert.deepEqual(pick(state.stdout), pick(javaState.stdout))
  }

  const list = await kfk(['groups', 'list', '--json'])
  const listed = JSON.parse(list.stdout).groups as Array<{groupId: string; type: string; state: string}>
  assert.deepEqual(
    listed
      .filter((g) => g.groupId === classic || g.groupId === modern)
      .map((g) => [g.groupId, g.type, g.state])
      .sort(),
    [
      [classic, 'classic', 'Stable'],
      [modern, 'consumer', 'Stable'],
    ].sort(),
  )
  const onlyNew = JSON.parse((await kfk(['groups', 'list', '--type', 'consumer', '--state', 'stable', '--json'])).stdout).groups as Array<{
    groupId: string
  }>
  assert.ok(onlyNew.some((g) => g.groupId === modern))
  assert.ok(!onlyNew.some((g) => g.groupId === classic))
  const javaList = await javaTool(CGC, ['--bootstrap-server', testBootstrap(), '--list', '--type', '--state'])
  for (const [id, type] of [
    [classic, 'classic'],
    [modern, 'consumer'],
  ]) {
    assert.match(javaList.stdout.toLowerCase(), new RegExp(`${id}\\s+${type}\\s+stable`))
  }
})

test(
  'active groups: --execute, delete and delete-offsets are refused with the reason; dry runs still work',
  {timeout: 180_000},
  async () => {
    const g = await until('classic group settled', settled(classic), 90_000, {intervalMs: 1000})
    const member = g.members[0]!
    const refused = await kfk(['groups', 'reset-offsets', classic, '--all-topics', '--to-earliest', '--execute', '--yes'])
    assert.equal(refused.code, 1)
    assert.match(refused.stderr, /error: group '.*' is Stable with 1 active member\(s\)/)
    assert.ok(refused.stderr.includes(member.memberId), 'names the member')
    assert.ok(refused.stderr.includes(`${classic}-client`), 'names its client id')

    const dry = await kfk(['groups', 'reset-offsets', classic, '--all-topics', '--to-earliest', '--json'])
    assert.equal(dry.code, 0, dry.stderr)
    assert.match(dry.stderr, /--execute would be refused/)

    const del = await kfk(['groups', 'delete', classic, '--json'])
    assert.equal(del.code, 1)
    assert.match(JSON.parse(del.stdout).groups[0].error, /active member/)
    assert.match(del.stderr, /Stop the consumers/)

    const offsets = await kfk(['groups', 'delete-offsets', modern, '--topic', topic, '--yes'])
    assert.equal(offsets.code, 1)
    assert.match(offsets.stdout, /error: the group is still subscribed to the topic/)
    const still = await describe(classic)
    assert.ok(
      still!.partitions.every((p) => p.currentOffset === 2),
      'nothing changed',
    )
  },
)

test('describe --watch prints successive snapshots with the lag change (no TTY)', {timeout: 60_000}, async () => {
  const r = await kfk(['groups', 'describe', modern, '--watch', '1'], {timeoutMs: 9000})
  const snapshots = r.stdout.split('\n').filter((l) => /every 1s/.test(l))
  assert.ok(snapshots.length >= 2, r.stdout + r.stderr)
  assert.match(r.stdout, /LAG CHANGE/)
})

test('after the KIP-848 consumer stops, --execute commits without joining the group', {timeout: 120_000}, async () => {
  await until('KIP-848 group settled', settled(modern), 90_000, {intervalMs: 1000})
  await stop(children[1]!)
  await until('KIP-848 group empty', async () => ((await describe(modern))?.state === 'Empty' ? true : undefined), 60_000, {
    intervalMs: 1000,
  })
  const r = await kfk(['groups', 'reset-offsets', modern, '--topic', `${topic}:0,2`, '--to-earliest', '--execute', '--yes', '--json'])
  assert.equal(r.code, 0, r.stderr)
  assert.equal(JSON.parse(r.stdout).executed, true)
  const g = (await describe(modern))!
  assert.equal(g.type, 'consumer')
  assert.equal(g.state, 'Empty')
  assert.deepEqual(
    g.partitions.map((p) => [p.partition, p.currentOffset, p.lag]),
    [
      [0, 0, 2],
      [1, 2, 0],
      [2, 0, 2],
    ],
  )
  const java = await javaTool(CGC, ['--bootstrap-server', testBootstrap(), '--describe', '--group', modern])
  assert.match(java.stdout, new RegExp(`${topic}\\s+0\\s+0\\s+2\\s+2`))
})
