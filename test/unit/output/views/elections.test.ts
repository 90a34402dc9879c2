import assert from 'node:assert/strict'
import {test} from 'node:test'
import type {ElectionOutcome} from '../../../../src/core/partitions/elect-leaders.js'
import {ELECTION_HEAD, electionRows, uncleanRiskLines} from '../../../../src/output/views/elections.js'
import {plainTable} from '../../../helpers/plain-table.js'

test('elect-leaders: one row a partition, what the election did (its type named) or why it failed', () => {
  const outcomes: ElectionOutcome[] = [
    {topic: 'orders', partition: 0, outcome: 'elected'},
    {topic: 'orders', partition: 1, outcome: 'already-leader'},
    {topic: 'orders', partition: 2, outcome: 'failed', error: 'PREFERRED_LEADER_NOT_AVAILABLE'},
  ]
  assert.deepEqual(electionRows(outcomes, 'preferred'), [
    ['orders', '0', 'elected (preferred)'],
    ['orders', '1', 'already leader'],
    ['orders', '2', 'failed: PREFERRED_LEADER_NOT_AVAILABLE'],
  ])
  assert.deepEqual(electionRows(outcomes.slice(0, 1), 'unclean'), [['orders', '0', 'elected (unclean)']])
  assert.deepEqual(plainTable(ELECTION_HEAD, electionRows(outcomes.slice(1), 'preferred')), [
    'TOPIC   PARTITION  RESULT',
    'orders  1          already leader',
    'orders  2          failed: PREFERRED_LEADER_NOT_AVAILABLE',
  ])
})

test('unclean risk: which out-of-sync replica could lead, and whose acknowledged records would be lost', () => {
  assert.deepEqual(
    uncleanRiskLines([
      {topic: 'payments', partition: 3, candidates: [2, 3], lastInSync: [1]},
      {topic: 'payments', partition: 4, candidates: [], lastInSync: []},
    ]),
    [
      'payments-3: no leader; would elect one of 2, 3 (out of sync), losing the acknowledged records only replica(s) 1 held',
      'payments-4: no leader; would elect one of (no live replica) (out of sync), losing the acknowledged records only the lost leader held',
    ],
  )
})
