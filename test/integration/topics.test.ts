/**
 * kfk topics list/describe/create/delete/alter against the real test cluster,
 * checked the way a user checks: partition counts, leaders, ISR, config values,
 * and the same facts from Apache Kafka's own TopicCommand.
 */
import assert from 'node:assert/strict'
import {after, test} from 'node:test'
import {kfk, testBootstrap, uniqueName} from '../helpers/cli.js'
import {javaTool} from '../helpers/java-tools.js'

const created: string[] = []
after(async () => {
  if (created.length > 0) await kfk(['topics', 'delete', ...created, '--if-exists', '--yes'])
})

function name(prefix: string): string {
  const n = uniqueName(prefix)
  created.push(n)
  return n
}

async function describeJson(topic: string) {
  const r = await kfk(['topics', 'describe', topic, '--json'])
  assert.equal(r.code, 0, r.stderr)
  return JSON.parse(r.stdout).topics[0] as {
    name: string
    topicId: string
    partitions: number
    replicationFactor: number
    configs: Record<string, string>
    partitionDetails: Array<{
      partition: number
      leader: number | null
      replicas: number[]
      isr: number[]
      offlineReplicas: number[]
      elr: number[] | null
      lastKnownElr: number[] | null
    }>
  }
}

/** Parses TopicCommand --describe: the topic line and one line per partition. */
function parseTopicCommand(text: string) {
  const head = /Topic: (\S+)\s+TopicId: (\S+)\s+PartitionCount: (\d+)\s+ReplicationFactor: (\d+)\s+Configs: ?(.*)/.exec(text)
  assert.ok(head, `unexpected TopicCommand output:\n${text}`)
  const ids = (list: string | undefined) => (list ?? '').split(',').filter(Boolean).map(Number)
  const partitions = [
    ...text.matchAll(
      /Partition: (\d+)\s+Leader: (-?\d+|none)\s+Replicas: ([\d,]*)\s+Isr: ([\d,]*)(?:\s+Elr: ([\d,]*)\s+LastKnownElr: ([\d,]*))?/g,
    ),
  ].map((m) => ({
    partition: Number(m[1]),
    leader: m[2] === 'none' || m[2] === '-1' ? null : Number(m[2]),
    replicas: ids(m[3]),
    isr: ids(m[4]),
    elr: ids(m[5]),
    lastKnownElr: ids(m[6]),
  }))
  const configsText = head[5]
  assert.ok(configsText !== undefined, `no Configs in ${head[0]}`)
  const configs = Object.fromEntries(
    configsText
      .split(',')
      .filter(Boolean)
      .map((kv) => kv.split('=') as [string, string]),
  )
  return {topicId: head[2], partitions: Number(head[3]), replicationFactor: Number(head[4]), configs, partitionDetails: partitions}
}

test('create with partitions, replication factor and config; describe agrees with TopicCommand', async () => {
  const topic = name('kfk-create')
  const r = await kfk([
    'topics',
    'create',
    topic,
    '--partitions',
    '3',
    '--replication-factor',
    '3',
    '--config',
    'retention.ms=3600000',
    '--config',
    'cleanup.policy=compact',
  ])
  assert.equal(r.code, 0, r.stderr)
  assert.match(r.stdout, new RegExp(`created ${topic} \\(3 partitions, replication 3\\)`))
  const d = await describeJson(topic)
  assert.equal(d.partitions, 3)
  assert.equal(d.replicationFactor, 3)
  assert.equal(d.configs['retention.ms'], '3600000')
  assert.equal(d.configs['cleanup.policy'], 'compact')
  for (const p of d.partitionDetails) {
    assert.equal(p.replicas.length, 3)
    assert.ok(p.leader !== null && p.replicas.includes(p.leader), `leader ${p.leader} not among replicas`)
    assert.deepEqual([...p.isr].sort(), [...p.replicas].sort())
  }
  const java = await javaTool('org.apache.kafka.tools.TopicCommand', [
    '--bootstrap-server',
    testBootstrap(),
    '--describe',
    '--topic',
    topic,
  ])
  assert.equal(java.code, 0, java.stderr)
  const j = parseTopicCommand(java.stdout)
  assert.equal(d.topicId, j.topicId)
  assert.equal(d.partitions, j.partitions)
  assert.equal(d.replicationFactor, j.replicationFactor)
  assert.deepEqual(d.configs, j.configs)
  assert.deepEqual(
    d.partitionDetails.map(({partition, leader, replicas, isr, elr, lastKnownElr}) => ({
      partition,
      leader,
      replicas,
      isr,
      elr: elr ?? [],
      lastKnownElr: lastKnownElr ?? [],
    })),
    j.partitionDetails,
  )
  assert.ok(
    d.partitionDetails.every((p) => Array.isArray(p.elr)),
    'Kafka 4 reports eligible leader replicas (DescribeTopicPartitions)',
  )
})

