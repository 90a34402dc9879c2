import assert from 'node:assert/strict'
import {test} from 'node:test'
import {KfkError} from '../../../../src/cli/errors.js'
import {
  collisionKey,
  parseConfigPairs,
  parseReplicaAssignment,
  splitConfigList,
  topicConfigProblem,
  topicNameProblem,
} from '../../../../src/core/topics/rules.js'
import {parseTimeSpec} from '../../../../src/core/partitions/offsets.js'
import {parseOffsetJson} from '../../../../src/core/partitions/delete-records.js'

const usage = (fn: () => unknown, message: RegExp) =>
  assert.throws(fn, (e: unknown) => e instanceof KfkError && e.exit === 2 && message.test(e.message))

test('topic names follow Kafka rules', () => {
  assert.equal(topicNameProblem('orders.v1_a-B9'), null)
  assert.match(topicNameProblem('')!, /empty/)
  assert.match(topicNameProblem('.')!, /not allowed/)
  assert.match(topicNameProblem('..')!, /not allowed/)
  assert.equal(topicNameProblem('...'), null)
  assert.equal(topicNameProblem('x'.repeat(249)), null)
  assert.match(topicNameProblem('x'.repeat(250))!, /250 characters long \(at most 249\)/)
  assert.match(topicNameProblem('a/b')!, /contains '\/'/)
  assert.match(topicNameProblem('café')!, /contains 'é'/)
  assert.equal(collisionKey('a.b_c'), collisionKey('a_b.c'))
})

test('topic config keys and value types', () => {
  assert.equal(topicConfigProblem('retention.ms', '-1'), null)
  assert.equal(topicConfigProblem('cleanup.policy', 'compact,delete'), null)
  assert.equal(topicConfigProblem('min.cleanable.dirty.ratio', '0.3'), null)
  assert.equal(topicConfigProblem('preallocate', 'TRUE'), null)
  assert.equal(topicConfigProblem('message.timestamp.type', 'LogAppendTime'), null)
  assert.match(topicConfigProblem('retention.mss', '1')!, /unknown topic config 'retention.mss' \(did you mean 'retention.ms'\?\)/)
  assert.match(topicConfigProblem('retention.ms', '1d')!, /'1d' is not a whole number \(long\)/)
  assert.match(topicConfigProblem('segment.bytes', '9999999999')!, /out of range for int/)
  assert.match(topicConfigProblem('preallocate', 'yes')!, /not true or false/)
  assert.match(topicConfigProblem('compression.type', 'brotli')!, /'brotli' is not one of/)
  assert.match(topicConfigProblem('min.cleanable.dirty.ratio', 'half')!, /not a number/)
  assert.equal(topicConfigProblem('retention.ms', null), null, 'deleting only needs a known key')
})

test('config pairs: repeated k=v, kafka-configs comma lists with brackets', () => {
  assert.deepEqual(parseConfigPairs(['a=1', 'b=x=y']), {a: '1', b: 'x=y'})
  assert.deepEqual(parseConfigPairs(['retention.ms=1,cleanup.policy=[compact,delete]'], {commaSeparated: true}), {
    'retention.ms': '1',
    'cleanup.policy': 'compact,delete',
  })
  assert.deepEqual(splitConfigList('a=1,,b=2'), ['a=1', 'b=2'])
  usage(() => parseConfigPairs(['retention.ms']), /'retention.ms' is not key=value/)
})

test('replica assignments: shape and brokers', () => {
  assert.deepEqual(parseReplicaAssignment('1:2, 2:3,3:1'), [
    [1, 2],
    [2, 3],
    [3, 1],
  ])
  usage(() => parseReplicaAssignment('1:2,3'), /partition 1 has 1 replicas, partition 0 has 2/)
  usage(() => parseReplicaAssignment('1:1'), /names a broker twice/)
  usage(() => parseReplicaAssignment('1:x'), /is not a list of broker ids/)
  usage(() => parseReplicaAssignment('1:4', [1, 2, 3]), /names broker 4, which is not in the cluster/)
})

test('offset specs and topic-partition lists', () => {
  assert.deepEqual(parseTimeSpec('earliest'), {kind: 'earliest'})
  assert.deepEqual(parseTimeSpec('-1'), {kind: 'latest'})
  assert.deepEqual(parseTimeSpec('max-timestamp'), {kind: 'max-timestamp'})
  assert.deepEqual(parseTimeSpec('1700000000000'), {kind: 'timestamp', ms: 1700000000000n})
  assert.deepEqual(parseTimeSpec('2024-01-01T00:00:00Z'), {kind: 'timestamp', ms: BigInt(Date.UTC(2024, 0, 1))})
  usage(() => parseTimeSpec('soon'), /--time 'soon'/)
})

test('kafka-delete-records offset JSON', () => {
  assert.deepEqual(parseOffsetJson('{"partitions":[{"topic":"t","partition":1,"offset":5}],"version":1}'), [
    {topic: 't', partition: 1, offset: 5},
  ])
  usage(() => parseOffsetJson('{'), /not valid JSON/)
  usage(() => parseOffsetJson('{"partitions":[]}'), /no "partitions" list/)
  usage(() => parseOffsetJson('{"partitions":[{"topic":"t"}]}'), /partitions\[0\] needs/)
})
