import assert from 'node:assert/strict'
import {test} from 'node:test'
import {compareTp, parseTpKey, tpKey} from '../../../src/core/topic-partition.js'

test('a topic-partition key reads as kfk prints a partition, and parses back (topic names may hold dots, dashes, underscores)', () => {
  assert.equal(tpKey({topic: 'orders.v1-eu_x', partition: 12}), 'orders.v1-eu_x:12')
  assert.deepEqual(parseTpKey('orders.v1-eu_x:12'), {topic: 'orders.v1-eu_x', partition: 12})
  for (const tp of [
    {topic: 'a', partition: 0},
    {topic: '__consumer_offsets', partition: 49},
  ])
    assert.deepEqual(parseTpKey(tpKey(tp)), tp)
})

test('topic-partitions sort by topic name, then by partition number (10 after 9)', () => {
  const sorted = [
    {topic: 'b', partition: 0},
    {topic: 'a', partition: 10},
    {topic: 'a', partition: 9},
  ].sort(compareTp)
  assert.deepEqual(sorted.map(tpKey), ['a:9', 'a:10', 'b:0'])
})
