/**
 * Replication facts under failure, on a cluster of its own (nodes are stopped,
 * so it cannot share the suite's cluster): stop a node with `kfk cluster
 * stop-node`, `topics describe --under-replicated-partitions` shows exactly the
 * partitions that node replicated (as TopicCommand does); start it again and
 * they are gone.
 */
import assert from 'node:assert/strict'
import {test} from 'node:test'
import {kfk} from '../helpers/cli.js'
import {ownCluster} from '../helpers/own-cluster.js'
import {javaTool} from '../helpers/java-tools.js'
import {until} from '../helpers/until.js'

const NAME = 'kfk-failover'
const PORT = '19392'
const cluster = ownCluster(NAME, PORT)
const {local, onCluster} = cluster

interface Partition {
  partition: number
  leader: number | null
  replicas: number[]
  isr: number[]
  elr: number[] | null
  lastKnownElr: number[] | null
}

async function underReplicated(): Promise<Map<string, Partition[]>> {
  const r = await onCluster(['topics', 'describe', '--under-replicated-partitions', '--json'])
  assert.equal(r.code, 0, r.stderr)
  return new Map(JSON.parse(r.stdout).topics.map((t: {name: string; partitionDetails: Partition[]}) => [t.name, t.partitionDetails]))
}

test('a stopped node shows as under-replicated partitions, and they heal when it starts', async () => {
  const topic = 'failover-orders'
  const single = 'failover-single'
  assert.equal((await onCluster(['topics', 'create', topic, '-p', '3', '-r', '3'])).code, 0)
  assert.equal((await onCluster(['topics', 'create', single, '--replica-assignment', '2,3,1'])).code, 0)
  // A group's commit creates __consumer_offsets (replication 3 here): health filters include internal topics, as Java's do.
  const group = await onCluster(['consume', topic, '--group', 'failover-group', '-e'])
  assert.equal(group.code, 0, group.stderr)
  assert.equal((await underReplicated()).size, 0, 'a healthy cluster has no under-replicated partitions')

  const stop = await local(['cluster', 'stop-node', '2', '--name', NAME])
  assert.equal(stop.code, 0, stop.stderr)
  const under = await until(
    'node 2 to leave the ISR',
    async () => {
      const u = await underReplicated()
      return u.get(topic)?.length === 3 ? u : undefined
    },
    90_000,
    {intervalMs: 1000},
  )
  for (const p of under.get(topic)!) {
    assert.ok(!p.isr.includes(2), `partition ${p.partition} still lists 2 in ISR`)
    assert.deepEqual([...p.isr].sort(), [1, 3])
    assert.ok(p.leader === 1 || p.leader === 3)
  }

  const unavailable = await onCluster(['topics', 'describe', single, '--unavailable-partitions', '--json'])
  assert.deepEqual(
    JSON.parse(unavailable.stdout).topics[0].partitionDetails.map((p: Partition) => [p.partition, p.leader]),
    [[0, null]],
  )
  const table = await onCluster(['topics', 'describe', '--under-replicated-partitions'])
  assert.match(table.stdout, new RegExp(`^${topic}\\b`, 'm'))

  const java = await javaTool('org.apache.kafka.tools.TopicCommand', [
    '--bootstrap-server',
    cluster.bootstrap(),
    '--describe',
    '--under-replicated-partitions',
  ])
  // The same partitions, leaders and ISR as TopicCommand reports (a leaderless single replica counts too: its ISR is empty).
  const ids = (list: string | undefined) => (list ?? '').split(',').filter(Boolean).map(Number).sort()
  const javaPartitions = [
    ...java.stdout.matchAll(
      /Topic: (\S+)\s+Partition: (\d+)\s+Leader: (\S+)\s+Replicas: ([\d,]+)\s+Isr: ([\d,]*)(?:\s+Elr: ([\d,]*)\s+LastKnownElr: ([\d,]*))?/g,
    ),
  ].map((m) => {
    const topic = m[1]
    assert.ok(topic !== undefined, `no topic in ${m[0]}`)
    return {
      topic,
      partition: Number(m[2]),
      leader: m[3] === 'none' || m[3] === '-1' ? null : Number(m[3]),
      isr: ids(m[5]),
      elr: ids(m[6]),
      lastKnownElr: ids(m[7]),
    }
  })
  const ours = [...under].flatMap(([t, parts]) =>
    parts.map((p) => ({
      topic: t,
      partition: p.partition,
      leader: p.leader,
      isr: [...p.isr].sort(),
      elr: [...(p.elr ?? [])].sort(),
      lastKnownElr: [...(p.lastKnownElr ?? [])].sort(),
    })),
  )
  const order = (a: {topic: string; partition: number}, b: {topic: string; partition: number}) =>
    a.topic.localeCompare(b.topic) || a.partition - b.partition
  assert.deepEqual(javaPartitions.sort(order), ours.sort(order))
  assert.ok(under.has('__consumer_offsets'), `internal topics are listed: ${[...under.keys()]}`)
  const excluded = await onCluster(['topics', 'describe', '--under-replicated-partitions', '--exclude-internal', '--json'])
  assert.deepEqual(
    JSON.parse(excluded.stdout)
      .topics.map((t: {name: string}) => t.name)
      .sort(),
    [...under.keys()].filter((t) => !t.startsWith('__')).sort(),
    '--exclude-internal removes them',
  )
  assert.deepEqual(
    under.get(single)?.map((p) => [p.partition, p.leader, p.isr]),
    [[0, null, []]],
    'the leaderless single replica has an empty ISR',
  )

  const start = await local(['cluster', 'start-node', '2', '--name', NAME])
  assert.equal(start.code, 0, start.stderr)
  await until('the ISR to heal', async () => ((await underReplicated()).size === 0 ? true : undefined), 90_000, {intervalMs: 1000})
  const unavailableNow = JSON.parse((await onCluster(['topics', 'describe', '--unavailable-partitions', '--json'])).stdout).topics
  assert.deepEqual(unavailableNow, [])
  const healed = await onCluster(['topics', 'describe', topic, '--json'])
  for (const p of JSON.parse(healed.stdout).topics[0].partitionDetails as Partition[]) assert.deepEqual([...p.isr].sort(), [1, 2, 3])
})

