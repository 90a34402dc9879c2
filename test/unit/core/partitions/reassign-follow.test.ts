import assert from 'node:assert/strict'
import {test} from 'node:test'
import {KfkError} from '../../../../src/cli/errors.js'
import type {PartitionProgress} from '../../../../src/core/partitions/reassign.js'
import {endedOtherwise, followReassignment, throttlesGo} from '../../../../src/core/partitions/reassign-follow.js'

const completed: PartitionProgress = {topic: 'orders', partition: 0, state: 'completed', replicas: [2, 3], target: [2, 3]}
const moving: PartitionProgress = {topic: 'orders', partition: 1, state: 'in-progress', replicas: [1, 2, 3], target: [2, 3]}
const differs: PartitionProgress = {topic: 'orders', partition: 1, state: 'differs', replicas: [1, 2], target: [2, 3]}

/** A --verify check that answers `answers` in turn, counting its calls. */
function checks(...answers: PartitionProgress[][]) {
  const check = async () => ({partitions: answers[Math.min(check.calls++, answers.length - 1)]!, otherOngoing: 0})
  check.calls = 0
  return check
}

test('reassign --verify: one check without --watch, even while a partition still moves', async () => {
  const check = checks([completed, moving])
  const heard: number[] = []
  const result = await followReassignment(check, undefined, (m) => heard.push(m.length))
  assert.equal(check.calls, 1)
  assert.deepEqual(heard, [])
  assert.deepEqual(result, {partitions: [completed, moving], otherOngoing: 0, done: false})
})

test('reassign --verify --watch: checks again while a partition moves, telling which of how many', async () => {
  const check = checks([completed, moving], [completed, moving], [completed, {...moving, state: 'completed'}])
  const heard: Array<[number, number, number]> = []
  const result = await followReassignment(check, 0.001, (m, of) => heard.push([m.length, m[0]!.partition, of]))
  assert.equal(check.calls, 3)
  assert.deepEqual(heard, [
    [1, 1, 2],
    [1, 1, 2],
  ])
  assert.equal(result.done, true)
})

test('reassign --verify --watch: a move that ended with other replicas fails, with a hint', () => {
  assert.equal(endedOtherwise([completed]), undefined)
  const error = endedOtherwise([completed, differs])
  assert.ok(error instanceof KfkError)
  assert.equal(error.message, 'some partitions ended with other replicas than the plan wants (see above)')
  assert.equal(error.hint, 'A cancelled or replaced reassignment leaves them so; run --execute again to move them.')
})

test('reassign throttles go only when no move of the plan nor any other runs, and they are not preserved', () => {
  assert.equal(throttlesGo({done: true, otherOngoing: 0}, false), true)
  assert.equal(throttlesGo({done: false, otherOngoing: 0}, false), false)
  assert.equal(throttlesGo({done: true, otherOngoing: 1}, false), false)
  assert.equal(throttlesGo({done: true, otherOngoing: 0}, true), false)
})
