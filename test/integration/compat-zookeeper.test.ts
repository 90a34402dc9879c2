/**
 * ZooKeeper-mode clusters, as many production clusters still run: the
 * version matrix's everyday scenarios (test/helpers/version-scenarios.ts) on
 * the oldest release kfk supports, 2.8 (whose brokers speak Metadata only up
 * to v11 and ListOffsets up to v6), and on 3.9, the last ZooKeeper release,
 * each a one-node cluster of its own started through `kfk cluster up
 * --zookeeper`. What a release lacks must be refused in one line naming it.
 */
import assert from 'node:assert/strict'
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, test} from 'node:test'
import {javaTool, saslClientProperties} from '../helpers/java-tools.js'
import {ownCluster} from '../helpers/own-cluster.js'
import {type Release, scenarioTests} from '../helpers/version-scenarios.js'

/** The jars of the cluster's release, and how its Java tools connect: as the super user over SASL (the profile's mechanism) where there is an authorizer. */
function javaConnection(status: {
  kafkaLibs: string
  bootstrapServers: string
  security?: {listeners: Array<{saslMechanism?: string; bootstrapServers: string; username?: string; passwordFile?: string}>}
}): {libs: string; connect: string[]} {
  const sasl = status.security?.listeners.find((l) => l.saslMechanism && l.passwordFile)
  if (!sasl) return {libs: status.kafkaLibs, connect: ['--bootstrap-server', status.bootstrapServers]}
  const props = join(mkdtempSync(join(tmpdir(), 'kfk-zk-java-')), 'admin.properties')
  const password = readFileSync(sasl.passwordFile!, 'utf8').trim()
  writeFileSync(props, saslClientProperties(sasl.saslMechanism!, sasl.username!, password), {mode: 0o600})
  return {libs: status.kafkaLibs, connect: ['--bootstrap-server', sasl.bootstrapServers, '--command-config', props]}
}

// One cluster at a time: each describe block starts its own and removes it after.
// 3.9 with an authorizer (AclAuthorizer, ACLs kept in ZooKeeper): kfk connects as its super user over SASL,
// and runs the scenarios whose answer differs from 2.8's or that meet the authorizer (the version matrix runs all).
const RELEASES = [
  {line: '2.8', version: '2.8.2', port: '21292', authorizer: false, columns: undefined},
  {
    line: '3.9',
    version: '3.9.2',
    port: '21492',
    authorizer: true,
    columns: ['group', 'groups views', 'groups reset/delete', 'max-timestamp', 'configs, quotas', 'users', 'transactions', 'acls'],
  },
]

for (const {line, version, port, authorizer, columns} of RELEASES) {
  const release: Release = {line, version, mode: 'zookeeper', authorizer}
  const name = `kfk-zk${line.replace('.', '')}`
  describe(`Kafka ${version} in ZooKeeper mode${authorizer ? ' with an authorizer' : ''}`, () => {
    const cluster = ownCluster(name, port, {brokers: 1, kafkaVersion: version, zookeeper: true, authorizer})

    test('cluster status names the mode and its ZooKeeper; cluster describe says ZooKeeper mode, the controller a broker; both logs are written', async () => {
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
      // Kafka before 4.0 logs through log4j 1: the broker's and the ZooKeeper's server.log are written all the same.
      const brokerLog = await cluster.local(['cluster', 'logs', '--name', name, '--lines', '500'])
      assert.match(brokerLog.stdout, /\[KafkaServer id=1\] started/)
      const zkLog = await cluster.local(['cluster', 'logs', '--name', name, '--zookeeper', '--lines', '500'])
      assert.match(zkLog.stdout, /binding to port/i)
    })

    test('facts equal the Java tools of the same release: topics describe, groups describe lag, topic configs, acls', async () => {
      const status = JSON.parse((await cluster.local(['cluster', 'status', '--name', name, '--json'])).stdout)
      const {libs, connect} = javaConnection(status)
      const t = 'facts-topic'
      assert.equal((await cluster.onCluster(['topics', 'create', t, '-p', '2'])).code, 0)
      const lines = Array.from({length: 1000}, (_, i) => `v${i}`).join('\n') + '\n'
      const produced = await cluster.onCluster(['produce', t, '-p', '0'], {input: lines})
      assert.equal(produced.code, 0, produced.stderr)
      assert.equal((await cluster.onCluster(['consume', t, '--group', 'facts-group', '--from-beginning', '-n', '600'])).code, 0)

      const topic = JSON.parse((await cluster.onCluster(['topics', 'describe', t, '--json'])).stdout).topics[0]
      const javaTopic = await javaTool('kafka.admin.TopicCommand', [...connect, '--describe', '--topic', t], {libs})
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
      const javaGroup = await javaTool('kafka.admin.ConsumerGroupCommand', [...connect, '--describe', '--group', 'facts-group'], {libs})
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

      // configs describe: the topic's overrides, as ConfigCommand of the release lists them.
      assert.equal(
        (await cluster.onCluster(['configs', 'alter', '--topic', t, '--add-config', 'retention.ms=3600000,cleanup.policy=compact'])).code,
        0,
      )
      const configs = JSON.parse((await cluster.onCluster(['configs', 'describe', '--topic', t, '--json'])).stdout).entities[0].configs
      const javaConfigs = await javaTool(
        'kafka.admin.ConfigCommand',
        [...connect, '--describe', '--entity-type', 'topics', '--entity-name', t],
        {libs},
      )
      assert.equal(javaConfigs.code, 0, javaConfigs.stderr)
      const javaOverrides = [...javaConfigs.stdout.matchAll(/^\s+([\w.]+)=(\S*) sensitive=/gm)].map((m) => `${m[1]}=${m[2]}`).sort()
      assert.deepEqual(configs.map((c: {name: string; value: string}) => `${c.name}=${c.value}`).sort(), javaOverrides)
      assert.deepEqual(javaOverrides, ['cleanup.policy=compact', 'retention.ms=3600000'])

      if (!authorizer) return
      // acls list: what AclCommand of the release lists from ZooKeeper's AclAuthorizer.
      assert.equal(
        (
          await cluster.onCluster([
            'acls',
            'add',
            '--allow-principal',
            'User:facts',
            '--topic',
            t,
            '--operation',
            'Read',
            '--operation',
            'Describe',
          ])
        ).code,
        0,
      )
      const acls = JSON.parse((await cluster.onCluster(['acls', 'list', '--topic', t, '--json'])).stdout).acls
      const javaAcls = await javaTool('kafka.admin.AclCommand', [...connect, '--list', '--topic', t], {libs})
      assert.equal(javaAcls.code, 0, javaAcls.stderr)
      const javaEntries = [...javaAcls.stdout.matchAll(/\(principal=(.*?), host=(.*?), operation=(\w+), permissionType=(\w+)\)/g)].map(
        (m) => `${m[1]}|${m[2]}|${m[3]}|${m[4]}`,
      )
      assert.deepEqual(
        acls.map((a: Record<string, string>) => `${a.principal}|${a.host}|${a.operation}|${a.permission}`).sort(),
        javaEntries.sort(),
      )
      assert.equal(javaEntries.length, 2)
    })

    scenarioTests(release, cluster, columns)
  })
}
