import assert from 'node:assert/strict'
import {test} from 'node:test'
import {EXIT, KfkError} from '../../../../src/cli/errors.js'
import {applicationIdOf, resetTarget, streamsResetTopics} from '../../../../src/flags/streams/reset.js'

const usage = (fn: () => unknown, message: string) =>
  assert.throws(fn, (error: unknown) => error instanceof KfkError && error.exit === EXIT.usage && error.message === message)

test('streams reset: the application id is the argument or --application-id, given once', () => {
  assert.equal(applicationIdOf('wordcount', undefined), 'wordcount')
  assert.equal(applicationIdOf(undefined, 'wordcount'), 'wordcount')
  assert.equal(applicationIdOf('wordcount', 'wordcount'), 'wordcount')
  usage(() => applicationIdOf('wordcount', 'other'), 'give the application id once (argument or --application-id)')
  usage(() => applicationIdOf(undefined, undefined), 'no application id given')
})

test('streams reset: without a --to-* the input topics go to the log start; a --to-* given is kept', () => {
  assert.deepEqual(resetTarget({execute: true}), {execute: true, 'to-earliest': true})
  assert.deepEqual(resetTarget({'to-latest': true}), {'to-latest': true, 'to-earliest': undefined})
  assert.deepEqual(resetTarget({'to-offset': 0, 'to-earliest': false}), {'to-offset': 0, 'to-earliest': false})
})

test('streams reset: topic lists comma-separated or repeated; undefined where not given', () => {
  assert.deepEqual(streamsResetTopics({'input-topics': ['lines,words', 'more'], 'internal-topics': ['wc-a-changelog']}), {
    inputTopics: ['lines', 'words', 'more'],
    intermediateTopics: undefined,
    internalTopics: ['wc-a-changelog'],
  })
})
