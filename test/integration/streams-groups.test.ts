/**
 * Streams groups (KIP-1071) with a real Kafka Streams application: kfk
 * streams demo runs the word count (group.protocol=streams) over 30,000 lines
 * in 3 partitions. While it runs, groups describe shows its members and tasks
 * as kafka-streams-groups.sh does and a reset is refused; stopped (Ctrl-C) and
 * reset with kfk streams reset, it reprocesses from the start with empty
 * state: every final count comes out a second time, not doubled.
 */
import assert from 'node:assert/strict'
import {after, before, test} from 'node:test'
import {kfk, testBootstrap, uniqueName} from '../helpers/cli.js'
import {javaTool} from '../helpers/java-tools.js'
import {spawnKfk} from '../helpers/consume-check.js'
import {until} from '../helpers/until.js'

const app = uniqueName('wordcount')
const input = uniqueName('lines')
const output = uniqueName('counts')
const LINES = 15_000
const line = (i: number) => `w${i % 97} Common w${i % 13}`
let demo: ReturnType<typeof spawnKfk> | undefined

/** The count every word ends at. */
function expectedCounts(): Map<string, number> {
  const counts = new Map<string, number>()
  for (let i = 0; i < LINES; i++) for (const w of line(i).toLowerCase().split(/\W+/)) if (w) counts.set(w, (counts.get(w) ?? 0) + 1)
  return counts
}

/** Every (word, count) update in the output topic, in order per word. */
async function outputUpdates(): Promise<Map<string, number[]>> {
  const r = await kfk(['consume', output, '--from-beginning', '--output', 'jsonl', '--exit-at-end'])
  // The demo creates the output topic as it starts.
  if (/does not exist/.test(r.stderr)) return new Map()
  assert.equal(r.code, 0, r.stderr)
  const updates = new Map<string, number[]>()
  for (const text of r.stdout.split('\n').filter(Boolean)) {
    const {key, value} = JSON.parse(text) as {key: string; value: string}
    updates.set(key, [...(updates.get(key) ?? []), Number(value)])
  }
  return updates
}

function startDemo(): void {
  demo = spawnKfk(['streams', 'demo', '--application-id', app, '--input-topic', input, '--output-topic', output])
}

async function stopDemo(): Promise<void> {
  demo!.child.kill('SIGINT')
  const stderr = Buffer.concat(demo!.stderr).toString()
  assert.equal(await demo!.exit, 130, stderr)
  // Its state changes are said; Kafka Streams' own log lines stay in its log file.
  assert.match(stderr, new RegExp(`^word count '${app}': RUNNING$`, 'm'))
  assert.doesNotMatch(stderr, /\b(WARN|INFO)\b/)
  demo = undefined
  await until('the application to leave its group', async () => {
    const r = await kfk(['groups', 'describe', app, '--state', '--json'])
    return (JSON.parse(r.stdout) as {groups: Array<{state: string}>}).groups[0]?.state === 'Empty' ? true : undefined
  })
}

/** Waits until the last update of every word is its final count; returns the updates. */
async function untilCounted(times: number): Promise<Map<string, number[]>> {
  const expected = expectedCounts()
  return until(
    `every word counted (run ${times})`,
    async () => {
      const updates = await outputUpdates()
      const done = [...expected].every(([w, n]) => updates.get(w)?.filter((c) => c === n).length === times)
      return done ? updates : undefined
    },
    180_000,
  )
}

type Described = {
  groups: Array<{
    type: string
    state: string
    members: Array<{memberId: string; processId: string; tasks: {active: Array<{subtopologyId: string; partitions: number[]}>}}>
    partitions?: Array<{topic: string; partition: number; currentOffset: number | null; lag: number | null}>
  }>
}

before(async () => {
  assert.equal((await kfk(['topics', 'create', input, '-p', '3'])).code, 0)
  const lines = Array.from({length: LINES}, (_, i) => line(i)).join('\n') + '\n'
  const produced = await kfk(['produce', input], {input: lines})
  assert.equal(produced.code, 0, produced.stderr)
  startDemo()
})