test('partitions elect-leaders moves leadership back to the preferred replicas that stopping node 2 moved', async () => {
  // The node stopped and started in the test above: its partitions are led by the others now.
  // (Kafka's own auto rebalance would move them back only at its first check, 5 minutes after start.)
  const topic = 'failover-orders'
  const describe = async () => {
    const r = await onCluster(['topics', 'describe', topic, '--json'])
    assert.equal(r.code, 0, r.stderr)
    return JSON.parse(r.stdout).topics[0].partitionDetails as Partition[]
  }
  const moved = (await describe()).filter((p) => p.leader !== p.replicas[0]).map((p) => p.partition)
  assert.ok(moved.length > 0, 'a partition whose preferred leader is node 2 is led by another node')

  const elect = await onCluster(['partitions', 'elect-leaders', '--topic', topic, '--json'])
  assert.equal(elect.code, 0, elect.stderr)
  const outcomes = JSON.parse(elect.stdout).partitions as Array<{partition: number; outcome: string}>
  assert.deepEqual(
    outcomes.map((o) => [o.partition, o.outcome]),
    [0, 1, 2].map((p) => [p, moved.includes(p) ? 'elected' : 'already-leader']),
  )
  for (const p of await describe()) assert.equal(p.leader, p.replicas[0], `partition ${p.partition} is led by its preferred replica`)

  // kafka-leader-election on the same partitions agrees there is nothing left to do; so does kfk, for all partitions.
  const java = await javaTool('org.apache.kafka.tools.LeaderElectionCommand', [
    '--bootstrap-server',
    cluster.bootstrap(),
    '--election-type',
    'PREFERRED',
    '--topic',
    topic,
    '--partition',
    String(moved[0]),
  ])
  assert.equal(java.code, 0, java.stderr)
  assert.match(java.stdout, new RegExp(`Valid replica already elected for partitions ${topic}-${moved[0]}`))
  // __consumer_offsets (made by the first test's group) had leaders on node 2 as well: the first run elects those.
  const all = await onCluster(['partitions', 'elect-leaders', '--all-topic-partitions', '--json'])
  assert.equal(all.code, 0, all.stderr)
  const elected = (JSON.parse(all.stdout).partitions as Array<{topic: string; outcome: string}>).filter((p) => p.outcome === 'elected')
  assert.ok(
    elected.every((p) => p.topic === '__consumer_offsets'),
    `only the internal topic's partitions were left: ${elected.map((p) => p.topic)}`,
  )
  const again = await onCluster(['partitions', 'elect-leaders', '--all-topic-partitions'])
  assert.equal(again.code, 0, again.stderr)
  assert.equal(again.stdout, '')
  assert.match(again.stderr, /no partition needed an election/)
})

