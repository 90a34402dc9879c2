import assert from 'node:assert/strict'
import {test} from 'node:test'
import {encodeAssignment} from '../../../../src/core/consume/group/classic-assignment.js'
import {decodeClassicAssignment} from '../../../../src/core/groups/groups.js'

// ConsumerProtocolAssignment v0 as kafkajs (and Java before 2.4) writes it: int16 version,
// [topic STRING, [partition INT32]], user_data BYTES.
const V0 = Buffer.from(
  '0000' + '00000002' + '0001' + '62' + '00000001' + '00000003' + '0001' + '61' + '00000002' + '00000001' + '00000000' + '00000000',
  'hex',
)

test('groups describe reads a classic member assignment with kfk decoder: sorted topic partitions', () => {
  assert.deepEqual(decodeClassicAssignment(V0), [
    {topic: 'a', partition: 0},
    {topic: 'a', partition: 1},
    {topic: 'b', partition: 3},
  ])
  assert.deepEqual(decodeClassicAssignment(encodeAssignment(new Map([['t', [2, 0]]]))), [
    {topic: 't', partition: 0},
    {topic: 't', partition: 2},
  ])
})

test('no assignment bytes (a member left out, or none yet) is no partitions', () => {
  assert.deepEqual(decodeClassicAssignment(null), [])
  assert.deepEqual(decodeClassicAssignment(undefined), [])
  assert.deepEqual(decodeClassicAssignment(Buffer.alloc(0)), [])
  assert.deepEqual(decodeClassicAssignment(Buffer.from('00', 'hex')), [], 'shorter than a version, as kafkajs read it')
})

test('an assignment cut inside its partitions fails with one line, instead of reading zeros', () => {
  // Every cut that ends before the last partition (the user data that follows is not read).
  for (let n = 2; n < V0.length - 4; n++)
    assert.throws(
      () => decodeClassicAssignment(V0.subarray(0, n)),
      /^Error: malformed consumer protocol metadata: (truncated |.*count \d+ does not fit)/,
      `cut at ${n}`,
    )
  assert.throws(
    () => decodeClassicAssignment(Buffer.from('0000' + '00000001' + '0001' + '61' + '7fffffff', 'hex')),
    /malformed consumer protocol metadata: partitions count 2147483647 does not fit in 0 bytes/,
  )
})
