import assert from 'node:assert/strict'
import {test} from 'node:test'
import {createTopicsRequest} from '../../../../src/core/protocol/create-topics.js'
import {CLIENT_ID, fakeBroker, frame, hex} from './wire.js'

// CreateTopics (19) v4, classic: topics [name, num_partitions INT32, replication_factor INT16,
// assignments [partition INT32, broker_ids [INT32]], configs [name, value]], timeout_ms INT32,
// validate_only BOOLEAN. Response: throttle INT32, topics [name, error_code INT16, error_message].
test('CreateTopics v4: partitions and configs, or an assignment; each topic’s error keeps the controller’s message', async () => {
  const response = hex(
    '00000000', // throttle
    '00000002',
    '0001 61 0000 ffff', // "a": no error, null message
    '0001 62 002c 0009 457863657373697665', // "b": POLICY_VIOLATION (44), "Excessive" (9 bytes)
  )
  const {broker, sent} = fakeBroker(19, 7, [response])
  const results = await createTopicsRequest(
    broker,
    [
      {name: 'a', numPartitions: 3, replicationFactor: 2, assignments: [], configs: {'retention.ms': '1000'}},
      {name: 'b', numPartitions: -1, replicationFactor: -1, assignments: [[1, 2]], configs: {}},
    ],
    {timeoutMs: 30000, validateOnly: true},
  )
  assert.deepEqual(
    sent[0]!.frame,
    frame(
      `0013 0004 00000001 ${CLIENT_ID}`,
      '00000002',
      '0001 61 00000003 0002 00000000 00000001 000c 726574656e74696f6e2e6d73 0004 31303030',
      '0001 62 ffffffff ffff 00000001 00000000 00000002 00000001 00000002 00000000',
      '00007530 01',
    ),
  )
  assert.equal(results[0]!.name, 'a')
  assert.equal(results[0]!.error, null)
  assert.equal(results[1]!.name, 'b')
  assert.match(results[1]!.error!.message, /\(Excessive\)$/)
  assert.equal((results[1]!.error as {type?: string}).type, 'POLICY_VIOLATION')
})
