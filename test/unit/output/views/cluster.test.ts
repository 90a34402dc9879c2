// Off a terminal (as under the test runner) views print no colour codes, so rows compare as plain text.
import assert from 'node:assert/strict'
import {test} from 'node:test'
import type {ClusterState, NodeState} from '../../../../src/cluster/config.js'
import type {ClusterSecurity} from '../../../../src/cluster/security.js'
import type {BrokerApiVersions} from '../../../../src/core/brokers/api-versions.js'
import type {ClusterInfo} from '../../../../src/core/cluster-info.js'
import {
  apiVersionsTable,
  authorizerLine,
  CLUSTER_INFO_HEAD,
  clusterInfoRows,
  listenerLine,
  LOCAL_CLUSTER_HEAD,
  localClusterJson,
  localClusterRows,
  QUORUM_HEAD,
  quorumRows,
  upNotes,
} from '../../../../src/output/views/cluster.js'
import {plainTable} from '../../../helpers/plain-table.js'

const DIR = '/home/dev/.local/state/kfk/dev'
const node = (id: number): NodeState => ({
  id,
  brokerPort: 9091 + id,
  controllerPort: 9191 + id,
  dir: `${DIR}/node-${id}`,
  dataDir: `${DIR}/node-${id}/data`,
  configFile: `${DIR}/node-${id}/server.properties`,
  logFile: `${DIR}/node-${id}/server.log`,
  pid: 41_000 + id,
})
const kraft: ClusterState = {
  name: 'dev',
  clusterId: 'MkU3OEVBNTcwNTJENDM2Qk',
  kafkaVersion: '4.1.0',
  libDir: '/home/dev/.cache/kfk/kafka-4.1.0/libs',
  host: '127.0.0.1',
  portBase: 9092,
  createdAt: '2024-06-01T12:00:00.000Z',
  nodes: [node(1), node(2), node(3)],
}
const security: ClusterSecurity = {
  modes: ['sasl-ssl', 'mtls', 'oauthbearer', 'sasl-plaintext'],
  authorizer: {superUsers: ['User:kfk', 'User:CN=kfk']},
  dir: `${DIR}/security`,
  username: 'kfk',
  passwordFile: `${DIR}/security/kfk.password`,
  caFile: `${DIR}/security/ca.pem`,
  brokerKeystore: `${DIR}/security/broker.pem`,
  clientCertFile: `${DIR}/security/client.pem`,
  clientKeyFile: `${DIR}/security/client.key`,
}

test('cluster status of a KRaft cluster with a node down: the --json shape and the table', () => {
  const view = localClusterJson(kraft, (id) => id !== 3)
  assert.deepEqual(view, {
    name: 'dev',
    clusterId: 'MkU3OEVBNTcwNTJENDM2Qk',
    kafkaVersion: '4.1.0',
    kafkaLibs: '/home/dev/.cache/kfk/kafka-4.1.0/libs',
    mode: 'kraft',
    bootstrapServers: '127.0.0.1:9092,127.0.0.1:9093,127.0.0.1:9094',
    running: false,
    nodes: [1, 2, 3].map((id) => ({
      id,
      status: id === 3 ? 'down' : 'up',
      pid: id === 3 ? null : 41_000 + id,
      brokerPort: 9091 + id,
      controllerPort: 9191 + id,
      dataDir: `${DIR}/node-${id}/data`,
      logFile: `${DIR}/node-${id}/server.log`,
    })),
  })
  assert.equal(localClusterJson(kraft, () => true).running, true)
  assert.deepEqual(plainTable(LOCAL_CLUSTER_HEAD, localClusterRows(view)), [
    'NODE  STATUS  PID    BROKER PORT  CONTROLLER PORT  DATA DIR',
    `1     up      41001  9092         9192             ${DIR}/node-1/data`,
    `2     up      41002  9093         9193             ${DIR}/node-2/data`,
    `3     down    -      9094         9194             ${DIR}/node-3/data`,
  ])
})