after(() => demo?.child.kill('SIGKILL'))

test('a running Streams application: counts, members and tasks as kafka-streams-groups shows them, lag 0; reset refused', async () => {
  const updates = await untilCounted(1)
  // One update per occurrence: the records went through exactly once.
  assert.equal(
    [...updates.values()].reduce((n, u) => n + u.length, 0),
    3 * LINES,
  )

  // Every kind of group side by side, as kafka-groups.sh --list shows them: a classic and a KIP-848 consumer group,
  // a share group and this streams group.
  const groups = {classic: `${app}-classic`, consumer: `${app}-consumer`, share: `${app}-share`, streams: app}
  for (const protocol of ['classic', 'consumer'] as const) {
    const r = await kfk(['consume', input, '--group', groups[protocol], '--group-protocol', protocol, '--from-beginning', '-n', '10'])
    assert.equal(r.code, 0, r.stderr)
  }
  const share = await kfk(['consume', input, '--share-group', groups.share, '-n', '1', '--timeout-ms', '3000'])
  assert.equal(share.code, 0, share.stderr)
  const list = await kfk(['groups', 'list', '--json'])
  const listed = new Map(
    (JSON.parse(list.stdout) as {groups: Array<{groupId: string; type: string; protocolType: string}>}).groups.map((g) => [g.groupId, g]),
  )
  const javaList = await javaTool('org.apache.kafka.tools.GroupsCommand', ['--bootstrap-server', testBootstrap(), '--list'])
  assert.equal(javaList.code, 0, javaList.stderr)
  const javaRows = new Map(
    javaList.stdout
      .split('\n')
      .map((l) => l.trim().split(/\s+/))
      .map(([id, type, protocol]) => [id, [type, protocol]]),
  )
  for (const [type, id] of Object.entries(groups)) {
    assert.equal(listed.get(id)?.type, type, id)
    // GROUP TYPE PROTOCOL: Classic/Consumer/Share/Streams, the protocol type (consumer for both consumer kinds).
    assert.deepEqual(javaRows.get(id), [type[0]!.toUpperCase() + type.slice(1), listed.get(id)!.protocolType], id)
  }

  const described = await until('the group to be stable with its offsets committed', async () => {
    const r = await kfk(['groups', 'describe', app, '--json'])
    const g = (JSON.parse(r.stdout) as Described).groups[0]!
    const inputs = g.partitions?.filter((p) => p.topic === input) ?? []
    return g.state === 'Stable' && inputs.length === 3 && inputs.every((p) => p.lag === 0) ? g : undefined
  })
  assert.equal(described.type, 'streams')
  // Subtopology 0 reads the input, 1 the repartition topic: 3 tasks each, all active on the one thread.
  const members = await kfk(['groups', 'describe', app, '--members', '--verbose'])
  assert.equal(members.code, 0, members.stderr)
  const [member] = (JSON.parse((await kfk(['groups', 'describe', app, '--members', '--json'])).stdout) as Described).groups[0]!.members
  assert.deepEqual(member!.tasks.active, [
    {subtopologyId: '0', partitions: [0, 1, 2]},
    {subtopologyId: '1', partitions: [0, 1, 2]},
  ])

  // kafka-streams-groups --describe --members --verbose on the same group: same member, process and tasks.
  const java = await javaTool('org.apache.kafka.tools.streams.StreamsGroupCommand', [
    '--bootstrap-server',
    testBootstrap(),
    '--describe',
    '--group',
    app,
    '--members',
    '--verbose',
  ])
  assert.equal(java.code, 0, java.stderr)
  const javaRow = java.stdout.split('\n').find((l) => l.startsWith(app))!
  assert.ok(javaRow.includes(member!.memberId) && javaRow.includes(member!.processId), javaRow)
  const javaTasks = javaRow.slice(javaRow.indexOf('ACTIVE:')).trim().replace(/;\s*$/, '')
  const kfkRow = members.stdout.split('\n').find((l) => l.startsWith(app))!
  assert.equal(kfkRow.slice(kfkRow.indexOf('ACTIVE:')).trim(), javaTasks)

  const refused = await kfk(['streams', 'reset', app, '--execute', '--yes'])
  assert.equal(refused.code, 1)
  assert.match(refused.stderr, /active member\(s\)/)
})