test('--topic spelling, broker defaults, --if-not-exists, list and --pattern', async () => {
  const topic = name('kfk-flags')
  const r = await kfk(['topics', 'create', '--topic', topic])
  assert.equal(r.code, 0, r.stderr)
  const d = await describeJson(topic)
  assert.ok(d.partitions >= 1 && d.replicationFactor >= 1)
  const again = await kfk(['topics', 'create', '--topic', topic, '--if-not-exists'])
  assert.equal(again.code, 0, again.stderr)
  assert.match(again.stdout, /exists/)
  const dup = await kfk(['topics', 'create', topic])
  assert.equal(dup.code, 1)
  assert.match(dup.stderr, new RegExp(`'${topic}' already exists`))
  const list = await kfk(['topics', 'list', '--pattern', `${topic}.*`])
  assert.equal(list.code, 0, list.stderr)
  assert.deepEqual(list.stdout.trim().split('\n'), [topic])
  const all = await kfk(['topics', 'list', '--json'])
  const names = JSON.parse(all.stdout).topics.map((t: {name: string}) => t.name)
  assert.ok(names.includes(topic))
  assert.ok(
    names.every((n: string) => !n.startsWith('__')),
    'internal topics are hidden by default',
  )
  const java = await javaTool('org.apache.kafka.tools.TopicCommand', [
    '--bootstrap-server',
    testBootstrap(),
    '--list',
    '--exclude-internal',
  ])
  assert.ok(java.stdout.split('\n').includes(topic))
})

test('batch create reports one line per topic and exits 1 naming what succeeded', async () => {
  const existing = name('kfk-batch-a')
  const fresh = name('kfk-batch-b')
  assert.equal((await kfk(['topics', 'create', existing, '-p', '1'])).code, 0)
  const r = await kfk(['topics', 'create', existing, fresh, '-p', '2'])
  assert.equal(r.code, 1)
  assert.match(r.stdout, new RegExp(`failed ${existing}: `))
  assert.match(r.stdout, new RegExp(`created ${fresh} \\(2 partitions`))
  assert.match(r.stderr, new RegExp(`1 of 2 topics failed: ${existing} \\(.*\\); succeeded: ${fresh}$`, 'm'))
  // A lone item that fails is said once, on stderr, with its name.
  const lone = await kfk(['topics', 'create', existing])
  assert.equal(lone.code, 1)
  assert.equal(lone.stdout, '')
  assert.equal(lone.stderr.match(new RegExp(existing, 'g'))?.length, 1, lone.stderr)
  assert.equal((await describeJson(fresh)).partitions, 2)
})

test('min.insync.replicas above the replication factor: created, with a warning that brokers use the replication factor', async () => {
  const topic = name('kfk-minisr')
  const r = await kfk(['topics', 'create', topic, '-p', '1', '-r', '1', '--config', 'min.insync.replicas=2'])
  assert.equal(r.code, 0, r.stderr)
  assert.match(r.stderr, new RegExp(`^warning: ${topic}: min.insync.replicas 2 is above its replication factor 1; brokers use 1`, 'm'))
  // ... as the broker does: an acks=all write to it is acknowledged.
  const p = await kfk(['produce', topic], {input: 'x\n'})
  assert.equal(p.code, 0, p.stderr)
})

