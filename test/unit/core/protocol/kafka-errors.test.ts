import {errorFromCode} from '../../../../src/core/kafkajs/load.js'
import assert from 'node:assert/strict'
import {test} from 'node:test'
import {errorOrNull} from '../../../../src/core/protocol/compact.js'
import {isKafkaError, isRetriable, kafkaErrorCode, kafkaErrorInfo, kafkaErrorName} from '../../../../src/core/protocol/kafka-errors.js'

test("codes and names as Kafka's Errors.java has them", () => {
  const expected: Array<[number, string]> = [
    [-1, 'UNKNOWN_SERVER_ERROR'],
    [0, 'NONE'],
    [1, 'OFFSET_OUT_OF_RANGE'],
    [6, 'NOT_LEADER_OR_FOLLOWER'],
    [14, 'COORDINATOR_LOAD_IN_PROGRESS'],
    [16, 'NOT_COORDINATOR'],
    [35, 'UNSUPPORTED_VERSION'],
    [36, 'TOPIC_ALREADY_EXISTS'],
    [42, 'INVALID_REQUEST'],
    [54, 'SECURITY_DISABLED'],
    [69, 'GROUP_ID_NOT_FOUND'],
    [89, 'THROTTLING_QUOTA_EXCEEDED'],
    [100, 'UNKNOWN_TOPIC_ID'],
    [110, 'FENCED_MEMBER_EPOCH'],
    [111, 'UNRELEASED_INSTANCE_ID'],
    [113, 'STALE_MEMBER_EPOCH'],
    [122, 'SHARE_SESSION_NOT_FOUND'],
    [123, 'INVALID_SHARE_SESSION_EPOCH'],
    [128, 'INVALID_REGULAR_EXPRESSION'],
    [133, 'SHARE_SESSION_LIMIT_REACHED'],
  ]
  for (const [code, name] of expected) assert.equal(kafkaErrorName(code), name, `code ${code}`)
  assert.equal(kafkaErrorName(999), 'UNKNOWN_ERROR_CODE_999')
  assert.equal(kafkaErrorCode('GROUP_ID_NOT_FOUND'), 69)
})

test('every code from -1 to 133 is in the table once, 0 (no error) aside', () => {
  const names = new Set<string>()
  for (let code = -1; code <= 133; code++) {
    if (code === 0) {
      assert.equal(kafkaErrorInfo(0), undefined)
      continue
    }
    const info = kafkaErrorInfo(code)
    assert.ok(info, `code ${code}`)
    assert.equal(info.code, code)
    assert.match(info.message, /\S/)
    names.add(info.name)
  }
  assert.equal(names.size, 134)
})

test("Kafka's default messages", () => {
  assert.equal(kafkaErrorInfo(36)?.message, 'Topic with this name already exists.')
  assert.equal(kafkaErrorInfo(16)?.message, 'This is not the correct coordinator.')
})

test('retriable as in the Java client (RetriableException)', () => {
  for (const name of [
    'NOT_LEADER_OR_FOLLOWER',
    'LEADER_NOT_AVAILABLE',
    'NOT_COORDINATOR',
    'COORDINATOR_LOAD_IN_PROGRESS',
    'NOT_ENOUGH_REPLICAS',
    'NOT_ENOUGH_REPLICAS_AFTER_APPEND',
    'FENCED_LEADER_EPOCH',
    'UNKNOWN_LEADER_EPOCH',
    'OFFSET_NOT_AVAILABLE',
    'KAFKA_STORAGE_ERROR',
    'UNKNOWN_TOPIC_ID',
    'SHARE_SESSION_NOT_FOUND',
  ] as const)
    assert.equal(isRetriable(kafkaErrorCode(name)), true, name)
  for (const name of [
    'OFFSET_OUT_OF_RANGE',
    'TOPIC_ALREADY_EXISTS',
    'GROUP_ID_NOT_FOUND',
    'UNKNOWN_MEMBER_ID',
    'FENCED_MEMBER_EPOCH',
    'UNSUPPORTED_VERSION',
    'INVALID_REQUEST',
    'TOPIC_AUTHORIZATION_FAILED',
  ] as const)
    assert.equal(isRetriable(kafkaErrorCode(name)), false, name)
  assert.equal(isRetriable(0), false)
  assert.equal(isRetriable(999), false)
})

test("isKafkaError: kafkajs's errors, by Kafka's name or kafkajs's older one", () => {
  // kafkajs's KafkaJSProtocolError carries its own name in `type`, and the code.
  const notCoordinator = Object.assign(new Error('This is not the correct coordinator for this group'), {
    name: 'KafkaJSProtocolError',
    type: 'NOT_COORDINATOR_FOR_GROUP',
    code: 16,
    retriable: true,
  })
  assert.equal(isKafkaError(notCoordinator, 'NOT_COORDINATOR'), true)
  assert.equal(isKafkaError(notCoordinator, 'COORDINATOR_NOT_AVAILABLE', 'NOT_COORDINATOR'), true)
  assert.equal(isKafkaError(notCoordinator, 'COORDINATOR_NOT_AVAILABLE'), false)
  assert.equal(isRetriable(notCoordinator), true)
  assert.equal(isKafkaError(errorFromCode(6), 'NOT_LEADER_OR_FOLLOWER'), true)
  assert.equal(isKafkaError(errorFromCode(36), 'TOPIC_ALREADY_EXISTS'), true)
})

test("isKafkaError: kfk's errors from a code, and errors that are no Kafka error", () => {
  assert.equal(isKafkaError(errorOrNull(69, 'group is a share group'), 'GROUP_ID_NOT_FOUND'), true)
  assert.equal(isKafkaError(errorFromCode(110), 'FENCED_MEMBER_EPOCH'), true)
  assert.equal(isRetriable(errorFromCode(25)), false)
  // A message that names an error is not that error.
  assert.equal(isKafkaError(new Error('NOT_COORDINATOR'), 'NOT_COORDINATOR'), false)
  assert.equal(isKafkaError(Object.assign(new Error('refused'), {code: 'ECONNREFUSED'}), 'NOT_COORDINATOR'), false)
  assert.equal(isKafkaError(undefined, 'NOT_COORDINATOR'), false)
  assert.equal(isKafkaError(null, 'NOT_COORDINATOR'), false)
  assert.equal(isRetriable(new Error('ECONNRESET')), false)
})

test('isKafkaError: an error code from an answer', () => {
  assert.equal(isKafkaError(16, 'COORDINATOR_LOAD_IN_PROGRESS', 'COORDINATOR_NOT_AVAILABLE', 'NOT_COORDINATOR'), true)
  assert.equal(isKafkaError(69, 'GROUP_ID_NOT_FOUND'), true)
  assert.equal(isKafkaError(0, 'GROUP_ID_NOT_FOUND'), false)
})
