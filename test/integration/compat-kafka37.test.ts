/**
 * The compatibility run's older end: kfk's core scenarios on Kafka 3.7 (the
 * oldest release kfk supports; 3.x still runs most production clusters), on
 * a one-node 3.7.2 cluster of its own. Topics, configs, produce and consume,
 * offsets, groups describe and reset; the default group protocol falls back to
 * classic, every record is read once and the group ends with lag 0; asking for
 * the KIP-848 protocol there is one clear line, exit 1. (`node
 * scripts/run-tests.mjs --kafka-version V` runs the whole suite on release V.)
 */
import assert from 'node:assert/strict'
import {test} from 'node:test'
import {ROOT, uniqueName} from '../helpers/cli.js'
import {ownCluster} from '../helpers/own-cluster.js'
import {keyedLines} from '../helpers/produce-check.js'
import {runProcess} from '../helpers/process.js'

const cluster = ownCluster('kfk-kafka37', '20892', {brokers: 1, kafkaVersion: '3.7.2'})
const N = 60_000

test('Kafka 3.7: a group consume with the default protocol (classic there) reads every record once, lag 0; --group-protocol consumer is refused in one line', async () => {
  const t = uniqueName('kafka37')
  assert.equal((await cluster.onCluster(['topics', 'create', t, '-p', '3', '-r', '1'])).code, 0)
  const produced = await runProcess(process.execPath, [`${ROOT}/bin/run.js`, 'produce', t, '--key-separator', ':'], {
    input: keyedLines(N),
    env: {...process.env, KAFKA_BOOTSTRAP_SERVERS: cluster.bootstrap()},
  })
  assert.equal(produced.code, 0, produced.stderr)
  const group = uniqueName('kafka37-group')
  const r = await cluster.onCluster(['consume', t, '--group', group, '--from-beginning', '-e', '--format', '%p %v\\n'])
  assert.equal(r.code, 0, r.stderr)
  const lines = r.stdout.trim().split('\n')
  assert.equal(lines.length, N)
  assert.equal(new Set(lines.map((l) => l.split(' ')[1])).size, N, 'every record once')
  const described = JSON.parse((await cluster.onCluster(['groups', 'describe', group, '--json'])).stdout).groups[0]
  assert.equal(described.type, 'classic')
  assert.equal(described.totalLag, 0)

  const modern = await cluster.onCluster([
    'consume',
    t,
    '--group',
    uniqueName('kafka37-kip848'),
    '--group-protocol',
    'consumer',
    '--from-beginning',
    '-e',
  ])
  assert.equal(modern.code, 1)
  assert.equal(modern.stdout, '')
  assert.match(
    modern.stderr,
    /^error: group ".*": the brokers do not run the consumer group protocol \(KIP-848, on by default from Kafka 4\.0\)\n/,
  )

  // Share and streams groups: one line naming the Kafka they need.
  const share = await cluster.onCluster(['consume', t, '--share-group', uniqueName('kafka37-share'), '-n', '1'])
  assert.equal(share.code, 1)
  assert.equal(share.stdout, '')
  assert.match(share.stderr, /^error: .*share groups.*Kafka 4\.1\+/)
  const streams = await cluster.onCluster(['streams', 'demo', '--application-id', uniqueName('kafka37-streams')])
  assert.equal(streams.code, 1)
  assert.match(streams.stderr, /^error: this cluster has no streams groups: they need Kafka 4\.2\+/)
})

test('Kafka 3.7: topics, configs, offsets, consume --count and groups reset-offsets give the facts the log holds', async () => {
  const t = uniqueName('kafka37-core')
  const created = await cluster.onCluster(['topics', 'create', t, '-p', '2', '--config', 'retention.ms=3600000'])
  assert.equal(created.code, 0, created.stderr)
  const listed = JSON.parse((await cluster.onCluster(['topics', 'list', '--json'])).stdout) as {
    topics: Array<{name: string; partitions: number}>
  }
  assert.equal(listed.topics.find((x) => x.name === t)?.partitions, 2)
  const described = JSON.parse((await cluster.onCluster(['topics', 'describe', t, '--json'])).stdout).topics[0]
  assert.equal(described.configs['retention.ms'], '3600000')
  assert.equal((await cluster.onCluster(['configs', 'alter', '--topic', t, '--add-config', 'retention.ms=7200000'])).code, 0)
  const configs = JSON.parse((await cluster.onCluster(['configs', 'describe', '--topic', t, '--json'])).stdout).entities[0]
    .configs as Array<{
    name: string
    value: string
  }>
  assert.equal(configs.find((c) => c.name === 'retention.ms')?.value, '7200000')
  const lines = Array.from({length: 1000}, (_, i) => `v${i}`).join('\n') + '\n'
  const p0 = await runProcess(process.execPath, [`${ROOT}/bin/run.js`, 'produce', t, '-p', '0'], {
    input: lines,
    env: {...process.env, KAFKA_BOOTSTRAP_SERVERS: cluster.bootstrap()},
  })
  assert.equal(p0.code, 0, p0.stderr)
  const offsets = JSON.parse((await cluster.onCluster(['offsets', t, '--json'])).stdout) as {
    offsets: Array<{partition: number; offset: number}>
  }
  assert.deepEqual(
    offsets.offsets.map((o) => [o.partition, o.offset]),
    [
      [0, 1000],
      [1, 0],
    ],
  )
  const counted = JSON.parse((await cluster.onCluster(['consume', t, '--count', '--json'])).stdout) as {count: number}
  assert.equal(counted.count, 1000)
  const group = uniqueName('kafka37-reset')
  assert.equal((await cluster.onCluster(['consume', t, '--group', group, '--from-beginning', '-e'])).code, 0)
  const before = JSON.parse((await cluster.onCluster(['groups', 'describe', group, '--json'])).stdout).groups[0]
  assert.deepEqual([before.type, before.totalLag], ['classic', 0])
  const reset = await cluster.onCluster([
    'groups',
    'reset-offsets',
    '--group',
    group,
    '--topic',
    `${t}:0`,
    '--to-offset',
    '400',
    '--execute',
    '--yes',
  ])
  assert.equal(reset.code, 0, reset.stderr)
  const after = JSON.parse((await cluster.onCluster(['groups', 'describe', group, '--json'])).stdout).groups[0]
  assert.equal(after.totalLag, 600)
})
