import assert from 'node:assert/strict'
import {test} from 'node:test'
import {offsetCommitV9} from '../../../../src/core/protocol/offset-commit.js'
import {CLIENT_ID, fakeBroker, frame, hex} from './wire.js'

// OffsetCommit (key 8) v9: flexible, so request header v2 (a tag section after the client id) and response header v1.
const request = {
  groupId: 'g',
  memberEpoch: 5,
  memberId: 'm',
  topics: [
    {
      topic: 't',
      partitions: [
        {partition: 0, offset: 100n},
        {partition: 1, offset: 200n},
      ],
    },
  ],
}

test('OffsetCommit v9 request: member epoch in the generation field, no instance id, leader epoch -1, null metadata', async () => {
  const {broker, sent} = fakeBroker(8, 9, [hex('00', '00000000', '02 0274 03 00000000 0000 00 00000001 0000 00 00', '00')])
  await offsetCommitV9(broker, request)
  assert.equal(sent[0]!.apiVersion, 9)
  assert.deepEqual(
    sent[0]!.frame,
    frame(
      `0008 0009 00000001 ${CLIENT_ID} 00`,
      '0267',
      '00000005',
      '026d',
      '00',
      '02 0274 03',
      '00000000 0000000000000064 ffffffff 00 00',
      '00000001 00000000000000c8 ffffffff 00 00',
      '00',
      '00',
    ),
  )
})

test('OffsetCommit v9 response: the first partition error code, 0 when all committed', async () => {
  const ok = fakeBroker(8, 9, [hex('00', '00000000', '02 0274 03 00000000 0000 00 00000001 0000 00 00', '00')])
  assert.equal(await offsetCommitV9(ok.broker, request), 0)
  // p0 committed, p1 STALE_MEMBER_EPOCH (113): the code comes back for the caller to act on.
  const stale = fakeBroker(8, 9, [hex('00', '00000000', '02 0274 03 00000000 0000 00 00000001 0071 00 00', '00')])
  assert.equal(await offsetCommitV9(stale.broker, request), 113)
})

test('OffsetCommit: a broker without v9 is refused before anything is sent', async () => {
  const {broker, sent} = fakeBroker(8, 8, [])
  await assert.rejects(offsetCommitV9(broker, request))
  assert.equal(sent.length, 0)
})
