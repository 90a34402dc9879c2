/**
 * Integration tests for the hand-written Kafka protocol modules (src/core/protocol),
 * against a real broker: KFK_TEST_BOOTSTRAP (default 127.0.0.1:39092).
 * The consumer-group test starts a real Java consumer (KIP-848 protocol) from
 * KFK_TEST_KAFKA_LIBS (default /tmp/kprov/libs).
 */
import {createRawCluster} from '../../src/core/kafkajs/cluster.js'
import type {RawCluster} from '../../src/core/kafkajs/types.js'
import {kafkajs, type Admin} from '../../src/core/kafkajs/load.js'
import {after, before, test} from 'node:test'
import assert from 'node:assert/strict'
import {spawn, type ChildProcess} from 'node:child_process'
import {describeCluster} from '../../src/core/protocol/describe-cluster.js'
import {ConfigResourceType, incrementalAlterConfigs} from '../../src/core/protocol/incremental-alter-configs.js'
import {waitUntilBrokersReport} from '../../src/core/configs/configs.js'
import {offsetDelete} from '../../src/core/protocol/offset-delete.js'
import {consumerGroupDescribe} from '../../src/core/protocol/consumer-group-describe.js'
import {createTestTopic} from '../helpers/topics.js'
import {until} from '../helpers/until.js'

// The first broker of the test cluster (node 1).
const [bootstrap] = (process.env.KFK_TEST_BOOTSTRAP ?? '127.0.0.1:19092').split(',')
assert.ok(bootstrap !== undefined, 'no bootstrap server')
const kafkaLibs = process.env.KFK_TEST_KAFKA_LIBS ?? '/tmp/kprov/libs'
const suffix = `${Date.now()}-${process.pid}`

let cluster: RawCluster
let admin: Admin
const topics: string[] = []
const children = new Set<ChildProcess>()

const errorType = (error: Error | null) => (error as {type?: string} | null)?.type

async function topicConfig(topic: string) {
  const {resources} = await admin.describeConfigs({resources: [{type: ConfigResourceType.TOPIC, name: topic}], includeSynonyms: false})
  return new Map(resources[0]!.configEntries.map((c) => [c.configName, c]))
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
  await exited
  clearTimeout(timer)
  children.delete(child)
}

before(async () => {
  const {Kafka, logLevel} = kafkajs()
  const kafka = new Kafka({brokers: [bootstrap], clientId: 'kfk-test', logLevel: logLevel.NOTHING})
  cluster = createRawCluster(kafka)
  await cluster.connect()
  await cluster.refreshMetadata()
  admin = kafka.admin()
  await admin.connect()
})

after(async () => {
  await Promise.all([...children].map(stop))
  if (topics.length > 0) await admin.deleteTopics({topics}).catch(() => {})
  await admin?.disconnect()
  await cluster?.disconnect()
})

test('DescribeCluster returns the broker list and the same cluster id as kafkajs', async () => {
  const [host, port] = bootstrap.split(':')
  const broker = await cluster.findBroker({nodeId: 1})
  const described = await describeCluster(broker)
  const viaKafkajs = await admin.describeCluster()
  assert.equal(described.clusterId, viaKafkajs.clusterId)
  assert.ok(described.clusterId.length > 0)
  const {isFenced, ...node1} = described.brokers.find((b) => b.nodeId === 1) ?? {}
  assert.deepEqual(node1, {nodeId: 1, host, port: Number(port), rack: null})
  assert.notEqual(isFenced, true)
  assert.deepEqual(described.brokers.map((b) => b.nodeId).sort(), viaKafkajs.brokers.map((b) => b.nodeId).sort())
  assert.ok(
    described.brokers.some((b) => b.nodeId === described.controllerId),
    'controllerId is one of the brokers',
  )
  assert.equal(described.clusterAuthorizedOperations, undefined)

  const withOps = await describeCluster(broker, {includeAuthorizedOperations: true})
  assert.equal(typeof withOps.clusterAuthorizedOperations, 'number')
})

