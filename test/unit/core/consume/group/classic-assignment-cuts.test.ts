import assert from 'node:assert/strict'
import {test} from 'node:test'
import {decodeAssignment, decodeSubscription, encodeSubscription} from '../../../../../src/core/consume/group/classic-assignment.js'

const malformed =
  /^Error: malformed consumer protocol metadata: (truncated \S+ at byte \d+|\w+ count -?\d+ does not fit|null topic|\w+ length -\d+)/

test('every cut of a subscription fails with one line naming the field, never a RangeError', () => {
  const whole = encodeSubscription({
    topics: ['t', 'u'],
    userData: Buffer.from('ud'),
    ownedPartitions: new Map([['t', [0, 2]]]),
    generationId: 5,
  })
  assert.equal(decodeSubscription(whole).generationId, 5)
  for (let n = 0; n < whole.length; n++) assert.throws(() => decodeSubscription(whole.subarray(0, n)), malformed, `cut at ${n}`)
  assert.throws(() => decodeSubscription(whole.subarray(0, 11)), /truncated topic at byte 11: needs 1 bytes, 0 left$/)
})

test('hostile subscription and assignment fields: null names, negative lengths and counts', () => {
  assert.throws(
    () => decodeSubscription(Buffer.from('0000' + '00000001' + 'ffff', 'hex')),
    /malformed consumer protocol metadata: null topic$/,
  )
  assert.throws(() => decodeSubscription(Buffer.from('0000' + '00000000' + 'fffffffe', 'hex')), /user_data length -2$/)
  assert.throws(() => decodeAssignment(Buffer.from('0000' + 'fffffffe', 'hex')), /topics count -2 does not fit/)
  // A null array (-1) is no topics, as before.
  assert.deepEqual(decodeAssignment(Buffer.from('0000' + 'ffffffff', 'hex')), new Map())
  assert.deepEqual(decodeSubscription(Buffer.from('0000' + 'ffffffff' + 'ffffffff', 'hex')).topics, [])
})
