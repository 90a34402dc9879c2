import assert from 'node:assert/strict'
import {test} from 'node:test'
import {offsetDeleteOn} from '../../../../src/core/protocol/offset-delete.js'
import {CLIENT_ID, fakeBroker, frame, hex} from './wire.js'

// OffsetDelete (key 47) v0: not flexible; the response starts with error_code, then throttle_time_ms.
const topics = [{topic: 't', partitions: [0, 1]}]

test('OffsetDelete v0 request: header v1, group id, topics and partitions', async () => {
  const {broker, sent} = fakeBroker(47, 0, [hex('0000 00000000 00000000')])
  await offsetDeleteOn(broker, 'g', topics)
  assert.deepEqual(sent[0]!.frame, frame(`002f 0000 00000001 ${CLIENT_ID}`, '0001 67', '00000001', '0001 74 00000002 00000000 00000001'))
})

test('OffsetDelete v0 response: per-partition errors', async () => {
  // p0 deleted, p1 GROUP_SUBSCRIBED_TO_TOPIC (86)
  const {broker} = fakeBroker(47, 0, [hex('0000 00000000 00000001 0001 74 00000002 00000000 0000 00000001 0056')])
  const result = await offsetDeleteOn(broker, 'g', topics)
  assert.equal(result.groupId, 'g')
  assert.equal(result.errorCode, 0)
  assert.equal(result.error, null)
  assert.deepEqual(
    result.topics.map((t) => ({
      topic: t.topic,
      partitions: t.partitions.map((p) => [p.partition, p.errorCode, (p.error as (Error & {type: string}) | null)?.type ?? null]),
    })),
    [
      {
        topic: 't',
        partitions: [
          [0, 0, null],
          [1, 86, 'GROUP_SUBSCRIBED_TO_TOPIC'],
        ],
      },
    ],
  )
})

test('OffsetDelete v0 response: a group-level error is returned, not thrown', async () => {
  const {broker} = fakeBroker(47, 0, [hex('0045 00000000 00000000')]) // GROUP_ID_NOT_FOUND (69)
  const result = await offsetDeleteOn(broker, 'g', topics)
  assert.equal(result.errorCode, 69)
  assert.equal((result.error as Error & {type: string}).type, 'GROUP_ID_NOT_FOUND')
  assert.deepEqual(result.topics, [])
})
