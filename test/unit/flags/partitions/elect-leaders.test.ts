import assert from 'node:assert/strict'
import {test} from 'node:test'
import {parseElectionJson} from '../../../../src/flags/partitions/elect-leaders.js'

test('kafka-leader-election JSON: partitions grouped by topic and sorted', () => {
  const text = JSON.stringify({
    partitions: [
      {topic: 'b', partition: 2},
      {topic: 'a', partition: 1},
      {topic: 'b', partition: 0},
    ],
  })
  assert.deepEqual(parseElectionJson(text, 'f.json'), [
    {topic: 'b', partitions: [0, 2]},
    {topic: 'a', partitions: [1]},
  ])
})

test('kafka-leader-election JSON: duplicates, bad entries, no list and no JSON are usage errors naming the file', () => {
  for (const [text, message] of [
    ['{"partitions": [{"topic": "a", "partition": 1}, {"topic": "a", "partition": 1}]}', /f\.json names partition a-1 twice/],
    ['{"partitions": [{"topic": "a", "partition": -1}]}', /is not \{"topic": NAME, "partition": NUMBER\}/],
    ['{"partitions": [{"topic": "a"}]}', /is not \{"topic"/],
    ['{"topics": []}', /f\.json has no "partitions" list/],
    ['{"partitions": []}', /f\.json names no partition/],
    ['nope', /f\.json is not JSON/],
  ] as const) {
    assert.throws(
      () => parseElectionJson(text, 'f.json'),
      (e: Error & {exit?: number}) => message.test(e.message) && e.exit === 2,
      text,
    )
  }
})