test('partitions elect-leaders: an unclean election without a terminal needs --yes; bad targets are named', async () => {
  const unclean = await onCluster(['partitions', 'elect-leaders', '--election-type', 'unclean', '--topic', 'failover-orders'])
  assert.equal(unclean.code, 2, unclean.stderr)
  assert.match(unclean.stderr, /refusing to run an unclean election .*without --yes/)
  for (const [args, code, message] of [
    [['--topic', 'failover-orders:7'], 1, /partition 7 does not exist: topic 'failover-orders' has 3 partitions/],
    [['--topic', 'no-such-topic'], 1, /topic 'no-such-topic' does not exist/],
    [['--partition', '1'], 2, /--topic/],
    [['--topic', 'a', '--topic', 'b', '--partition', '1'], 2, /--partition goes with exactly one --topic/],
    [[], 2, /no partitions named/],
  ] as const) {
    const r = await onCluster(['partitions', 'elect-leaders', ...args])
    assert.equal(r.code, code, `${args.join(' ')}: ${r.stderr}`)
    assert.match(r.stderr, message)
  }
})

test('export from the suite cluster, apply to this one: both describe the same; --delete-missing', async () => {
  const {testBootstrap, uniqueName} = await import('../helpers/cli.js')
  const topic = uniqueName('kfk-xcluster')
  const source = (args: string[]) => kfk(args, {env: {KAFKA_BOOTSTRAP_SERVERS: testBootstrap()}})
  assert.equal(
    (
      await source([
        'topics',
        'create',
        topic,
        '-p',
        '4',
        '-r',
        '2',
        '--config',
        'retention.ms=7200000',
        '--config',
        'cleanup.policy=compact',
      ])
    ).code,
    0,
  )
  try {
    const exported = await source(['topics', 'export', topic])
    assert.equal(exported.code, 0, exported.stderr)
    const applied = await kfk(['apply', '-f', '-', '--yes'], {input: exported.stdout, env: {KAFKA_BOOTSTRAP_SERVERS: cluster.bootstrap()}})
    assert.equal(applied.code, 0, applied.stderr)
    const facts = async (run: typeof source) => {
      const d = JSON.parse((await run(['topics', 'describe', topic, '--json'])).stdout).topics[0]
      const c = JSON.parse((await run(['configs', 'describe', '--entity-type', 'topics', '--entity-name', topic, '--json'])).stdout)
        .entities[0].configs
      return {
        partitions: d.partitions,
        replicationFactor: d.replicationFactor,
        overrides: c.map((e: {name: string; value: string}) => `${e.name}=${e.value}`),
      }
    }
    const there = await facts(onCluster)
    assert.deepEqual(there, await facts(source))
    assert.deepEqual(there, {partitions: 4, replicationFactor: 2, overrides: ['cleanup.policy=compact', 'retention.ms=7200000']})

    // This cluster also has the failover topics; a file naming only `topic` deletes them with --delete-missing.
    const noYes = await kfk(['apply', '-f', '-', '--delete-missing'], {
      input: exported.stdout,
      env: {KAFKA_BOOTSTRAP_SERVERS: cluster.bootstrap()},
    })
    assert.equal(noYes.code, 2)
    assert.match(noYes.stdout, /- delete failover-orders/)
    assert.match(noYes.stderr, /without --yes/)
    const del = await kfk(['apply', '-f', '-', '--delete-missing', '--yes'], {
      input: exported.stdout,
      env: {KAFKA_BOOTSTRAP_SERVERS: cluster.bootstrap()},
    })
    assert.equal(del.code, 0, del.stderr)
    const left = await onCluster(['topics', 'list'])
    assert.deepEqual(left.stdout.trim().split('\n'), [topic])
  } finally {
    await source(['topics', 'delete', topic, '--yes', '--if-exists'])
  }
})
