import assert from 'node:assert/strict'
import {test} from 'node:test'
import {EXIT, KfkError} from '../../../../src/cli/errors.js'
import {parseTopicPartitions} from '../../../../src/core/partitions/topic-partitions.js'

const usage = (fn: () => unknown, message: RegExp) =>
  assert.throws(fn, (error: unknown) => error instanceof KfkError && error.exit === EXIT.usage && message.test(error.message))

test('topic:partition arguments: whole topic, lists, ranges; sorted without repeats', () => {
  assert.deepEqual(parseTopicPartitions('orders'), {topic: 'orders'})
  assert.deepEqual(parseTopicPartitions('orders:2,0,2'), {topic: 'orders', partitions: [0, 2]})
  assert.deepEqual(parseTopicPartitions('t:0,2-4'), {topic: 't', partitions: [0, 2, 3, 4]})
  assert.deepEqual(parseTopicPartitions('t:3-3'), {topic: 't', partitions: [3]})
})

test('topic:partition arguments: each bad value is a usage error naming it and the flag', () => {
  usage(() => parseTopicPartitions('t:3-1'), /range '3-1' in --topic 't:3-1' runs backwards/)
  usage(() => parseTopicPartitions('t:a', '--topic-partitions'), /'a' in --topic-partitions 't:a' is not a partition/)
  usage(() => parseTopicPartitions('t:'), /'' in --topic 't:'/)
  usage(() => parseTopicPartitions(':1'), /missing topic name in --topic ':1'/)
  usage(() => parseTopicPartitions(''), /missing topic name/)
})
