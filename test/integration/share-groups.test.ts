/**
 * Share groups (KIP-932) as kafka-share-groups.sh shows them: a Java console
 * share consumer reads a 3-partition topic through a share group; kfk groups
 * list names it with type share beside the other kinds, and groups describe
 * gives its members and, per partition, the start offset and lag the Java tool
 * gives.
 */
import assert from 'node:assert/strict'
import {spawn, type ChildProcess} from 'node:child_process'
import {join} from 'node:path'
import {after, before, test} from 'node:test'
import {kfk, testBootstrap, uniqueName} from '../helpers/cli.js'
import {javaTool, kafkaLibs} from '../helpers/java-tools.js'
import {until} from '../helpers/until.js'

const topic = uniqueName('share-topic')
const group = uniqueName('share-group')
const PER_PARTITION = 1000
let consumer: ChildProcess | undefined
let received = 0

before(async () => {
  assert.equal((await kfk(['topics', 'create', topic, '-p', '3'])).code, 0)
  for (let p = 0; p < 3; p++) {
    const lines = Array.from({length: PER_PARTITION}, (_, i) => `p${p}-${i}`).join('\n') + '\n'
    assert.equal((await kfk(['produce', topic, '-p', String(p)], {input: lines})).code, 0)
  }
  // A share group starts at the latest offset unless its config says otherwise.
  const config = await kfk(['configs', 'alter', '--group', group, '--add-config', 'share.auto.offset.reset=earliest'])
  assert.equal(config.code, 0, config.stderr)
  const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java'
  consumer = spawn(java, [
    '-Xmx256m',
    '-XX:TieredStopAtLevel=1',
    '-cp',
    join(kafkaLibs(), '*'),
    'org.apache.kafka.tools.consumer.ConsoleShareConsumer',
    '--bootstrap-server',
    testBootstrap(),
    '--topic',
    topic,
    '--group',
    group,
    '--consumer-property',
    `client.id=${group}-java`,
  ])
  consumer.stdout!.on('data', (d: Buffer) => (received += d.toString().split('\n').length - 1))
  await until('the Java share consumer to read every record', async () => (received >= 3 * PER_PARTITION ? true : undefined), 90_000)
})

after(() => {
  consumer?.kill('SIGKILL')
})

async function stopConsumer(): Promise<void> {
  // A clean close leaves the group at once (a killed member would stay until its session times out).
  const exited = new Promise((resolve) => consumer!.once('exit', resolve))
  consumer!.kill('SIGTERM')
  await exited
  consumer = undefined
  await until('the share group to be empty', async () => {
    const r = await kfk(['groups', 'describe', group, '--state', '--json'])
    return (JSON.parse(r.stdout) as {groups: Array<{state: string}>}).groups[0]?.state === 'Empty' ? true : undefined
  })
}

/** kafka-share-groups --describe --offsets: per partition [partition, start offset, lag], sorted. */
async function javaRows(): Promise<string[][]> {
  const java = await javaTool('org.apache.kafka.tools.consumer.group.ShareGroupCommand', [
    '--bootstrap-server',
    testBootstrap(),
    '--describe',
    '--group',
    group,
    '--offsets',
  ])
  // GROUP TOPIC PARTITION START-OFFSET LAG ("-" where the group has no start offset yet)
  return java.stdout
    .trim()
    .split('\n')
    .filter((l) => l.startsWith(group))
    .map((l) => l.trim().split(/\s+/).slice(2))
    .sort((a, b) => Number(a[0]) - Number(b[0]))
}

test('groups list shows the share group with type share; --share and --type filter to it', async () => {
  const all = JSON.parse((await kfk(['groups', 'list', '--json'])).stdout) as {groups: Array<{groupId: string; type: string}>}
  assert.equal(all.groups.find((g) => g.groupId === group)?.type, 'share')
  const share = await kfk(['groups', 'list', '--share'])
  assert.match(share.stdout, new RegExp(`^${group}\\s+share\\s+Stable\\s+share$`, 'm'))
  const consumers = await kfk(['groups', 'list', '--consumer'])
  assert.doesNotMatch(consumers.stdout, new RegExp(group))
  const java = await javaTool('org.apache.kafka.tools.consumer.group.ShareGroupCommand', ['--bootstrap-server', testBootstrap(), '--list'])
  assert.ok(java.stdout.split('\n').includes(group), java.stdout + java.stderr)
})

