/**
 * ZooKeeper-mode clusters, as many production clusters still run: the
 * version matrix's everyday scenarios (test/helpers/version-scenarios.ts) on
 * the oldest release kfk supports, 2.8 (whose brokers speak Metadata only up
 * to v11 and ListOffsets up to v6), and on 3.9, the last ZooKeeper release,
 * each a one-node cluster of its own started through `kfk cluster up
 * --zookeeper`. What a release lacks must be refused in one line naming it.
 */
import assert from 'node:assert/strict'
import {describe, test} from 'node:test'
import {ROOT} from '../helpers/cli.js'
import {javaTool} from '../helpers/java-tools.js'
import {ownCluster} from '../helpers/own-cluster.js'
import {runProcess} from '../helpers/process.js'
import {type Release, scenarioTests} from '../helpers/version-scenarios.js'

// One cluster at a time: each describe block starts its own and removes it after.
const RELEASES = [
  {line: '2.8', version: '2.8.2', port: '21292'},
  {line: '3.9', version: '3.9.2', port: '21492'},
]

for (const {line, version, port} of RELEASES) {
  const release: Release = {line, version, mode: 'zookeeper'}
  const name = `kfk-zk${line.replace('.', '')}`
  describe(`Kafka ${version} in ZooKeeper mode`, () => {
    const cluster = ownCluster(name, port, {brokers: 1, kafkaVersion: version, zookeeper: true})

    test('cluster status names the mode and its ZooKeeper; cluster describe says ZooKeeper mode, the controller a broker', async () => {
      const status = JSON.parse((await cluster.local(['cluster', 'status', '--name', name, '--json'])).stdout)
      assert.equal(status.mode, 'zookeeper')
      assert.equal(status.zookeeper.status, 'up')
      assert.equal(status.nodes[0].controllerPort, null)
      const described = await cluster.onCluster(['cluster', 'describe', '--json'])
      assert.equal(described.code, 0, described.stderr)
      const info = JSON.parse(described.stdout)
      assert.deepEqual([info.mode, info.controller, info.quorum], ['zookeeper', 1, null])
      // The cluster id is ZooKeeper's, as the brokers report it.
      assert.equal(status.clusterId, info.clusterId)
    })

    test('facts equal the Java tools of the same release: topics describe, groups describe lag', async () => {
      const libs = JSON.parse((await cluster.local(['cluster', 'status', '--name', name, '--json'])).stdout).kafkaLibs
      const t = 'facts-topic'
      assert.equal((await cluster.onCluster(['topics', 'create', t, '-p', '2'])).code, 0)
      const lines = Array.from({length: 1000}, (_, i) => `v${i}`).join('\n') + '\n'
      const produced = await runProcess(process.execPath, [`${ROOT}/bin/run.js`, 'produce', t, '-p', '0'], {
        input: lines,
        env: {...process.env, KAFKA_BOOTSTRAP_SERVERS: cluster.bootstrap()},
      })
      assert.equal(produced.code, 0, produced.stderr)
      assert.equal((await cluster.onCluster(['consume', t, '--group', 'facts-group', '--from-beginning', '-n', '600'])).code, 0)

      const topic = JSON.parse((await cluster.onCluster(['topics', 'describe', t, '--json'])).stdout).topics[0]
      const javaTopic = await javaTool(
        'kafka.admin.TopicCommand',
        ['--bootstrap-server', cluster.bootstrap(), '--describe', '--topic', t],
        {libs},
      )
      assert.equal(javaTopic.code, 0, javaTopic.stderr)
      const javaPartitions = javaTopic.stdout
        .split('\n')
        .map((l) => /Partition: (\d+)\s+Leader: (\d+)\s+Replicas: ([\d,]+)\s+Isr: ([\d,]+)/.exec(l))
        .filter((m) => m !== null)
        .map((m) => [Number(m[1]), Number(m[2]), m[3], m[4]])
      assert.deepEqual(
        topic.partitionDetails.map((p: {partition: number; leader: number; replicas: number[]; isr: number[]}) => [
          p.partition,
          p.leader,
          p.replicas.join(','),
          p.isr.join(','),
        ]),
        javaPartitions,
      )

      const group = JSON.parse((await cluster.onCluster(['groups', 'describe', 'facts-group', '--json'])).stdout).groups[0]
      const javaGroup = await javaTool(
        'kafka.admin.ConsumerGroupCommand',
        ['--bootstrap-server', cluster.bootstrap(), '--describe', '--group', 'facts-group'],
        {libs},
      )
      assert.equal(javaGroup.code, 0, javaGroup.stderr)
      const javaLag = javaGroup.stdout
        .split('\n')
        .map((l) => l.trim().split(/\s+/))
        .filter((cols) => cols[1] === t)
        .map((cols) => [Number(cols[2]), Number(cols[5])])
        .sort((a, b) => a[0]! - b[0]!)
      assert.deepEqual(javaLag, [
        [0, 400],
        [1, 0],
      ])
      assert.equal(group.totalLag, 400)
    })

    scenarioTests(release, cluster)
  })
}
