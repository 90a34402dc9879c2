import assert from 'node:assert/strict'
import {test} from 'node:test'
import {alterUserScramCredentials} from '../../../../src/core/protocol/alter-user-scram-credentials.js'
import {describeUserScramCredentials} from '../../../../src/core/protocol/describe-user-scram-credentials.js'
import {CLIENT_ID, fakeBroker, frame, hex} from './wire.js'

// DescribeUserScramCredentials (50) and AlterUserScramCredentials (51): v0 only, flexible.
// Mechanisms: SCRAM-SHA-256 = 1, SCRAM-SHA-512 = 2.
const header = (key: string) => `${key} 0000 00000001 ${CLIENT_ID} 00`

test('DescribeUserScramCredentials: null users (all) is a 0 length; per-user credentials and errors', async () => {
  const response = hex(
    '00', // response header tags
    '00000000 0000 00', // throttle, no error, null message
    '03', // two results
    '06 616c696365 0000 00 03 01 00002000 00 02 00001000 00 00', // alice: SHA-256 x8192, SHA-512 x4096
    '04 626f62 005b 00 01 00', // bob: RESOURCE_NOT_FOUND (91), no credentials
    '00',
  )
  const {broker, sent} = fakeBroker(50, 0, [response])
  const users = await describeUserScramCredentials(broker, null)
  assert.deepEqual(sent[0]!.frame, frame(header('0032'), '00', '00'))
  assert.deepEqual(users[0], {
    user: 'alice',
    errorCode: 0,
    error: null,
    credentials: [
      {mechanism: 'SCRAM-SHA-256', iterations: 8192},
      {mechanism: 'SCRAM-SHA-512', iterations: 4096},
    ],
  })
  assert.deepEqual([users[1]!.user, users[1]!.errorCode, users[1]!.error instanceof Error, users[1]!.credentials], ['bob', 91, true, []])

  const named = fakeBroker(50, 0, [hex('00', '00000000 0000 00', '01', '00')])
  await describeUserScramCredentials(named.broker, ['alice'])
  assert.deepEqual(named.sent[0]!.frame, frame(header('0032'), '02 06 616c696365 00', '00'))
})

test('AlterUserScramCredentials: deletions, then upsertions with salt and salted password as compact bytes', async () => {
  const {broker, sent} = fakeBroker(51, 0, [hex('00', '00000000', '02', '06 616c696365 0000 00 00', '00')])
  const results = await alterUserScramCredentials(broker, {
    deletions: [{user: 'bob', mechanism: 'SCRAM-SHA-512'}],
    upsertions: [
      {
        user: 'alice',
        mechanism: 'SCRAM-SHA-256',
        iterations: 8192,
        salt: Buffer.from('0102', 'hex'),
        saltedPassword: Buffer.from('aabbcc', 'hex'),
      },
    ],
  })
  assert.deepEqual(sent[0]!.frame, frame(header('0033'), '02 04 626f62 02 00', '02 06 616c696365 01 00002000 03 0102 04 aabbcc 00', '00'))
  assert.deepEqual(results, [{user: 'alice', error: null}])
})
