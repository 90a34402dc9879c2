import assert from 'node:assert/strict'
import {test} from 'node:test'
import {alterClientQuotas} from '../../../../src/core/protocol/alter-client-quotas.js'
import {describeClientQuotas} from '../../../../src/core/protocol/describe-client-quotas.js'
import {CLIENT_ID, fakeBroker, frame, hex} from './wire.js'

// DescribeClientQuotas (48) and AlterClientQuotas (49): v0 classic, v1 flexible. Match types:
// 0 exact name, 1 default (null), 2 any entity of the type. Values are FLOAT64 (IEEE 754, big-endian).
const header = (key: string, version: string, flexible: boolean) => `${key} ${version} 00000001 ${CLIENT_ID}${flexible ? ' 00' : ''}`
const USER = '75736572' // "user"
const CLIENT = '636c69656e742d6964' // "client-id"

test('DescribeClientQuotas v1: exact, default and any components; entries with float64 values', async () => {
  const response = hex(
    '00',
    '00000000 0000 00', // throttle, no error, null message
    '02', // one entry
    '03 05 ' + USER + ' 02 61 00', // entity: user "a"
    '   0a ' + CLIENT + ' 00 00', //         client-id default (null)
    '02 13 70726f64756365725f627974655f72617465 4090000000000000 00', // producer_byte_rate = 1024.0
    '00', // entry tags
    '00',
  )
  const {broker, sent} = fakeBroker(48, 1, [response])
  const entries = await describeClientQuotas(
    broker,
    [
      {type: 'user', match: 'a'},
      {type: 'client-id', match: null},
      {type: 'ip', match: undefined},
    ],
    true,
  )
  assert.deepEqual(
    sent[0]!.frame,
    frame(header('0030', '0001', true), '04', '05 ' + USER + ' 00 02 61 00', '0a ' + CLIENT + ' 01 00 00', '03 6970 02 00 00', '01', '00'),
  )
  assert.deepEqual(entries, [
    {
      entity: [
        {type: 'user', name: 'a'},
        {type: 'client-id', name: null},
      ],
      values: {producer_byte_rate: 1024},
    },
  ])
})

test('AlterClientQuotas v0: set and remove ops, validate only; per-entity errors', async () => {
  const response = hex('00000000', '00000001', '0000 ffff', '00000001', '0004 75736572 0001 61')
  const {broker, sent} = fakeBroker(49, 0, [response])
  const results = await alterClientQuotas(
    broker,
    [{entity: [{type: 'user', name: 'a'}], ops: {request_percentage: 12.5, consumer_byte_rate: null}}],
    true,
  )
  assert.deepEqual(
    sent[0]!.frame,
    frame(
      header('0031', '0000', false),
      '00000001',
      '00000001 0004 75736572 0001 61',
      '00000002',
      '0012 726571756573745f70657263656e74616765 4029000000000000 00',
      '0012 636f6e73756d65725f627974655f72617465 0000000000000000 01',
      '01',
    ),
  )
  assert.deepEqual(results, [{entity: [{type: 'user', name: 'a'}], error: null}])
})