test('groups describe of a share group: its member, and per partition the start offset and lag kafka-share-groups gives', async () => {
  const members = await kfk(['groups', 'describe', group, '--members', '--json'])
  assert.equal(members.code, 0, members.stderr)
  const g = (
    JSON.parse(members.stdout) as {groups: Array<{type: string; state: string; members: Array<{clientId: string; assignment: unknown[]}>}>}
  ).groups[0]!
  assert.deepEqual([g.type, g.state, g.members.map((m) => m.clientId)], ['share', 'Stable', [`${group}-java`]])
  assert.equal(g.members[0]!.assignment.length, 3)

  // The start offsets move as acknowledgements are persisted: ask both tools until they agree.
  const kfkRows = async () => {
    const r = await kfk(['groups', 'describe', group, '--json'])
    const d = (
      JSON.parse(r.stdout) as {groups: Array<{partitions: Array<{partition: number; currentOffset: number | null; lag: number | null}>}>}
    ).groups[0]!
    return d.partitions.map((p) => [String(p.partition), String(p.currentOffset ?? '-'), String(p.lag ?? '-')])
  }
  const agreed = await until(
    'kfk and kafka-share-groups to report the same start offsets and lags',
    async () => {
      const [ours, theirs] = [await kfkRows(), await javaRows()]
      return ours.length === 3 && JSON.stringify(ours) === JSON.stringify(theirs) ? ours : undefined
    },
    60_000,
  )
  // Every record was delivered and acknowledged: nothing is left to deliver.
  assert.deepEqual(
    agreed.map((r) => r[2]),
    ['0', '0', '0'],
  )
  const table = await kfk(['groups', 'describe', group])
  assert.match(table.stdout, /^GROUP\s+TOPIC\s+PARTITION\s+START-OFFSET\s+LOG-END-OFFSET\s+LAG\s+TIME-BEHIND$/m)
})

test('reset-offsets on a share group: a dry run, refused while a member is active, then --execute sets the start offsets; delete-offsets and delete remove them', async () => {
  const refused = await kfk(['groups', 'reset-offsets', group, '--all-topics', '--to-earliest', '--execute', '--yes'])
  assert.equal(refused.code, 1)
  assert.match(refused.stderr, /active member/)
  await stopConsumer()
  const dry = await kfk(['groups', 'reset-offsets', group, '--topic', topic, '--to-earliest', '--json'])
  assert.equal(dry.code, 0, dry.stderr)
  const plan = JSON.parse(dry.stdout) as {dryRun: boolean; partitions: Array<{partition: number; newOffset: number}>}
  assert.deepEqual([plan.dryRun, plan.partitions.map((p) => p.newOffset)], [true, [0, 0, 0]])
  const done = await kfk(['groups', 'reset-offsets', group, '--topic', topic, '--to-earliest', '--execute', '--yes'])
  assert.equal(done.code, 0, done.stderr)
  assert.match(done.stderr, /set the start offsets of 3 offset\(s\) for share group/)
  const after = (
    JSON.parse((await kfk(['groups', 'describe', group, '--json'])).stdout) as {
      groups: Array<{partitions: Array<{currentOffset: number; lag: number}>}>
    }
  ).groups[0]!
  assert.deepEqual(
    after.partitions.map((p) => [p.currentOffset, p.lag]),
    [0, 1, 2].map(() => [0, PER_PARTITION]),
  )
  const java = await javaRows()
  assert.deepEqual(
    java.map((r) => r[1]),
    ['0', '0', '0'],
    JSON.stringify(java),
  )
  const byPartition = await kfk(['groups', 'delete-offsets', group, '--topic', `${topic}:0`, '--yes'])
  assert.equal(byPartition.code, 2)
  assert.match(byPartition.stderr, /share group: its offsets are deleted by whole topics/)
  const offsetsGone = await kfk(['groups', 'delete-offsets', group, '--topic', topic, '--yes', '--json'])
  assert.equal(offsetsGone.code, 0, offsetsGone.stderr)
  assert.deepEqual(JSON.parse(offsetsGone.stdout).partitions, [{topic, partition: null, deleted: true, error: null}])
  const cleared = (
    JSON.parse((await kfk(['groups', 'describe', group, '--json'])).stdout) as {
      groups: Array<{partitions: Array<{currentOffset: number | null}>}>
    }
  ).groups[0]!
  assert.ok(
    cleared.partitions.every((p) => p.currentOffset === null),
    JSON.stringify(cleared.partitions),
  )
  const deleted = await kfk(['groups', 'delete', group, '--yes'])
  assert.equal(deleted.code, 0, deleted.stderr)
  const listed = JSON.parse((await kfk(['groups', 'list', '--json'])).stdout) as {groups: Array<{groupId: string}>}
  assert.ok(!listed.groups.some((g) => g.groupId === group))
})
