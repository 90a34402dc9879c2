/**
 * The protocol modules added for topics and offsets (Metadata v12, ListOffsets v7),
 * called directly against the real broker.
 */
import type {RawCluster} from '../../src/core/kafkajs/types.js'
import assert from 'node:assert/strict'
import {after, before, test} from 'node:test'
import {KafkaClient} from '../../src/core/kafkajs/client.js'
import {resolveSettings} from '../../src/config/settings.js'
import {fetchMetadata} from '../../src/core/protocol/metadata.js'
import {listOffsetsOn, OffsetSpec} from '../../src/core/protocol/list-offsets.js'
import {kfk, testBootstrap, uniqueName} from '../helpers/cli.js'

const topic = uniqueName('kfk-proto')
let client: KafkaClient
let cluster: RawCluster

before(async () => {
  // retention.ms=-1: records stamped in 1970 would otherwise go at the broker's next retention check.
  assert.equal((await kfk(['topics', 'create', topic, '-p', '2', '-r', '2', '--config', 'retention.ms=-1'])).code, 0)
  client = new KafkaClient(resolveSettings({'bootstrap-server': testBootstrap()}))
  cluster = await client.cluster()
  const producer = client.kafka.producer()
  await producer.connect()
  await producer.send({
    topic,
    messages: [
      {partition: 1, value: 'a', timestamp: '1000'},
      {partition: 1, value: 'b', timestamp: '3000'},
      {partition: 1, value: 'c', timestamp: '2000'},
    ],
  })
  await producer.disconnect()
})
after(async () => {
  await client.close()
  await kfk(['topics', 'delete', topic, '--yes', '--if-exists'])
})

test('Metadata v12: topic id, partitions, leaders; no topics means none; unknown topics report code 3', async () => {
  const broker = await cluster.findControllerBroker()
  const meta = await fetchMetadata(broker, [topic, `${topic}-missing`])
  assert.ok(meta.brokers.length >= 1)
  assert.ok(meta.brokers.some((b) => b.nodeId === meta.controllerId) || meta.controllerId >= 0)
  const [t, missing] = meta.topics
  assert.ok(t, 'no topics in the Metadata answer')
  assert.equal(t.name, topic)
  assert.match(t.topicId, /^[A-Za-z0-9_-]{22}$/)
  assert.equal(t.isInternal, false)
  assert.deepEqual(
    t.partitions.map((p) => p.partition),
    [0, 1],
  )
  for (const p of t.partitions) {
    assert.equal(p.replicas.length, 2)
    assert.ok(p.replicas.includes(p.leader))
  }
  assert.ok(missing, 'no second topic in the Metadata answer')
  assert.equal(missing.errorCode, 3)
  assert.deepEqual((await fetchMetadata(broker, [])).topics, [])
  const all = await fetchMetadata(broker, null)
  assert.equal(all.topics.find((x) => x.name === topic)?.topicId, t.topicId)
})

test('ListOffsets v7: earliest, latest, max-timestamp and by time on the leader', async () => {
  const broker = await cluster.findControllerBroker()
  const meta = await fetchMetadata(broker, [topic])
  const partition1 = meta.topics[0]?.partitions[1]
  assert.ok(partition1, `no partition 1 of ${topic} in the Metadata answer`)
  const leader = await cluster.findBroker({nodeId: partition1.leader})
  const ask = async (timestamp: bigint) => {
    const [offset] = await listOffsetsOn(leader, [{topic, partition: 1, timestamp}])
    assert.ok(offset, `no ListOffsets answer for ${timestamp}`)
    return offset
  }
  assert.equal((await ask(OffsetSpec.earliest)).offset, 0n)
  assert.equal((await ask(OffsetSpec.latest)).offset, 3n)
  const max = await ask(OffsetSpec.maxTimestamp)
  assert.deepEqual([max.offset, max.timestamp], [1n, 3000n])
  const at = await ask(1500n)
  assert.deepEqual([at.offset, at.timestamp], [1n, 3000n])
  const none = await ask(5000n)
  assert.equal(none.offset, -1n)
  assert.equal(none.errorCode, 0)
})

test('DescribeTopicPartitions v0: every partition, with eligible leader replicas, following the cursor', async () => {
  const {describeTopicPartitions} = await import('../../src/core/protocol/describe-topic-partitions.js')
  const broker = await cluster.findControllerBroker()
  const parts = await describeTopicPartitions(broker, [topic])
  assert.deepEqual(
    parts.map((p) => [p.topic, p.partition]),
    [
      [topic, 0],
      [topic, 1],
    ],
  )
  for (const p of parts) {
    assert.deepEqual(p.elr, [], 'a healthy partition has no eligible leader replicas outside its ISR')
    assert.ok(Array.isArray(p.lastKnownElr))
  }
  // An empty list asks for every topic, as the API defines it.
  assert.ok((await describeTopicPartitions(broker, [])).some((p) => p.topic === topic))
})
