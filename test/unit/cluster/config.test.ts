import assert from 'node:assert/strict'
import {test} from 'node:test'
import {
  bootstrapServers,
  newClusterId,
  planNodes,
  planZooKeeper,
  serverProperties,
  zookeeperProperties,
} from '../../../src/cluster/config.js'
import {parseJavaMajor} from '../../../src/cluster/java.js'
import {parseProperties} from '../../../src/config/properties.js'

const state = (n: number) => ({host: '127.0.0.1', nodes: planNodes('/tmp/c', n, 9092)})

test('nodes get consecutive broker ports and controller ports 100 above', () => {
  const s = state(3)
  assert.deepEqual(
    s.nodes.map((n) => [n.id, n.brokerPort, n.controllerPort]),
    [
      [1, 9092, 9192],
      [2, 9093, 9193],
      [3, 9094, 9194],
    ],
  )
  assert.equal(bootstrapServers(s), '127.0.0.1:9092,127.0.0.1:9093,127.0.0.1:9094')
})

test('server.properties: KRaft combined mode, one voter set, internal topics at min(N,3)', () => {
  for (const [n, rf, minIsr] of [
    [1, 1, 1],
    [3, 3, 2],
    [5, 3, 2],
  ] as const) {
    const s = state(n)
    const node = s.nodes[n - 1]
    assert.ok(node, `no node ${n} among ${s.nodes.length}`)
    const props = parseProperties(serverProperties(s, node))
    assert.equal(props['process.roles'], 'broker,controller')
    assert.equal(props['node.id'], String(n))
    const voters = props['controller.quorum.voters']
    assert.ok(voters !== undefined, 'no controller.quorum.voters')
    assert.equal(voters.split(',').length, n)
    assert.equal(props['offsets.topic.replication.factor'], String(rf))
    assert.equal(props['transaction.state.log.min.isr'], String(minIsr))
    assert.equal(props['group.initial.rebalance.delay.ms'], '0')
    assert.equal(props['advertised.listeners'], `PLAINTEXT://127.0.0.1:${9091 + n}`)
  }
})

test('cluster ids look like Kafka Uuids', () => {
  for (let i = 0; i < 50; i++) {
    const id = newClusterId()
    assert.match(id, /^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/)
  }
})

test('java -version output gives the major version', () => {
  assert.equal(parseJavaMajor('openjdk version "17.0.15" 2025-04-15'), 17)
  assert.equal(parseJavaMajor('java version "1.8.0_392"'), 8)
  assert.equal(parseJavaMajor('openjdk version "21" 2023-09-19'), 21)
  assert.equal(parseJavaMajor('nonsense'), undefined)
})

test('server.properties in ZooKeeper mode: broker.id and zookeeper.connect, no controller listener or voters', () => {
  const s = {...state(3), mode: 'zookeeper' as const, zookeeper: planZooKeeper('/tmp/c', 9092)}
  const props = parseProperties(serverProperties(s, s.nodes[1]!))
  assert.equal(props['broker.id'], '2')
  assert.equal(props['zookeeper.connect'], '127.0.0.1:9192')
  assert.equal(props['listeners'], 'PLAINTEXT://127.0.0.1:9093')
  assert.equal(props['listener.security.protocol.map'], 'PLAINTEXT:PLAINTEXT')
  for (const kraftOnly of ['process.roles', 'node.id', 'controller.quorum.voters', 'controller.listener.names'])
    assert.equal(props[kraftOnly], undefined, kraftOnly)
  const zk = parseProperties(zookeeperProperties('127.0.0.1', s.zookeeper))
  assert.deepEqual([zk['clientPort'], zk['clientPortAddress'], zk['dataDir']], ['9192', '127.0.0.1', '/tmp/c/zookeeper/data'])
})
