import assert from 'node:assert/strict'
import {test} from 'node:test'
import {KfkError} from '../../../../src/cli/errors.js'
import {describeStep, planApply, type ActualTopic} from '../../../../src/core/topics/apply-plan.js'
import {formatTopicsFile, parseTopicsFile} from '../../../../src/core/topics/file.js'

const actual: ActualTopic[] = [
  {name: 'orders', partitions: 3, replicationFactor: 3, configs: {'retention.ms': '1000', 'cleanup.policy': 'compact'}},
  {name: 'audit', partitions: 1, replicationFactor: 1, configs: {}},
  {name: '__consumer_offsets', partitions: 50, replicationFactor: 3, configs: {}, internal: true},
]

test('plan: create, grow, set, unset, unchanged', () => {
  const plan = planApply(
    [
      {name: 'orders', partitions: 6, replicationFactor: 3, configs: {'retention.ms': '2000'}},
      {name: 'audit', partitions: 1, configs: {}},
      {name: 'new', partitions: 2, configs: {'cleanup.policy': 'compact'}},
    ],
    actual,
  )
  assert.deepEqual(plan.steps, [
    {topic: 'orders', action: 'update', addPartitions: {from: 3, to: 6}, set: {'retention.ms': '2000'}, unset: ['cleanup.policy']},
    {topic: 'audit', action: 'unchanged'},
    {topic: 'new', action: 'create', partitions: 2, replicationFactor: undefined, configs: {'cleanup.policy': 'compact'}},
  ])
  assert.equal(plan.empty, false)
  const [update, , create] = plan.steps
  assert.ok(update && create, 'no update and create steps')
  assert.equal(describeStep(update), '~ update orders: partitions 3 -> 6, set retention.ms=2000, unset cleanup.policy')
  assert.equal(describeStep(create), '+ create new (2 partitions, default replication, cleanup.policy=compact)')
})

test('plan: matching file plans nothing; refusals; delete-missing spares internal topics', () => {
  const same = planApply(
    actual
      .filter((a) => !a.internal)
      .map((a) => ({
        name: a.name,
        partitions: a.partitions,
        replicationFactor: a.replicationFactor,
        configs: a.configs as Record<string, string>,
      })),
    actual,
  )
  assert.equal(same.empty, true)
  const refused = planApply(
    [
      {name: 'orders', partitions: 2, configs: {}},
      {name: 'audit', replicationFactor: 3, configs: {}},
    ],
    actual,
  )
  assert.equal(refused.refused, true)
  const [fewerPartitions, otherReplication] = refused.steps
  assert.ok(fewerPartitions && otherReplication, `expected two refused steps, got ${refused.steps.length}`)
  assert.match(describeStep(fewerPartitions), /has 3 partitions, the file asks for 2/)
  assert.match(describeStep(otherReplication), /replication factor 1, the file asks for 3/)
  const del = planApply([{name: 'orders', partitions: 3, configs: {'retention.ms': '1000', 'cleanup.policy': 'compact'}}], actual, {
    deleteMissing: true,
  })
  assert.deepEqual(
    del.steps.filter((s) => s.action === 'delete').map((s) => s.topic),
    ['audit'],
  )
})

test('topics file: round trip and errors with line and field', () => {
  const text = formatTopicsFile(
    [{name: 'a', partitions: 3, replicationFactor: 2, configs: {'retention.ms': '9223372036854775807'}}],
    'header',
  )
  assert.deepEqual(parseTopicsFile(text, 'f.yaml'), [
    {name: 'a', partitions: 3, replicationFactor: 2, configs: {'retention.ms': '9223372036854775807'}},
  ])
  assert.deepEqual(parseTopicsFile('topics:\n  - name: b\n    configs:\n      retention.ms: 9223372036854775807\n', 'f'), [
    {name: 'b', configs: {'retention.ms': '9223372036854775807'}},
  ])
  const bad = (text: string, message: RegExp) =>
    assert.throws(
      () => parseTopicsFile(text, 'f.yaml'),
      (e: unknown) => e instanceof KfkError && e.exit === 2 && message.test(e.message),
    )
  bad('topics:\n  - name: a\n    partitons: 3\n', /^f\.yaml:3: topics\[0\]\.partitons: unknown field/)
  bad('topics:\n  - name: a\n    partitions: 0\n', /^f\.yaml:3: topics\[0\]\.partitions: '0' must be a whole number >= 1/)
  bad('topics:\n  - name: a\n  - name: "b c"\n', /^f\.yaml:3: topics\[1\]\.name: topic name 'b c' contains ' '/)
  bad(
    'topics:\n  - name: a\n    configs:\n      retention.msx: 1\n',
    /^f\.yaml:4: topics\[0\]\.configs\.retention\.msx: unknown topic config/,
  )
  bad('topics:\n  - name: a\n    configs:\n      retention.ms: forever\n', /^f\.yaml:4: .*'forever' is not a whole number/)
  bad('topics:\n  - name: a\n  - name: a\n', /listed twice/)
  bad('topic:\n  - name: a\n', /^f\.yaml:1: topic: unknown field/)
  bad('topics: [a\n', /^f\.yaml:\d+: not valid YAML/)
  bad('topics:\n  - partitions: 1\n', /topics\[0\]\.name: missing/)
})
