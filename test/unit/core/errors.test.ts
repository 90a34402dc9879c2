import assert from 'node:assert/strict'
import {test} from 'node:test'
import {isConnectionLost, mapKafkaError, withDeadline} from '../../../src/core/errors.js'
import {KfkError} from '../../../src/cli/errors.js'

const ctx = (isDefaultAddress: boolean) => ({
  brokers: isDefaultAddress ? ['localhost:9092'] : ['10.0.0.1:9092'],
  isDefaultAddress,
  timeoutMs: 1000,
})

function connectionError(code: string): Error {
  const inner = Object.assign(new Error(`connect ${code} 127.0.0.1:1`), {code})
  return Object.assign(new Error('Connection error: connect ' + code), {name: 'KafkaJSConnectionError', originalError: inner})
}

test('a refused connection names the address and the reason', () => {
  const e = mapKafkaError(connectionError('ECONNREFUSED'), ctx(false))
  assert.equal(e.message, 'cannot reach Kafka at 10.0.0.1:9092 (connection refused)')
  assert.equal(e.exit, 1)
  assert.doesNotMatch(e.hint ?? '', /cluster up/)
})

test('at the default address the hint says how to start a local cluster', () => {
  const e = mapKafkaError(connectionError('ECONNREFUSED'), ctx(true))
  assert.match(e.hint ?? '', /start one with: kfk cluster up/)
})

test('retry wrappers are unwrapped to the socket error', () => {
  const retried = Object.assign(new Error('retries exhausted'), {
    name: 'KafkaJSNumberOfRetriesExceeded',
    originalError: connectionError('ENOTFOUND'),
  })
  assert.match(mapKafkaError(retried, ctx(false)).message, /\(host not found\)$/)
})

test('protocol errors keep their Kafka error type', () => {
  const e = mapKafkaError(
    Object.assign(new Error('This server does not host this topic-partition'), {
      name: 'KafkaJSProtocolError',
      type: 'UNKNOWN_TOPIC_OR_PARTITION',
    }),
    ctx(false),
  )
  assert.match(e.message, /UNKNOWN_TOPIC_OR_PARTITION/)
})

test('KfkErrors pass through unchanged', () => {
  const original = new KfkError('x', {exit: 2})
  assert.equal(mapKafkaError(original, ctx(false)), original)
})

test('withDeadline rejects with the timeout error when the work does not finish', async () => {
  await assert.rejects(
    withDeadline(new Promise((r) => setTimeout(r, 2000)), 20, () => new Error('too slow')),
    /too slow/,
  )
  assert.equal(await withDeadline(Promise.resolve(5), 1000, () => new Error('no')), 5)
})

test('a lost connection is known by kafkajs names and socket codes, on the error or the one it wraps; Kafka errors are not', async () => {
  assert.equal(
    isConnectionLost(Object.assign(new Error('Connection error: connect ECONNREFUSED 127.0.0.1:9092'), {name: 'KafkaJSConnectionError'})),
    true,
  )
  assert.equal(isConnectionLost(Object.assign(new Error('Request timed out'), {name: 'KafkaJSRequestTimeoutError'})), true)
  assert.equal(
    isConnectionLost(
      Object.assign(new Error('retries exceeded'), {name: 'KafkaJSNumberOfRetriesExceeded', originalError: new Error('write EPIPE')}),
    ),
    true,
  )
  assert.equal(
    isConnectionLost(Object.assign(new Error('not the leader'), {name: 'KafkaJSProtocolError', type: 'NOT_LEADER_OR_FOLLOWER'})),
    false,
  )
  assert.equal(isConnectionLost(undefined), false)
})