test('a name given twice is created once, reported once, with no retry warning', async () => {
  const twice = name('kfk-twice')
  const r = await kfk(['topics', 'create', twice, twice, '--topic', twice, '-p', '1'])
  assert.equal(r.code, 0, r.stderr)
  assert.equal(r.stdout, `created ${twice} (1 partition, replication 1)\n`)
  assert.equal(r.stderr, '')
})

test('bad input: one line naming the value, exit 2, nothing created', async () => {
  const topic = uniqueName('kfk-bad')
  const cases: Array<[string[], RegExp]> = [
    [['topics', 'create', topic, '--partitions', '0'], /--partitions 0/],
    [['topics', 'create', topic, '--replication-factor', '99'], /--replication-factor 99 is larger than the number of brokers \(3\)/],
    [['topics', 'create', 'bad name!'], /topic name 'bad name!' contains ' '/],
    [['topics', 'create', '..'], /'\.\.' is not allowed/],
    [['topics', 'create', 'x'.repeat(250)], /250 characters long/],
    [['topics', 'create', topic, '--config', 'retention.mss=1'], /unknown topic config 'retention.mss'/],
    [['topics', 'create', topic, '--config', 'retention.ms=soon'], /retention.ms=soon: 'soon' is not a whole number/],
    [['topics', 'create', topic, '--config', 'cleanup.policy=shred'], /'shred' is not one of delete, compact/],
    [['topics', 'create', topic, '--replica-assignment', '1:2,3'], /partition 1 has 1 replicas, partition 0 has 2/],
    [['topics', 'create', topic, '--replica-assignment', '1:42'], /names broker 42, which is not in the cluster/],
    [['topics', 'create'], /no topic name given/],
    [['topics', 'create', '--json'], /no topic name given/],
  ]
  for (const [args, message] of cases) {
    const r = await kfk(args)
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`)
    assert.match(r.stderr, message)
    assert.equal(r.stdout, '')
  }
  const d = await kfk(['topics', 'describe', topic])
  assert.equal(d.code, 1)
  assert.match(d.stderr, new RegExp(`topic '${topic}' does not exist`))
})

// Only one parse reads the arguments, with stdin ignored: a second one in the command took piped
// stdin as the missing name, so `... | kfk topics delete --yes` deleted the topic the pipe named.
test('piped stdin is never taken as a topic name', async () => {
  const topic = name('kfk-stdin')
  assert.equal((await kfk(['topics', 'create', topic, '-p', '1', '-r', '1'])).code, 0)
  for (const args of [
    ['topics', 'delete', '--yes'],
    ['topics', 'create', '-p', '1'],
  ]) {
    const r = await kfk(args, {input: `${topic}\n`})
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`)
    assert.match(r.stderr, /no topic name given/)
  }
  assert.equal((await describeJson(topic)).name, topic)
})

test('replica assignment and validate-only', async () => {
  const topic = name('kfk-assign')
  const r = await kfk(['topics', 'create', topic, '--replica-assignment', '1:2,2:3,3:1'])
  assert.equal(r.code, 0, r.stderr)
  const d = await describeJson(topic)
  assert.deepEqual(
    d.partitionDetails.map((p) => p.replicas),
    [
      [1, 2],
      [2, 3],
      [3, 1],
    ],
  )
  const dry = uniqueName('kfk-dry')
  const v = await kfk(['topics', 'create', dry, '-p', '2', '--validate-only'])
  assert.equal(v.code, 0, v.stderr)
  assert.match(v.stdout, /valid/)
  assert.equal((await kfk(['topics', 'describe', dry])).code, 1)
})

