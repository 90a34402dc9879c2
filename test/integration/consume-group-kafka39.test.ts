/**
 * kfk's group member on Kafka 3.9 (still most production clusters' line),
 * on a one-node 3.9.1 cluster of its own: the default protocol falls back to
 * classic, every record is read once and the group ends with lag 0; asking for
 * the KIP-848 protocol there is one clear line, exit 1.
 */
import assert from 'node:assert/strict'
import {test} from 'node:test'
import {ROOT, uniqueName} from '../helpers/cli.js'
import {ownCluster} from '../helpers/own-cluster.js'
import {keyedLines} from '../helpers/produce-check.js'
import {runProcess} from '../helpers/process.js'

const cluster = ownCluster('kfk-kafka39', '20892', {brokers: 1, kafkaVersion: '3.9.1'})
const N = 60_000

test('Kafka 3.9: a group consume with the default protocol (classic there) reads every record once, lag 0; --group-protocol consumer is refused in one line', async () => {
  const t = uniqueName('kafka39')
  assert.equal((await cluster.onCluster(['topics', 'create', t, '-p', '3', '-r', '1'])).code, 0)
  const produced = await runProcess(process.execPath, [`${ROOT}/bin/run.js`, 'produce', t, '--key-separator', ':'], {
    input: keyedLines(N),
    env: {...process.env, KAFKA_BOOTSTRAP_SERVERS: cluster.bootstrap()},
  })
  assert.equal(produced.code, 0, produced.stderr)
  const group = uniqueName('kafka39-group')
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
    uniqueName('kafka39-kip848'),
    '--group-protocol',
    'consumer',
    '--from-beginning',
    '-e',
  ])
  assert.equal(modern.code, 1)
  assert.equal(modern.stdout, '')
  assert.match(modern.stderr, /^error: group ".*": the brokers do not run the consumer group protocol \(KIP-848\)\n/)
})
