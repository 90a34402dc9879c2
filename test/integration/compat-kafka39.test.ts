/**
 * Kafka 3.8 and 3.9 advertise ConsumerGroupDescribe (KIP-848 in early access)
 * and then answer UNSUPPORTED_VERSION for each group, because the consumer
 * protocol is off by default there. kfk must take that as "describe the group
 * the classic way": every groups command on a one-node 3.9 cluster of its own,
 * with the lag ConsumerGroupCommand of the same release reports.
 */
import assert from 'node:assert/strict'
import {join} from 'node:path'
import {test} from 'node:test'
import {ROOT, uniqueName} from '../helpers/cli.js'
import {ownCluster} from '../helpers/own-cluster.js'
import {runProcess} from '../helpers/process.js'
import {scenarioTests} from '../helpers/version-scenarios.js'

const VERSION = '3.9.2'
const cluster = ownCluster('kfk-kafka39', '21092', {brokers: 1, kafkaVersion: VERSION})

test(`Kafka ${VERSION}: every groups command works on a classic group (describe views, reset, delete-offsets, delete)`, async () => {
  const t = uniqueName('kafka39')
  assert.equal((await cluster.onCluster(['topics', 'create', t, '-p', '2'])).code, 0)
  const lines = Array.from({length: 1000}, (_, i) => `v${i}`).join('\n') + '\n'
  const produced = await runProcess(process.execPath, [`${ROOT}/bin/run.js`, 'produce', t, '-p', '0'], {
    input: lines,
    env: {...process.env, KAFKA_BOOTSTRAP_SERVERS: cluster.bootstrap()},
  })
  assert.equal(produced.code, 0, produced.stderr)
  const group = uniqueName('kafka39-group')
  const consumed = await cluster.onCluster(['consume', t, '--group', group, '--from-beginning', '-n', '600'])
  assert.equal(consumed.code, 0, consumed.stderr)

  const described = await cluster.onCluster(['groups', 'describe', group, '--json'])
  assert.equal(described.code, 0, described.stderr)
  const g = JSON.parse(described.stdout).groups[0]
  assert.deepEqual([g.type, g.state, g.totalLag], ['classic', 'Empty', 400])
  for (const view of [[], ['--members'], ['--state'], ['--offsets'], ['--members', '--verbose']]) {
    const r = await cluster.onCluster(['groups', 'describe', group, ...view])
    assert.equal(r.code, 0, `${view.join(' ')}: ${r.stderr}`)
    assert.notEqual(r.stdout, '', view.join(' '))
  }
  // ConsumerGroupCommand of the same release agrees on the lag.
  const libs = join(process.env.KFK_CACHE_DIR ?? join(process.env.HOME!, '.cache', 'kfk'), `kafka-${VERSION}`, 'libs')
  const java = await runProcess('java', [
    '-Xmx256m',
    '-cp',
    join(libs, '*'),
    'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand',
    '--bootstrap-server',
    cluster.bootstrap(),
    '--describe',
    '--group',
    group,
  ])
  assert.equal(java.code, 0, java.stderr)
  const javaLag = java.stdout
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((cols) => cols[1] === t)
    .map((cols) => [Number(cols[2]), cols[5]])
  assert.deepEqual(
    javaLag.sort((a, b) => Number(a[0]) - Number(b[0])),
    [
      [0, '400'],
      [1, '0'],
    ],
  )

  const reset = await cluster.onCluster([
    'groups',
    'reset-offsets',
    '--group',
    group,
    '--topic',
    `${t}:0`,
    '--to-offset',
    '100',
    '--execute',
  ])
  assert.equal(reset.code, 0, reset.stderr)
  const afterReset = JSON.parse((await cluster.onCluster(['groups', 'describe', group, '--json'])).stdout).groups[0]
  assert.equal(afterReset.totalLag, 900)
  const deletedOffsets = await cluster.onCluster(['groups', 'delete-offsets', group, '--topic', `${t}:0`, '--yes'])
  assert.equal(deletedOffsets.code, 0, deletedOffsets.stderr)
  const deleted = await cluster.onCluster(['groups', 'delete', group, '--yes'])
  assert.equal(deleted.code, 0, deleted.stderr)
  const gone = await cluster.onCluster(['groups', 'describe', group])
  assert.equal(gone.code, 1)
  assert.match(gone.stderr, /does not exist/)
})

// The version matrix's scenarios where 3.9's KRaft answers differ from 4.4's: KIP-848 advertised and refused.
scenarioTests({line: '3.9', version: VERSION, mode: 'kraft'}, cluster, ['group', 'group 848', 'groups views'])