test('alter: grow partitions, refuse shrinking, incremental config changes keep other overrides', async () => {
  const topic = name('kfk-alter')
  assert.equal(
    (await kfk(['topics', 'create', topic, '-p', '2', '--config', 'retention.ms=3600000', '--config', 'max.message.bytes=200000'])).code,
    0,
  )
  const grow = await kfk(['topics', 'alter', topic, '--partitions', '5'])
  assert.equal(grow.code, 0, grow.stderr)
  assert.equal((await describeJson(topic)).partitions, 5)
  const shrink = await kfk(['topics', 'alter', topic, '--partitions', '3'])
  assert.equal(shrink.code, 2)
  assert.match(shrink.stderr, /has 5 partitions and Kafka cannot remove partitions/)
  const conf = await kfk(['topics', 'alter', '--topic', topic, '--config', 'retention.ms=7200000', '--delete-config', 'max.message.bytes'])
  assert.equal(conf.code, 0, conf.stderr)
  const add = await kfk(['topics', 'alter', topic, '--config', 'cleanup.policy=compact'])
  assert.equal(add.code, 0, add.stderr)
  const d = await describeJson(topic)
  assert.equal(d.configs['retention.ms'], '7200000', 'set by the first change and kept by the second')
  assert.equal(d.configs['cleanup.policy'], 'compact')
  assert.equal(d.configs['max.message.bytes'], undefined)
  const missing = await kfk(['topics', 'alter', uniqueName('kfk-none'), '--partitions', '3'])
  assert.equal(missing.code, 1)
  assert.match(missing.stderr, /does not exist/)
})

test('delete: --yes needed without a terminal, missing topics, --if-exists, internal topics refused', async () => {
  const topic = name('kfk-del')
  assert.equal((await kfk(['topics', 'create', topic])).code, 0)
  const noYes = await kfk(['topics', 'delete', topic])
  assert.equal(noYes.code, 2)
  assert.match(noYes.stderr, /without --yes/)
  const ghost = uniqueName('kfk-ghost')
  const mixed = await kfk(['topics', 'delete', topic, ghost, '--yes'])
  assert.equal(mixed.code, 1)
  assert.match(mixed.stdout, new RegExp(`deleted ${topic}`))
  assert.match(mixed.stdout, new RegExp(`failed ${ghost}: topic '${ghost}' does not exist`))
  assert.match(mixed.stderr, new RegExp(`succeeded: ${topic}`))
  const ifExists = await kfk(['topics', 'delete', ghost, '--if-exists', '--yes'])
  assert.equal(ifExists.code, 0, ifExists.stderr)
  const gone = await kfk(['topics', 'list', '--pattern', topic])
  assert.equal(gone.stdout.trim(), '')
  const internal = await kfk(['topics', 'list', '--include-internal', '--json'])
  const internalTopic = JSON.parse(internal.stdout).topics.find((t: {internal: boolean}) => t.internal)
  if (internalTopic) {
    const refused = await kfk(['topics', 'delete', internalTopic.name, '--yes'])
    assert.equal(refused.code, 1)
    assert.match(refused.stderr, /internal topic/)
  }
})

test('describe --topics-with-overrides and --under-replicated-partitions on a healthy topic', async () => {
  const topic = name('kfk-over')
  assert.equal((await kfk(['topics', 'create', topic, '-p', '2', '-r', '3', '--config', 'retention.ms=60000'])).code, 0)
  const over = await kfk(['topics', 'describe', topic, '--topics-with-overrides', '--json'])
  assert.equal(JSON.parse(over.stdout).topics[0].configs['retention.ms'], '60000')
  const under = await kfk(['topics', 'describe', topic, '--under-replicated-partitions', '--json'])
  assert.equal(under.code, 0, under.stderr)
  assert.deepEqual(JSON.parse(under.stdout).topics, [])
})

test("'.' and '_' : a warning, and a clash with an existing topic fails naming both", async () => {
  const base = uniqueName('kfk-dot').replaceAll('-', '_')
  created.push(base)
  const first = await kfk(['topics', 'create', base])
  assert.equal(first.code, 0, first.stderr)
  assert.match(first.stderr, /warning: topic '.*' contains '\.' or '_'/)
  const dotted = base.replaceAll('_', '.')
  const clash = await kfk(['topics', 'create', dotted])
  assert.equal(clash.code, 1)
  assert.match(clash.stderr, new RegExp(`topic '${dotted.replaceAll('.', '\\.')}' collides with existing topic '${base}'`))
  assert.equal((await kfk(['topics', 'describe', dotted])).code, 1, 'nothing was created')
})