test('IncrementalAlterConfigs sets, appends, subtracts and deletes single keys, keeping other overrides', async () => {
  const topic = `kfk-it-iac-${suffix}`
  topics.push(await createTestTopic(topic, 1, {configs: {'cleanup.policy': 'compact', 'max.message.bytes': '200000'}}))

  const results = await incrementalAlterConfigs(cluster, [
    {
      resourceType: ConfigResourceType.TOPIC,
      resourceName: topic,
      configs: [
        {name: 'retention.ms', op: 'set', value: '123456789'},
        {name: 'max.message.bytes', op: 'delete'},
        {name: 'cleanup.policy', op: 'append', value: 'delete'},
      ],
    },
  ])
  assert.deepEqual(results, [{resourceType: 2, resourceName: topic, errorCode: 0, errorMessage: null, error: null}])

  // Every broker applies the change from the metadata log a moment after the controller accepts it.
  await waitUntilBrokersReport(
    cluster,
    20_000,
    'topics',
    topic,
    new Map([
      ['retention.ms', '123456789'],
      ['cleanup.policy', 'compact,delete'],
      ['max.message.bytes', null],
    ]),
  )
  let config = await topicConfig(topic)
  assert.equal(config.get('retention.ms')?.configValue, '123456789')
  assert.equal(config.get('retention.ms')?.isDefault, false)
  assert.equal(config.get('cleanup.policy')?.configValue, 'compact,delete')
  assert.equal(config.get('max.message.bytes')?.isDefault, true, 'deleted override falls back to the default')
  assert.notEqual(config.get('max.message.bytes')?.configValue, '200000')

  await incrementalAlterConfigs(cluster, [
    {resourceType: ConfigResourceType.TOPIC, resourceName: topic, configs: [{name: 'cleanup.policy', op: 'subtract', value: 'delete'}]},
  ])
  await waitUntilBrokersReport(cluster, 20_000, 'topics', topic, new Map([['cleanup.policy', 'compact']]))
  config = await topicConfig(topic)
  assert.equal(config.get('cleanup.policy')?.configValue, 'compact')
  assert.equal(config.get('retention.ms')?.configValue, '123456789')

  // validateOnly: accepted, nothing changes.
  const dry = await incrementalAlterConfigs(
    cluster,
    [{resourceType: ConfigResourceType.TOPIC, resourceName: topic, configs: [{name: 'retention.ms', op: 'set', value: '1000'}]}],
    {validateOnly: true},
  )
  assert.equal(dry[0]!.errorCode, 0)
  assert.equal((await topicConfig(topic)).get('retention.ms')?.configValue, '123456789')
})

test('IncrementalAlterConfigs reports per-resource errors and routes broker resources', async () => {
  const topic = `kfk-it-iac-err-${suffix}`
  topics.push(await createTestTopic(topic, 1))
  const results = await incrementalAlterConfigs(
    cluster,
    [
      {resourceType: ConfigResourceType.TOPIC, resourceName: topic, configs: [{name: 'no.such.config.key', op: 'set', value: 'x'}]},
      {
        resourceType: ConfigResourceType.TOPIC,
        resourceName: `kfk-it-missing-${suffix}`,
        configs: [{name: 'retention.ms', op: 'set', value: '1000'}],
      },
      {resourceType: ConfigResourceType.BROKER, resourceName: '1', configs: [{name: 'message.max.bytes', op: 'set', value: '2000000'}]},
      {resourceType: ConfigResourceType.BROKER, resourceName: '', configs: [{name: 'message.max.bytes', op: 'set', value: '2000000'}]},
    ],
    {validateOnly: true},
  )
  assert.deepEqual(
    results.map((r) => [r.resourceType, r.resourceName]),
    [
      [2, topic],
      [2, `kfk-it-missing-${suffix}`],
      [4, '1'],
      [4, ''],
    ],
  )
  const [unknownKey, missingTopic, broker1, brokerDefault] = results
  assert.ok(unknownKey && missingTopic && broker1 && brokerDefault, `expected 4 results, got ${results.length}`)
  assert.equal(unknownKey.errorCode, 40)
  assert.equal(errorType(unknownKey.error), 'INVALID_CONFIG')
  assert.match(unknownKey.errorMessage ?? '', /no\.such\.config\.key/)
  assert.equal(missingTopic.errorCode, 3)
  assert.equal(errorType(missingTopic.error), 'UNKNOWN_TOPIC_OR_PARTITION')
  assert.equal(broker1.errorCode, 0)
  assert.equal(brokerDefault.errorCode, 0)

  // The bad key did not half-apply anything.
  assert.equal((await topicConfig(topic)).has('no.such.config.key'), false)
})

