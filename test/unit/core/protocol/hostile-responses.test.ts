import assert from 'node:assert/strict'
import {test} from 'node:test'
import {apiVersions} from '../../../../src/core/protocol/api-versions.js'
import {listGroupsOn} from '../../../../src/core/protocol/list-groups.js'
import {decodeProduceResponse} from '../../../../src/core/protocol/produce.js'
import {CorruptResponseError} from '../../../../src/core/records/corrupt.js'
import {fakeBroker, hex} from './wire.js'

/**
 * Responses cut short or with lying counts and sizes, through the modules that
 * read them: every one is a CorruptResponseError naming the API and the field,
 * never a RangeError, zeros from past the end, or a huge allocation.
 */
const corrupt = (api: string, reason: RegExp) => (e: unknown) =>
  e instanceof CorruptResponseError && e.message.startsWith(`corrupt ${api} response from the broker: `) && reason.test(e.message)

const LIST_GROUPS_V5 = hex(
  '00', // response header tags
  '00000000 0000', // throttle_time_ms, error_code
  '03',
  '03 6731 09 636f6e73756d6572 07 537461626c65 09 636f6e73756d6572 00', // g1 consumer Stable consumer
  '03 6732 01 06 456d707479 08 636c6173736963', // g2 "" Empty classic
  '01 07 02 0000', // one unknown tagged field
  '00',
)

test('ListGroups (through defineRequest): every cut of a v5 response names the API and what ran out', async () => {
  const whole = await listGroupsOn(fakeBroker(16, 5, [LIST_GROUPS_V5]).broker)
  assert.equal(whole.length, 2)
  for (let n = 0; n < LIST_GROUPS_V5.length; n++) {
    const {broker} = fakeBroker(16, 5, [LIST_GROUPS_V5.subarray(0, n)])
    await assert.rejects(listGroupsOn(broker), corrupt('ListGroups', /: truncated |count \d+ does not fit/), `cut at ${n}`)
  }
})

test('ListGroups: hostile counts and lengths fail before they allocate or read past the end', async () => {
  const cases: Array<[string, RegExp]> = [
    ['00 00000000 0000 ffffffff0f', /array count 4294967294 does not fit in 0 bytes$/],
    ['00 00000000 0000 02 7f 6731', /truncated string at byte 9: needs 126 bytes, 2 left$/],
    ['00 00000000 0000 01 01 00 05 ab', /truncated tagged fields at byte 11: needs 5 bytes, 1 left$/],
    ['05 00', /truncated response header tags at byte 2$/],
  ]
  for (const [bytes, reason] of cases)
    await assert.rejects(listGroupsOn(fakeBroker(16, 5, [hex(bytes)]).broker), corrupt('ListGroups', reason), bytes)
})

const API_VERSIONS_V4 = hex(
  '0000', // no error
  '02 0012 0000 0004 00', // ApiVersions 0-4
  '00000000', // throttle
  '02',
  '01 08 0000000000000042', // 1: finalized features epoch 66
  '09 02 abcd', // an unknown tag, skipped by its size
)

test('ApiVersions: every cut fails; a tagged feature that reads past its own size is corrupt', async () => {
  assert.equal((await apiVersions(fakeBroker(18, 4, [API_VERSIONS_V4]).broker)).finalizedFeaturesEpoch, 66n)
  for (let n = 0; n < API_VERSIONS_V4.length; n++) {
    const {broker} = fakeBroker(18, 4, [API_VERSIONS_V4.subarray(0, n)])
    await assert.rejects(apiVersions(broker), corrupt('ApiVersions', /: truncated |count \d+ does not fit/), `cut at ${n}`)
  }
  // Tag 1 (an INT64) declared 4 bytes long: kafkajs read the next field's bytes into it.
  const lying = hex('0000 01 00000000', '02', '01 04 00000000', '09 04 00000042')
  await assert.rejects(
    apiVersions(fakeBroker(18, 4, [lying]).broker),
    corrupt('ApiVersions', /truncated int64 at byte 10: needs 8 bytes, 4 left$/),
  )
})

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
