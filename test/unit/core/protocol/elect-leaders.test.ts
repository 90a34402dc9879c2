import assert from 'node:assert/strict'
import {test} from 'node:test'
import {electLeaders} from '../../../../src/core/protocol/elect-leaders.js'
import {CLIENT_ID, fakeBroker, frame, hex} from './wire.js'

// ElectLeaders (43): v1 classic with election type (0 preferred, 1 unclean) and a top-level error; v2 flexible.

test('ElectLeaders v2: unclean, named partitions; per-partition results with the controller’s message', async () => {
  const response = hex(
    '00',
    '00000000 0000', // throttle, no error
    '02', // one topic
    '02 74', // "t"
    '03', // two partitions
    '00000000 0000 00 00', // 0 elected
    '00000001 0054 03 6e6f 00', // 1: ELECTION_NOT_NEEDED (84) "no"
    '00',
    '00',
  )
  const {broker, sent} = fakeBroker(43, 2, [response])
  const results = await electLeaders(broker, 'unclean', [{topic: 't', partitions: [0, 1]}], 5000)
  assert.deepEqual(sent[0]!.frame, frame(`002b 0002 00000001 ${CLIENT_ID} 00`, '01', '02 02 74 03 00000000 00000001 00', '00001388', '00'))
  assert.deepEqual(
    results.map((r) => [r.topic, r.partition, r.errorCode, r.message]),
    [
      ['t', 0, 0, null],
      ['t', 1, 84, 'no'],
    ],
  )
  assert.equal(results[0]!.error, null)
})

test('ElectLeaders v1: preferred, every partition (null as INT32 -1); a top-level error is thrown', async () => {
  const response = hex('00000000', '001f', '00000000') // CLUSTER_AUTHORIZATION_FAILED (31), no results
  const {broker, sent} = fakeBroker(43, 1, [response])
  await assert.rejects(
    electLeaders(broker, 'preferred', null, 1000),
    (e: Error & {type: string}) => e.type === 'CLUSTER_AUTHORIZATION_FAILED',
  )
  assert.deepEqual(sent[0]!.frame, frame(`002b 0001 00000001 ${CLIENT_ID}`, '00', 'ffffffff', '000003e8'))
})
