import assert from 'node:assert/strict'
import {test} from 'node:test'
import {
  decodeAssignment,
  decodeSubscription,
  encodeAssignment,
  encodeSubscription,
} from '../../../../../src/core/consume/group/classic-assignment.js'

// Java's ConsumerProtocolSubscription v2, written out by hand from its schema.
const SUBSCRIPTION_V2 = Buffer.from(
  '0002' + '00000001' + '0001' + '74' + 'ffffffff' + '00000001' + '0001' + '74' + '00000002' + '00000000' + '00000002' + '00000005',
  'hex',
)

test('subscription v2 is written as Java writes it, and read back', () => {
  const s = {topics: ['t'], userData: null, ownedPartitions: new Map([['t', [0, 2]]]), generationId: 5}
  assert.deepEqual(encodeSubscription(s), SUBSCRIPTION_V2)
  assert.deepEqual(decodeSubscription(SUBSCRIPTION_V2), s)
})

test('older and newer subscription versions: v0 has no owned partitions; v3 fields (rack) are ignored', () => {
  const v0 = Buffer.from('0000' + '00000002' + '0001' + '61' + '0001' + '62' + '00000003' + '010203', 'hex')
  assert.deepEqual(decodeSubscription(v0), {
    topics: ['a', 'b'],
    userData: Buffer.from([1, 2, 3]),
    ownedPartitions: new Map(),
    generationId: -1,
  })
  const v3 = Buffer.concat([Buffer.from('0003', 'hex'), SUBSCRIPTION_V2.subarray(2), Buffer.from('0004' + '72616b31', 'hex')])
  assert.equal(decodeSubscription(v3).generationId, 5)
})

test('assignment round trip; an empty assignment buffer is no partitions', () => {
  const a = new Map([
    ['x', [1, 3]],
    ['y', [0]],
  ])
  assert.deepEqual(decodeAssignment(encodeAssignment(a)), a)
  assert.deepEqual(
    encodeAssignment(new Map([['t', [4]]])),
    Buffer.from('0002' + '00000001' + '0001' + '74' + '00000001' + '00000004' + 'ffffffff', 'hex'),
  )
  assert.deepEqual(decodeAssignment(Buffer.alloc(0)), new Map())
})

test('hostile metadata fails with a clear error instead of allocating or reading past the end', () => {
  assert.throws(() => decodeSubscription(Buffer.from('0000' + '7fffffff', 'hex')), /malformed consumer protocol metadata/)
  assert.throws(() => decodeSubscription(Buffer.from('0000' + '00000001' + '0009' + '61', 'hex')), /malformed/)
  assert.throws(() => decodeAssignment(Buffer.from('0000' + '00000001' + '0001', 'hex')), /malformed/)
})
