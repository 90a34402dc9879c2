// Off a terminal (as under the test runner) views print no colour codes, so rows compare as plain text.
import assert from 'node:assert/strict'
import {test} from 'node:test'
import type {AclBinding} from '../../../../src/core/acls/model.js'
import type {AclResult, AddStatus, RemoveStatus} from '../../../../src/core/acls/acls.js'
import {ACL_HEAD, aclResultRow, aclRow} from '../../../../src/output/views/acls.js'
import {plainTable} from '../../../helpers/plain-table.js'

const readOrders: AclBinding = {
  resourceType: 'TOPIC',
  resourceName: 'orders-',
  patternType: 'PREFIXED',
  principal: 'User:alice',
  host: '*',
  operation: 'READ',
  permission: 'ALLOW',
}
const denyTxn: AclBinding = {
  resourceType: 'TRANSACTIONAL_ID',
  resourceName: 'payments-tx',
  patternType: 'LITERAL',
  principal: 'User:mallory',
  host: '10.0.0.7',
  operation: 'DESCRIBE_CONFIGS',
  permission: 'DENY',
}

test('acls list: one row an ACL, names in the Pascal case kafka-acls.sh takes', () => {
  assert.deepEqual(aclRow(readOrders), ['User:alice', 'Allow', 'Read', '*', 'Topic', 'orders-', 'Prefixed'])
  assert.deepEqual(aclRow(denyTxn), ['User:mallory', 'Deny', 'DescribeConfigs', '10.0.0.7', 'TransactionalId', 'payments-tx', 'Literal'])
  assert.deepEqual(plainTable(ACL_HEAD, [aclRow(readOrders), aclRow(denyTxn)]), [
    'PRINCIPAL     PERMISSION  OPERATION        HOST      RESOURCE         NAME         PATTERN',
    'User:alice    Allow       Read             *         Topic            orders-      Prefixed',
    'User:mallory  Deny        DescribeConfigs  10.0.0.7  TransactionalId  payments-tx  Literal',
  ])
})

test('acls add and remove: the ACL, then what happened to it, a failure with its Kafka error', () => {
  const results: Array<AclResult<AddStatus | RemoveStatus>> = [
    {...readOrders, status: 'created'},
    {...readOrders, status: 'exists'},
    {...readOrders, status: 'would-create'},
    {...denyTxn, status: 'removed'},
    {...denyTxn, status: 'would-remove'},
    {...denyTxn, status: 'failed', error: 'CLUSTER_AUTHORIZATION_FAILED'},
  ]
  assert.deepEqual(
    results.map((r) => aclResultRow(r).at(-1)),
    ['created', 'exists already', 'would create (dry run)', 'removed', 'would remove (dry run)', 'failed: CLUSTER_AUTHORIZATION_FAILED'],
  )
  // The status is a column after the ACL's own seven.
  assert.deepEqual(aclResultRow(results[0]!), [...aclRow(readOrders), 'created'])
  assert.deepEqual(plainTable([...ACL_HEAD, 'status'], [aclResultRow(results[5]!)]), [
    'PRINCIPAL     PERMISSION  OPERATION        HOST      RESOURCE         NAME         PATTERN  STATUS',
    'User:mallory  Deny        DescribeConfigs  10.0.0.7  TransactionalId  payments-tx  Literal  failed: CLUSTER_AUTHORIZATION_FAILED',
  ])
})
