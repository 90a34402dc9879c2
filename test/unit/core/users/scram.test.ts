import assert from 'node:assert/strict'
import {createHash, createHmac} from 'node:crypto'
import {test} from 'node:test'
import {checkIterations, saltedPassword} from '../../../../src/core/users/scram.js'
import {KfkError} from '../../../../src/cli/errors.js'

test('saltedPassword is SCRAM Hi(): the RFC 7677 SCRAM-SHA-256 exchange yields its published client proof', () => {
  const salted = saltedPassword('SCRAM-SHA-256', 'pencil', Buffer.from('W22ZaJ0SNY7soEsUEjb6gQ==', 'base64'), 4096)
  const nonce = 'rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0'
  const authMessage = `n=user,r=rOprNGfwEbeRWgbNEkqO,r=${nonce},s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,c=biws,r=${nonce}`
  const clientKey = createHmac('sha256', salted).update('Client Key').digest()
  const signature = createHmac('sha256', createHash('sha256').update(clientKey).digest()).update(authMessage).digest()
  const proof = Buffer.from(clientKey.map((b, i) => b ^ signature[i]!))
  assert.equal(proof.toString('base64'), 'dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=')
})

test('SCRAM-SHA-512 credentials are 64 bytes; iterations outside 4096-16384 are a usage error', () => {
  assert.equal(saltedPassword('SCRAM-SHA-512', 'p', Buffer.from('salt'), 4096).length, 64)
  assert.equal(checkIterations(8192), 8192)
  for (const bad of [4095, 16385, 1.5])
    assert.throws(
      () => checkIterations(bad),
      (e: unknown) => e instanceof KfkError && e.exit === 2 && e.message.includes(String(bad)),
    )
})
