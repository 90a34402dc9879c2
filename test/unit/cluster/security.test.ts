import assert from 'node:assert/strict'
import {test} from 'node:test'
import {parseSecurityModes, securityModes, superUsers} from '../../../src/cluster/security.js'
import {KfkError} from '../../../src/cli/errors.js'

test('--security modes: listed once each; "authorizer" among them is --authorizer; an unknown one is a usage error', () => {
  assert.deepEqual(parseSecurityModes('ssl, SASL-PLAINTEXT,ssl'), {modes: ['ssl', 'sasl-plaintext'], authorizer: false})
  assert.deepEqual(parseSecurityModes('oauthbearer,authorizer'), {modes: ['oauthbearer'], authorizer: true})
  assert.deepEqual(parseSecurityModes('authorizer'), {modes: [], authorizer: true})
  assert.throws(
    () => parseSecurityModes('kerberos'),
    (e: unknown) => e instanceof KfkError && e.exit === 2 && /--security kerberos/.test(e.message),
  )
})

test('an authorizer needs the SASL listener the brokers log in to each other on; its super users are kfk by name and by certificate', () => {
  assert.deepEqual(securityModes(undefined, true), ['sasl-plaintext'])
  assert.deepEqual(securityModes(['ssl'], true), ['ssl', 'sasl-plaintext'])
  assert.deepEqual(securityModes(['sasl-plaintext', 'ssl'], true), ['sasl-plaintext', 'ssl'])
  assert.equal(securityModes(undefined, false), undefined)
  assert.deepEqual(superUsers(), ['User:kfk', 'User:CN=kfk'])
})
