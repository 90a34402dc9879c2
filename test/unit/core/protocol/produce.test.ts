import assert from 'node:assert/strict'
import {test} from 'node:test'
import {decodeProduceResponse, encodeProduceRequest} from '../../../../src/core/protocol/produce.js'

test('Produce v7/v8 request body: byte for byte', () => {
  const batch = Buffer.from('cafebabe', 'hex')
  const body = Buffer.concat(encodeProduceRequest({acks: -1, timeoutMs: 30000, topic: 'ab', batches: [{partition: 3, batch}]}))
  const expected = Buffer.from(
    [
      'ffff', // transactional_id: null
      'ffff', // acks: -1
      '00007530', // timeout_ms: 30000
      '00000001', // one topic
      '0002',
      '6162', // "ab"
      '00000001', // one partition
      '00000003', // index 3
      '00000004',
      'cafebabe', // records
    ].join(''),
    'hex',
  )
  assert.deepEqual(body, expected)
})

test('Produce v8 response: per partition error, offsets and the broker message', () => {
  const raw = Buffer.from(
    [
      '00000001',
      '0002',
      '6162', // topic "ab"
      '00000002', // two partitions
      '00000000',
      '0000',
      '000000000000002a',
      'ffffffffffffffff',
      '0000000000000000',
      '00000000',
      'ffff', // p0 ok at offset 42
      '00000001',
      '0006',
      'ffffffffffffffff',
      'ffffffffffffffff',
      'ffffffffffffffff',
      '00000000',
      '0003',
      '6e6f70', // p1 NOT_LEADER "nop"
      '00000000', // throttle
    ].join(''),
    'hex',
  )
  assert.deepEqual(decodeProduceResponse(8, raw), [
    {partition: 0, errorCode: 0, baseOffset: 42n, logStartOffset: 0n, errorMessage: null},
    {partition: 1, errorCode: 6, baseOffset: -1n, logStartOffset: -1n, errorMessage: 'nop'},
  ])
})

test('Produce v7 response has no record errors or message; a truncated answer is an error, not zeros', () => {
  const raw = Buffer.from(
    [
      '00000001',
      '0002',
      '6162',
      '00000001',
      '00000000',
      '0000',
      '0000000000000007',
      'ffffffffffffffff',
      '0000000000000000',
      '00000000',
    ].join(''),
    'hex',
  )
  assert.deepEqual(decodeProduceResponse(7, raw), [{partition: 0, errorCode: 0, baseOffset: 7n, logStartOffset: 0n, errorMessage: null}])
  assert.throws(() => decodeProduceResponse(7, raw.subarray(0, 20)), /truncated/)
})