test('cluster status in ZooKeeper mode: no controller ports, and a ZooKeeper that is down stops the cluster running', () => {
  const zk: ClusterState = {
    ...kraft,
    kafkaVersion: '3.9.1',
    mode: 'zookeeper',
    nodes: [node(1)],
    // No pid: the ZooKeeper was never started (or was stopped).
    zookeeper: {
      port: 9392,
      dir: `${DIR}/zookeeper`,
      dataDir: `${DIR}/zookeeper/data`,
      configFile: `${DIR}/zookeeper/zk.properties`,
      logFile: `${DIR}/zookeeper/zk.log`,
    },
  }
  const view = localClusterJson(zk, () => true)
  assert.equal(view.mode, 'zookeeper')
  assert.equal(view.nodes[0]!.controllerPort, null)
  assert.deepEqual(view.zookeeper, {
    status: 'down',
    pid: null,
    port: 9392,
    connect: '127.0.0.1:9392',
    dataDir: `${DIR}/zookeeper/data`,
    logFile: `${DIR}/zookeeper/zk.log`,
  })
  assert.equal(view.running, false, 'every node is up, the ZooKeeper is not')
  assert.deepEqual(localClusterRows(view), [[1, 'up', 41_001, 9092, '-', `${DIR}/node-1/data`]])
})

test('cluster up --security --authorizer: how to reach each listener, passwords only as a file', () => {
  const view = localClusterJson({...kraft, security}, () => true)
  assert.deepEqual(view.security?.authorizer, {superUsers: ['User:kfk', 'User:CN=kfk']})
  assert.deepEqual(view.security!.listeners.map(listenerLine), [
    `sasl-ssl: 127.0.0.1:9392,127.0.0.1:9393,127.0.0.1:9394 (SASL_SSL, SCRAM-SHA-256 user kfk, password in ${DIR}/security/kfk.password, CA ${DIR}/security/ca.pem)`,
    `mtls: 127.0.0.1:9592,127.0.0.1:9593,127.0.0.1:9594 (SSL, CA ${DIR}/security/ca.pem, client cert ${DIR}/security/client.pem)`,
    'oauthbearer: 127.0.0.1:9692,127.0.0.1:9693,127.0.0.1:9694 (SASL_PLAINTEXT, OAUTHBEARER with unsecured tokens (any subject is believed))',
    `sasl-plaintext: 127.0.0.1:9292,127.0.0.1:9293,127.0.0.1:9294 (SASL_PLAINTEXT, SCRAM-SHA-256 user kfk, password in ${DIR}/security/kfk.password)`,
  ])
  assert.ok(!JSON.stringify(view).includes('password='), 'no password in the document')
  assert.equal(
    authorizerLine(view.security!.authorizer!, view.security!.listeners, view.mode),
    'authorizer: StandardAuthorizer (ACLs decide; super users User:kfk, User:CN=kfk; plaintext clients are User:ANONYMOUS; ' +
      'beware: the oauthbearer listener believes any token, so anyone can be a super user there)',
  )
  assert.equal(
    authorizerLine({superUsers: ['User:kfk']}, [{mode: 'sasl-plaintext'}], 'zookeeper'),
    'authorizer: AclAuthorizer, ACLs kept in ZooKeeper (ACLs decide; super users User:kfk; plaintext clients are User:ANONYMOUS)',
  )
})

test('cluster up notes: the cluster, its profile when saved, and each secured listener', () => {
  const plain = localClusterJson(kraft, () => true)
  assert.deepEqual(upNotes(plain, false, {created: true, active: true}), [
    'cluster "dev" is up: 3 node(s), Apache Kafka 4.1.0, cluster id MkU3OEVBNTcwNTJENDM2Qk',
    'profile "dev" saved (active): kfk topics list --profile dev',
  ])
  assert.deepEqual(upNotes(plain, true, {created: false, active: false}), [
    'cluster "dev" is already running: 3 node(s), Apache Kafka 4.1.0, cluster id MkU3OEVBNTcwNTJENDM2Qk',
  ])
  const secured = localClusterJson({...kraft, security: {...security, modes: ['sasl-plaintext']}}, () => true)
  assert.deepEqual(upNotes(secured, false, {created: true, active: false}), [
    'cluster "dev" is up: 3 node(s), Apache Kafka 4.1.0, cluster id MkU3OEVBNTcwNTJENDM2Qk',
    'profile "dev" saved: kfk topics list --profile dev',
    `  sasl-plaintext: 127.0.0.1:9292,127.0.0.1:9293,127.0.0.1:9294 (SASL_PLAINTEXT, SCRAM-SHA-256 user kfk, password in ${DIR}/security/kfk.password)`,
    '  authorizer: StandardAuthorizer (ACLs decide; super users User:kfk, User:CN=kfk; plaintext clients are User:ANONYMOUS)',
  ])
})