test('OffsetDelete removes one committed offset of an empty group', async () => {
  const topic = `kfk-it-od-${suffix}`
  const groupId = `kfk-it-od-group-${suffix}`
  topics.push(await createTestTopic(topic, 2))
  await admin.setOffsets({
    groupId,
    topic,
    partitions: [
      {partition: 0, offset: '5'},
      {partition: 1, offset: '7'},
    ],
  })

  const offsets = async () =>
    Object.fromEntries((await admin.fetchOffsets({groupId, topics: [topic]}))[0]!.partitions.map((p) => [p.partition, p.offset]))
  assert.deepEqual(await offsets(), {0: '5', 1: '7'})

  const result = await offsetDelete(cluster, groupId, [{topic, partitions: [0]}])
  assert.equal(result.errorCode, 0)
  assert.equal(result.error, null)
  assert.deepEqual(result.topics, [{topic, partitions: [{partition: 0, errorCode: 0, error: null}]}])
  assert.deepEqual(await offsets(), {0: '-1', 1: '7'})

  const missing = await offsetDelete(cluster, `kfk-it-od-nogroup-${suffix}`, [{topic, partitions: [0]}])
  assert.equal(missing.errorCode, 69)
  assert.equal(errorType(missing.error), 'GROUP_ID_NOT_FOUND')
})

test('ConsumerGroupDescribe describes a live KIP-848 consumer; OffsetDelete refuses its subscribed topic', {timeout: 120_000}, async () => {
  const topic = `kfk-it-cgd-${suffix}`
  const groupId = `kfk-it-cgd-group-${suffix}`
  const clientId = `kfk-it-client-${suffix}`
  topics.push(await createTestTopic(topic, 3))

  const child = spawn(
    'java',
    [
      '-cp',
      `${kafkaLibs}/*`,
      'org.apache.kafka.tools.consumer.ConsoleConsumer',
      '--bootstrap-server',
      bootstrap,
      '--topic',
      topic,
      '--group',
      groupId,
      '--consumer-property',
      'group.protocol=consumer',
      '--consumer-property',
      `client.id=${clientId}`,
    ],
    {stdio: ['ignore', 'ignore', 'pipe']},
  )
  children.add(child)
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => void (stderr = (stderr + chunk.toString()).slice(-4000)))

  try {
    const group = await until(
      'a consumer member with 3 assigned partitions',
      async () => {
        if (child.exitCode !== null) throw new Error(`consumer exited with ${child.exitCode}: ${stderr}`)
        const [g] = await consumerGroupDescribe(cluster, [groupId])
        const assigned = g?.members[0]?.assignment.topicPartitions.flatMap((tp) => tp.partitions) ?? []
        return g && g.errorCode === 0 && g.groupState === 'Stable' && assigned.length === 3 ? g : undefined
      },
      90_000,
      {intervalMs: 500, retryErrors: true},
    )

    assert.equal(group.groupId, groupId)
    assert.equal(group.error, null)
    assert.equal(group.assignorName, 'uniform')
    assert.ok(group.groupEpoch >= 1)
    assert.equal(group.assignmentEpoch, group.groupEpoch)
    assert.equal(group.members.length, 1)
    const member = group.members[0]!
    assert.match(member.memberId, /^\S{10,}$/)
    assert.equal(member.clientId, clientId)
    assert.ok(member.clientHost.length > 0)
    assert.equal(member.instanceId, null)
    assert.equal(member.memberEpoch, group.groupEpoch)
    assert.deepEqual(member.subscribedTopicNames, [topic])
    assert.ok(!member.subscribedTopicRegex, 'no regex subscription (Kafka 4.1 sends "" rather than null)')
    assert.equal(member.memberType, 'consumer')
    assert.equal(member.assignment.topicPartitions.length, 1)
    const tp = member.assignment.topicPartitions[0]!
    assert.equal(tp.topicName, topic)
    assert.deepEqual([...tp.partitions].sort(), [0, 1, 2])
    assert.match(tp.topicId, /^[A-Za-z0-9_-]{22}$/)
    assert.notEqual(tp.topicId, 'AAAAAAAAAAAAAAAAAAAAAA')
    assert.deepEqual(member.targetAssignment, member.assignment)

    // While the member is subscribed, the coordinator refuses to delete the topic's offsets.
    const refused = await offsetDelete(cluster, groupId, [{topic, partitions: [0, 1]}])
    assert.equal(refused.errorCode, 0)
    for (const p of refused.topics[0]!.partitions) {
      assert.equal(p.errorCode, 86)
      assert.equal(errorType(p.error), 'GROUP_SUBSCRIBED_TO_TOPIC')
    }
  } finally {
    await stop(child)
  }
})

test('ConsumerGroupDescribe returns GROUP_ID_NOT_FOUND per group instead of throwing', async () => {
  const missing = `kfk-it-cgd-nogroup-${suffix}`
  const results = await consumerGroupDescribe(cluster, [missing])
  assert.equal(results.length, 1)
  assert.equal(results[0]!.groupId, missing)
  assert.equal(results[0]!.errorCode, 69)
  assert.equal(errorType(results[0]!.error), 'GROUP_ID_NOT_FOUND')
  assert.deepEqual(results[0]!.members, [])
})