test('stopped and reset with kfk streams reset, the application reprocesses from the start with empty state', async () => {
  await stopDemo()
  const plan = await kfk(['streams', 'reset', app, '--json'])
  assert.equal(plan.code, 0, plan.stderr)
  const dry = JSON.parse(plan.stdout) as {
    dryRun: boolean
    inputTopics: string[]
    partitions: Array<{topic: string; newOffset: number}>
    internalTopics: Array<{topic: string}>
  }
  assert.equal(dry.dryRun, true)
  assert.deepEqual(dry.inputTopics, [input])
  assert.deepEqual(
    dry.partitions.map((p) => [p.topic, p.newOffset]),
    [0, 1, 2].map(() => [input, 0]),
  )
  const internal = dry.internalTopics.map((t) => t.topic)
  assert.equal(internal.length, 2)
  assert.ok(
    internal.every((t) => t.startsWith(`${app}-`) && /-(changelog|repartition)$/.test(t)),
    internal.join(),
  )

  // Only the application's own internal topics are ever deleted: naming its input is refused (usage, exit 2).
  const notInternal = await kfk(['streams', 'reset', app, '--internal-topics', input, '--execute', '--yes'])
  assert.equal(notInternal.code, 2, notInternal.stderr)
  assert.match(notInternal.stderr, new RegExp(`--internal-topics ${input}: not an internal topic`))

  const reset = await kfk(['streams', 'reset', app, '--execute', '--yes', '--json'])
  assert.equal(reset.code, 0, reset.stderr)
  const done = JSON.parse(reset.stdout) as {executed: boolean; internalTopics: Array<{topic: string; deleted: boolean}>}
  assert.equal(done.executed, true)
  assert.ok(done.internalTopics.every((t) => t.deleted))
  const topics = (await kfk(['topics', 'list'])).stdout.split('\n')
  for (const t of internal) assert.ok(!topics.includes(t), `${t} still exists`)
  const offsets = (JSON.parse((await kfk(['groups', 'describe', app, '--json'])).stdout) as Described).groups[0]!.partitions!
  assert.deepEqual(
    offsets.filter((p) => p.topic === input).map((p) => [p.partition, p.currentOffset]),
    [
      [0, 0],
      [1, 0],
      [2, 0],
    ],
  )

  startDemo()
  // Each word's final count comes out twice (once per run): counted again from zero, not on top.
  const updates = await untilCounted(2)
  const expected = expectedCounts()
  for (const [w, u] of updates) assert.ok(Math.max(...u) === expected.get(w), `${w}: ${Math.max(...u)} != ${expected.get(w)}`)
  await stopDemo()

  // kafka-streams-groups --delete-offsets and --delete: the input's offsets go, then the group.
  const deleteOffsets = await kfk(['groups', 'delete-offsets', app, '--topic', input, '--yes'])
  assert.equal(deleteOffsets.code, 0, deleteOffsets.stderr)
  const left = (JSON.parse((await kfk(['groups', 'describe', app, '--json'])).stdout) as Described).groups[0]!.partitions!
  assert.deepEqual(
    left.filter((p) => p.topic === input),
    [],
  )
  const deleted = await kfk(['groups', 'delete', app, '--yes'])
  assert.equal(deleted.code, 0, deleted.stderr)
  const list = JSON.parse((await kfk(['groups', 'list', '--json'])).stdout) as {groups: Array<{groupId: string}>}
  assert.ok(!list.groups.some((g) => g.groupId === app))
})