test('cluster describe: brokers with the controller marked, and the quorum with lagging voters and observers', () => {
  const info: ClusterInfo = {
    clusterId: 'MkU3OEVBNTcwNTJENDM2Qk',
    mode: 'kraft',
    controller: 2,
    brokers: [
      {id: 1, host: 'kafka-1.internal', port: 9092, rack: 'eu-west-1a'},
      {id: 2, host: 'kafka-2.internal', port: 9092, rack: 'eu-west-1b'},
      {id: 3, host: 'kafka-3.internal', port: 9092, rack: null},
    ],
    quorum: {
      leaderId: 2,
      leaderEpoch: 5,
      highWatermark: 18_342,
      voters: [
        {id: 1, logEndOffset: 18_342, lag: 0, lastCaughtUpTimestamp: 1_717_243_200_000},
        {id: 2, logEndOffset: 18_342, lag: 0, lastCaughtUpTimestamp: 1_717_243_200_000},
        {id: 3, logEndOffset: 18_300, lag: 42, lastCaughtUpTimestamp: 1_717_243_190_000},
      ],
      observers: [{id: 4, logEndOffset: 18_342, lag: 0}],
    },
  }
  assert.deepEqual(plainTable(CLUSTER_INFO_HEAD, clusterInfoRows(info)), [
    'BROKER          HOST              PORT  RACK',
    '1               kafka-1.internal  9092  eu-west-1a',
    '2 (controller)  kafka-2.internal  9092  eu-west-1b',
    '3               kafka-3.internal  9092  -',
  ])
  assert.deepEqual(quorumRows(info.quorum!), [
    [1, 'follower', 18_342, 0],
    [2, 'leader', 18_342, 0],
    [3, 'follower', 18_300, '42'],
    [4, 'observer', 18_342, 0],
  ])
  assert.equal(plainTable(QUORUM_HEAD, [])[0], 'NODE  ROLE  LOG END OFFSET  LAG')
  // ZooKeeper mode: the brokers' controller, no quorum.
  assert.deepEqual(clusterInfoRows({...info, mode: 'zookeeper', controller: null, quorum: null})[1], [
    2,
    'kafka-2.internal',
    9092,
    'eu-west-1b',
  ])
})

test('cluster api-versions: one row an API, one column a broker; - unsupported, ? a broker that did not answer', () => {
  const broker = (id: number, apis: BrokerApiVersions['apis'], error?: string): BrokerApiVersions => ({
    id,
    host: '127.0.0.1',
    port: 9091 + id,
    rack: null,
    apis,
    ...(error ? {error} : {}),
  })
  const brokers = [
    broker(1, [
      {apiKey: 0, name: 'Produce', minVersion: 3, maxVersion: 12, usedByKfk: true},
      {apiKey: 18, name: 'ApiVersions', minVersion: 0, maxVersion: 4, usedByKfk: true},
      {apiKey: 68, name: 'ConsumerGroupHeartbeat', minVersion: 0, maxVersion: 0, usedByKfk: true},
      {apiKey: 80, name: 'AddRaftVoter', minVersion: 0, maxVersion: 0, usedByKfk: false},
    ]),
    broker(2, [
      {apiKey: 0, name: 'Produce', minVersion: 3, maxVersion: 11, usedByKfk: true},
      {apiKey: 18, name: 'ApiVersions', minVersion: 0, maxVersion: 4, usedByKfk: true},
      {apiKey: 68, name: 'ConsumerGroupHeartbeat', minVersion: null, maxVersion: null, usedByKfk: true},
    ]),
    broker(3, [], 'connect ECONNREFUSED 127.0.0.1:9094'),
  ]
  const {head, rows} = apiVersionsTable(brokers)
  assert.deepEqual(head, ['api', 'broker 1', 'broker 2', 'broker 3', 'kfk uses'])
  assert.deepEqual(rows, [
    ['Produce(0)', '3-12', '3-11', '?', 'yes'],
    ['ApiVersions(18)', '0-4', '0-4', '?', 'yes'],
    ['ConsumerGroupHeartbeat(68)', '0', '-', '?', 'yes'],
    ['AddRaftVoter(80)', '0', '', '?', ''],
  ])
  assert.equal(plainTable(head, rows)[0], 'API                         BROKER 1  BROKER 2  BROKER 3  KFK USES')
})
