import assert from 'node:assert/strict'
import {test} from 'node:test'
import type {GroupDescription} from '../../../../src/core/groups/model.js'
import type {StreamsResetPlan} from '../../../../src/core/groups/streams-reset.js'
import type {ItemResult} from '../../../../src/core/topics/changes.js'
import {
  executedNote,
  internalTopicsNote,
  liveMembersWarning,
  notDeletedMessage,
  resetPlanNotes,
  resetQuestion,
} from '../../../../src/output/views/streams.js'

const row = {currentOffset: 10, newOffset: 0, logStartOffset: 0, logEndOffset: 20, lagBefore: 10, lagAfter: 20}
const plan: StreamsResetPlan = {
  applicationId: 'wc',
  group: undefined,
  inputTopics: ['lines'],
  intermediateTopics: [],
  internalTopics: ['wc-counts-changelog', 'wc-by-word-repartition'],
  partitions: [
    {topic: 'lines', partition: 0, ...row},
    {topic: 'lines', partition: 1, ...row, note: 'clamped to the log start 5'},
  ],
}
const group = {groupId: 'wc', exists: true, type: 'streams', members: [{}, {}]} as unknown as GroupDescription

test('streams reset plan notes: no group, then each partition’s own note', () => {
  assert.deepEqual(resetPlanNotes(plan), [
    "no group 'wc' on this cluster (the application never committed)",
    'note: lines:1: clamped to the log start 5',
  ])
  assert.deepEqual(resetPlanNotes({...plan, group, partitions: plan.partitions.slice(0, 1)}), [])
})

test('streams reset: the internal topics to delete, the live members, the question', () => {
  assert.equal(internalTopicsNote(plan), 'internal topics to delete: wc-counts-changelog, wc-by-word-repartition')
  assert.equal(internalTopicsNote({...plan, internalTopics: []}), "no internal topics of 'wc' to delete")
  assert.equal(liveMembersWarning(plan), undefined)
  assert.equal(liveMembersWarning({...plan, group}), "application 'wc' has 2 live member(s); --execute is refused until it stops")
  assert.equal(resetQuestion(plan), "reset 2 offset(s) and delete 2 internal topic(s) of 'wc'")
})

test('streams reset --execute: what it did, and the topics it could not delete', () => {
  const deleted: ItemResult[] = [
    {topic: 'wc-counts-changelog', status: 'deleted', ok: true, error: null},
    {topic: 'wc-by-word-repartition', status: 'failed', ok: false, error: 'TOPIC_AUTHORIZATION_FAILED'},
  ]
  assert.equal(executedNote(plan, deleted), 'committed 2 offset(s); deleted 1 internal topic(s)')
  assert.equal(
    notDeletedMessage(deleted.slice(1)),
    '1 internal topic(s) were not deleted: wc-by-word-repartition (TOPIC_AUTHORIZATION_FAILED)',
  )
})
