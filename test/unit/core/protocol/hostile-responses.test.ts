import assert from 'node:assert/strict'
import {test} from 'node:test'
import {decodeProduceResponse} from '../../../../src/core/protocol/produce.js'
import {CorruptResponseError} from '../../../../src/core/records/corrupt.js'
import {hex} from './wire.js'

/**
 * Responses cut short or with lying counts and sizes, through the modules that
 * read them: every one is a CorruptResponseError naming the API and the field,
 * never a RangeError, zeros from past the end, or a huge allocation.
 */
const corrupt = (api: string, reason: RegExp) => (e: unknown) =>
  e instanceof CorruptResponseError && e.message.startsWith(`corrupt ${api} response from the broker: `) && reason.test(e.message)

const PRODUCE_V8 = hex(
  '00000001 0002 6162 00000001', // topic "ab", one partition
  '00000000 0000 000000000000002a ffffffffffffffff 0000000000000000', // p0 ok at offset 42
  '00000001 00000000 0003 6e6f70', // one record error: batch 0 "nop"
  'ffff', // error_message null
  '00000000', // throttle_time_ms (not read)
)

test('Produce: every cut up to the throttle time (which kfk does not read) fails, naming the field', () => {
  assert.deepEqual(decodeProduceResponse(8, PRODUCE_V8), [
    {partition: 0, errorCode: 0, baseOffset: 42n, logStartOffset: 0n, errorMessage: null},
  ])
  for (let n = 0; n < PRODUCE_V8.length - 4; n++)
    assert.throws(
      () => decodeProduceResponse(8, PRODUCE_V8.subarray(0, n)),
      corrupt('Produce', /: truncated |count \d+ does not fit/),
      `cut at ${n}`,
    )
  assert.throws(
    () => decodeProduceResponse(8, PRODUCE_V8.subarray(0, 21)),
    corrupt('Produce', /truncated base_offset at byte 18: needs 8 bytes, 3 left$/),
  )
  assert.throws(() => decodeProduceResponse(8, hex('7fffffff')), corrupt('Produce', /topics count 2147483647 does not fit in 0 bytes$/))
  assert.throws(() => decodeProduceResponse(8, hex('00000001 fffe')), corrupt('Produce', /topic name length -2$/))
})