test('on a terminal, create with no name asks for name, partitions, replication (up to the broker count) and configs', async () => {
  const {onTty} = await import('../helpers/tty.js')
  const topic = name('kfk-asked')
  const down = '\u001B[B'
  const r = await onTty(['topics', 'create'], {
    steps: [
      {waitFor: 'Topic name', send: `${topic}\r`},
      {waitFor: 'Partitions', send: '3\r'},
      {waitFor: 'Replication factor (3 brokers)', send: '\r'}, // defaults to min(3, brokers)
      {waitFor: 'cleanup.policy', send: `${down}\r`}, // compact
      {waitFor: 'retention.ms', send: `${down}\r`}, // 1 hour
    ],
  })
  assert.equal(r.code, 0, r.out)
  assert.match(r.out, new RegExp(`created ${topic} \\(3 partitions, replication 3\\)`))
  const d = await describeJson(topic)
  assert.equal(d.partitions, 3)
  assert.equal(d.replicationFactor, 3)
  assert.equal(d.configs['cleanup.policy'], 'compact')
  assert.equal(d.configs['retention.ms'], '3600000')
})

test('--topic takes a regular expression as kafka-topics does: describe, list and delete every match', async () => {
  const prefix = uniqueName('rx')
  assert.equal((await kfk(['topics', 'create', `${prefix}-a`, `${prefix}-b`, '-p', '1'])).code, 0)
  const described = await kfk(['topics', 'describe', '--topic', `${prefix}-.*`, '--json'])
  assert.equal(described.code, 0, described.stderr)
  assert.deepEqual(
    (JSON.parse(described.stdout) as {topics: Array<{name: string}>}).topics.map((t) => t.name),
    [`${prefix}-a`, `${prefix}-b`],
  )
  const java = await javaTool('org.apache.kafka.tools.TopicCommand', [
    '--bootstrap-server',
    testBootstrap(),
    '--list',
    '--topic',
    `${prefix}-.*`,
  ])
  const listed = await kfk(['topics', 'list', '--topic', `${prefix}-.*`])
  assert.equal(listed.stdout, java.stdout)
  const none = await kfk(['topics', 'describe', '--topic', `${prefix}-z.*`])
  assert.equal(none.code, 1)
  assert.match(none.stderr, /topic '.*-z\.\*' does not exist/)
  const deleted = await kfk(['topics', 'delete', '--topic', `${prefix}-[ab]`, '--yes'])
  assert.equal(deleted.code, 0, deleted.stderr)
  assert.equal((await kfk(['topics', 'list', '--topic', `${prefix}-.*`])).stdout, '')
})

test("the controller's own reason is kept: a policy refusal says what the policy refused", async () => {
  const r = await kfk(['topics', 'create', uniqueName('huge'), '-p', '100000'])
  assert.equal(r.code, 1)
  assert.match(r.stderr, /POLICY_VIOLATION.*Excessively large number of partitions per request/)
})

test('Ctrl-C at a prompt ends with 130 and no error line: the confirmation of delete, the questions of create', async () => {
  const {onTty} = await import('../helpers/tty.js')
  const topic = name('kfk-ctrl-c')
  assert.equal((await kfk(['topics', 'create', topic, '-p', '1'])).code, 0)
  const del = await onTty(['topics', 'delete', topic], {steps: [{waitFor: '[y/N]', send: '\u0003'}], stopAfterMs: 20_000})
  assert.equal(del.code, 130, del.out)
  assert.doesNotMatch(del.out, /error/)
  assert.equal((await describeJson(topic)).name, topic, 'the topic is still there')
  const create = await onTty(['topics', 'create'], {steps: [{waitFor: 'Topic name', send: '\u0003'}], stopAfterMs: 20_000})
  assert.equal(create.code, 130, create.out)
  assert.doesNotMatch(create.out, /error/)
})
