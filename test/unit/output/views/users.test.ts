import assert from 'node:assert/strict'
import {test} from 'node:test'
import type {ScramChange, ScramUser} from '../../../../src/core/users/scram.js'
import {CHANGE_HEAD, changeRows, SCRAM_HEAD, scramRows} from '../../../../src/output/views/users.js'
import {plainTable} from '../../../helpers/plain-table.js'

test('users list and describe: one row a credential; a user without any says why', () => {
  const users: ScramUser[] = [
    {
      user: 'alice',
      credentials: [
        {mechanism: 'SCRAM-SHA-256', iterations: 8192},
        {mechanism: 'SCRAM-SHA-512', iterations: 4096},
      ],
    },
    {user: 'bob', credentials: [], error: 'RESOURCE_NOT_FOUND'},
  ]
  assert.deepEqual(scramRows(users), [
    ['alice', 'SCRAM-SHA-256', '8192'],
    ['alice', 'SCRAM-SHA-512', '4096'],
    ['bob', '(RESOURCE_NOT_FOUND)', ''],
  ])
  assert.deepEqual(plainTable(SCRAM_HEAD, scramRows(users)), [
    'USER   MECHANISM             ITERATIONS',
    'alice  SCRAM-SHA-256         8192',
    'alice  SCRAM-SHA-512         4096',
    'bob    (RESOURCE_NOT_FOUND)',
  ])
})

test('users set-password and delete: one status a credential, the iterations of a new password', () => {
  const changes: ScramChange[] = [
    {user: 'alice', mechanism: 'SCRAM-SHA-512', action: 'set', iterations: 8192},
    {user: 'bob', mechanism: 'SCRAM-SHA-256', action: 'deleted'},
    {user: 'carol', mechanism: 'SCRAM-SHA-256', action: 'deleted', error: 'RESOURCE_NOT_FOUND'},
  ]
  assert.deepEqual(changeRows(changes), [
    ['alice', 'SCRAM-SHA-512', 'password set (8192 iterations)'],
    ['bob', 'SCRAM-SHA-256', 'deleted'],
    ['carol', 'SCRAM-SHA-256', 'failed: RESOURCE_NOT_FOUND'],
  ])
  assert.equal(plainTable(CHANGE_HEAD, changeRows(changes))[0], 'USER   MECHANISM      STATUS')
})
