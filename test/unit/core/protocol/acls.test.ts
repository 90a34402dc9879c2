import assert from 'node:assert/strict'
import {test} from 'node:test'
import {MATCH_ALL, type AclBinding} from '../../../../src/core/acls/model.js'
import {createAcls} from '../../../../src/core/protocol/create-acls.js'
import {deleteAcls} from '../../../../src/core/protocol/delete-acls.js'
import {describeAcls} from '../../../../src/core/protocol/describe-acls.js'
import {CLIENT_ID, fakeBroker, frame, hex} from './wire.js'

// DescribeAcls (29), CreateAcls (30), DeleteAcls (31): v1 classic, v2+ flexible (v3 only adds the USER
// resource type). Fields per ACL: resource type INT8, name, pattern type INT8, principal, host,
// operation INT8, permission INT8. Codes: TOPIC 2, GROUP 3; LITERAL 3, PREFIXED 4, ANY 1;
// READ 3, WRITE 4; ALLOW 3, DENY 2.
const header = (key: string, version: string, flexible: boolean) => `${key} ${version} 00000001 ${CLIENT_ID}${flexible ? ' 00' : ''}`

const writeOrders: AclBinding = {
  resourceType: 'TOPIC',
  resourceName: 'orders',
  patternType: 'LITERAL',
  principal: 'User:a',
  host: '*',
  operation: 'WRITE',
  permission: 'ALLOW',
}

test('DescribeAcls v3 request: a filter with nulls is compact (0 = null); the response groups ACLs per resource', async () => {
  const response = hex(
    '00', // response header tags
    '00000000 0000 00', // throttle, no error, null message
    '02', // one resource
    '02 07 6f7264657273 03', // TOPIC "orders" LITERAL
    '03', // two ACLs
    '07 557365723a61 02 2a 04 03 00', // User:a * WRITE ALLOW
    '07 557365723a62 09 31302e302e302e31 03 02 00', // User:b 10.0.0.1 READ DENY
    '00', // resource tags
    '00', // tags
  )
  const {broker, sent} = fakeBroker(29, 3, [response])
  const bindings = await describeAcls(broker, {...MATCH_ALL, resourceType: 'TOPIC', resourceName: 'orders', patternType: 'MATCH'})
  assert.deepEqual(sent[0]!.frame, frame(header('001d', '0003', true), '02 07 6f7264657273 02 00 00 01 01', '00'))
  assert.deepEqual(bindings, [
    writeOrders,
    {
      resourceType: 'TOPIC',
      resourceName: 'orders',
      patternType: 'LITERAL',
      principal: 'User:b',
      host: '10.0.0.1',
      operation: 'READ',
      permission: 'DENY',
    },
  ])
})

test('DescribeAcls v1 (classic strings, -1 = null); SECURITY_DISABLED is thrown with the broker message', async () => {
  const response = hex('00000000', '0036', '0002 6e6f', '00000000') // error 54, message "no", no resources
  const {broker, sent} = fakeBroker(29, 1, [response])
  await assert.rejects(
    describeAcls(broker, MATCH_ALL),
    (e: Error & {type: string}) => e.type === 'SECURITY_DISABLED' && /\(no\)/.test(e.message),
  )
  assert.deepEqual(sent[0]!.frame, frame(header('001d', '0001', false), '01 ffff 01 ffff ffff 01 01'))
})

test('CreateAcls v3: one creation per binding; per-binding errors in order', async () => {
  const response = hex('00', '00000000', '03', '0000 00 00', '002a 04 626164 00', '00') // ok; INVALID_REQUEST (42) "bad"
  const {broker, sent} = fakeBroker(30, 3, [response])
  const prefixed: AclBinding = {...writeOrders, resourceType: 'GROUP', resourceName: 'g', patternType: 'PREFIXED', operation: 'READ'}
  const errors = await createAcls(broker, [writeOrders, prefixed])
  assert.deepEqual(
    sent[0]!.frame,
    frame(
      header('001e', '0003', true),
      '03',
      '02 07 6f7264657273 03 07 557365723a61 02 2a 04 03 00',
      '03 02 67 04 07 557365723a61 02 2a 03 03 00',
      '00',
    ),
  )
  assert.equal(errors[0], null)
  assert.equal((errors[1] as Error & {type: string}).type, 'INVALID_REQUEST')
})

test('CreateAcls v1: classic request and response', async () => {
  const {broker, sent} = fakeBroker(30, 1, [hex('00000000', '00000001', '0000 ffff')])
  assert.deepEqual(await createAcls(broker, [writeOrders]), [null])
  assert.deepEqual(
    sent[0]!.frame,
    frame(header('001e', '0001', false), '00000001', '02 0006 6f7264657273 03 0006 557365723a61 0001 2a 04 03'),
  )
})

test('DeleteAcls v2: per filter the ACLs it matched, each with its own error', async () => {
  const response = hex(
    '00',
    '00000000',
    '02', // one filter result
    '0000 00', // no error
    '03', // two matching ACLs
    '0000 00 02 07 6f7264657273 03 07 557365723a61 02 2a 04 03 00', // deleted
    '001f 00 02 07 6f7264657273 03 07 557365723a61 02 2a 03 03 00', // CLUSTER_AUTHORIZATION_FAILED (31)
    '00', // filter result tags
    '00',
  )
  const {broker, sent} = fakeBroker(31, 2, [response])
  const [result] = await deleteAcls(broker, [{...MATCH_ALL, resourceType: 'TOPIC', resourceName: 'orders', patternType: 'LITERAL'}])
  assert.deepEqual(sent[0]!.frame, frame(header('001f', '0002', true), '02', '02 07 6f7264657273 03 00 00 01 01 00', '00'))
  assert.equal(result!.error, null)
  assert.deepEqual(result!.matches[0], {binding: writeOrders, error: null})
  assert.deepEqual(result!.matches[1]!.binding, {...writeOrders, operation: 'READ'})
  assert.equal((result!.matches[1]!.error as Error & {type: string}).type, 'CLUSTER_AUTHORIZATION_FAILED')
})
