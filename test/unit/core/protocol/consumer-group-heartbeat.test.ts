import assert from 'node:assert/strict'
import {test} from 'node:test'
import {heartbeatProtocol} from '../../../../src/core/protocol/consumer-group-heartbeat.js'

const join = {groupId: 'g', memberId: 'm', memberEpoch: 0, rebalanceTimeoutMs: 60_000, subscribedTopicNames: ['t'], topicPartitions: []}
const TOPIC_ID = Buffer.from('00112233445566778899aabbccddeeff', 'hex')

test('ConsumerGroupHeartbeat v1 request: header tags, compact strings, nulls, v1 regex, empty owned partitions', async () => {
  const encoded = await heartbeatProtocol(1, join).request.encode()
  // tags | "g" | "m" | epoch 0 | instance, rack null | 60000 | ["t"] | regex null | assignor null | [] | tags
  assert.equal(
    encoded.buffer.toString('hex'),
    '00' + '0267' + '026d' + '00000000' + '00' + '00' + '0000ea60' + '02' + '0274' + '00' + '00' + '01' + '00',
  )
})

test('ConsumerGroupHeartbeat v0 has no regex field; owned partitions carry the topic id bytes', async () => {
  const encoded = await heartbeatProtocol(0, {
    ...join,
    memberEpoch: 3,
    subscribedTopicNames: null,
    topicPartitions: [{topicId: TOPIC_ID.toString('base64url'), partitions: [1]}],
  }).request.encode()
  assert.equal(
    encoded.buffer.toString('hex'),
    '00' +
      '0267' +
      '026d' +
      '00000003' +
      '00' +
      '00' +
      '0000ea60' +
      '00' +
      '00' +
      '02' +
      TOPIC_ID.toString('hex') +
      '02' +
      '00000001' +
      '00' +
      '00',
  )
})

test('ConsumerGroupHeartbeat response: epoch, interval and a present (INT8 1) assignment; null (-1) means unchanged', async () => {
  const {response} = heartbeatProtocol(1, join)
  const present = Buffer.from(
    '00' +
      '00000000' +
      '0000' +
      '00' +
      '00' +
      '00000003' +
      '00001388' +
      '01' +
      '02' +
      TOPIC_ID.toString('hex') +
      '03' +
      '00000000' +
      '00000002' +
      '00' +
      '00' +
      '00',
    'hex',
  )
  const decoded = response.parse(await response.decode(present)) as Awaited<ReturnType<typeof response.parse>>
  assert.deepEqual(decoded, {
    errorCode: 0,
    error: null,
    memberId: null,
    memberEpoch: 3,
    heartbeatIntervalMs: 5000,
    assignment: [{topicId: TOPIC_ID.toString('base64url'), partitions: [0, 2]}],
  })
  const unchanged = Buffer.from('00' + '00000000' + '0000' + '00' + '00' + '00000004' + '00001388' + 'ff' + '00', 'hex')
  assert.equal((response.parse(await response.decode(unchanged)) as {assignment: unknown}).assignment, null)
})
