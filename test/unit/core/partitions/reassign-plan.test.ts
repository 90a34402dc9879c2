import assert from 'node:assert/strict'
import {test} from 'node:test'
import {
  assignReplicas,
  checkPlan,
  formatAssignmentJson,
  parseAssignmentJson,
  parseTopicsToMoveJson,
  throttledReplicas,
  type PartitionAssignment,
} from '../../../../src/core/partitions/reassign-plan.js'

const fixed = () => 0

test('assignReplicas without racks: Kafka’s placement for start index and shift 0 (AdminUtils test vector)', () => {
  const brokers = [0, 1, 2, 3, 4].map((id) => ({id, rack: null}))
  assert.deepEqual(assignReplicas(brokers, 10, 3, {rackAware: true, random: fixed}), [
    [0, 1, 2],
    [1, 2, 3],
    [2, 3, 4],
    [3, 4, 0],
    [4, 0, 1],
    [0, 2, 3],
    [1, 3, 4],
    [2, 4, 0],
    [3, 0, 1],
    [4, 1, 2],
  ])
})

test('assignReplicas with racks: brokers alternate between racks, and no partition has two replicas on one rack', () => {
  const racks: Record<number, string> = {0: 'r1', 1: 'r3', 2: 'r3', 3: 'r2', 4: 'r2', 5: 'r1'}
  const brokers = Object.entries(racks).map(([id, rack]) => ({id: Number(id), rack}))
  // Leaders follow the rack-alternated order [0,3,1,5,4,2].
  assert.deepEqual(
    assignReplicas(brokers, 6, 1, {rackAware: true, random: fixed}).map((r) => r[0]),
    [0, 3, 1, 5, 4, 2],
  )
  for (const seed of [0, 1, 2, 3, 4, 5]) {
    const plan = assignReplicas(brokers, 12, 3, {rackAware: true, random: () => seed})
    for (const replicas of plan) {
      assert.equal(new Set(replicas).size, 3)
      assert.equal(new Set(replicas.map((b) => racks[b])).size, 3, `replicas ${replicas} on three racks`)
    }
    const leaders = plan.map((r) => r[0])
    for (const id of Object.keys(racks)) assert.equal(leaders.filter((l) => l === Number(id)).length, 2, 'leaders spread evenly')
  }
  // Without regard to racks when asked; some brokers without a rack is refused.
  assert.equal(assignReplicas(brokers, 1, 3, {rackAware: false, random: fixed})[0]!.length, 3)
  assert.throws(
    () =>
      assignReplicas(
        [
          {id: 1, rack: 'a'},
          {id: 2, rack: null},
        ],
        1,
        1,
        {rackAware: true},
      ),
    /not all brokers have rack information/,
  )
  assert.throws(() => assignReplicas([{id: 1, rack: null}], 1, 2, {rackAware: true}), /replication factor 2 is larger than the 1 broker/)
})

test('reassignment JSON: kafka-reassign-partitions’ compact layout, sorted; parsed back; log dirs other than "any" refused', () => {
  const text = formatAssignmentJson([
    {topic: 'b', partition: 1, replicas: [2, 1]},
    {topic: 'a', partition: 10, replicas: [3]},
    {topic: 'a', partition: 2, replicas: [1]},
  ])
  assert.equal(
    text,
    '{"version":1,"partitions":[{"topic":"a","partition":2,"replicas":[1],"log_dirs":["any"]},' +
      '{"topic":"a","partition":10,"replicas":[3],"log_dirs":["any"]},{"topic":"b","partition":1,"replicas":[2,1],"log_dirs":["any","any"]}]}',
  )
  assert.deepEqual(parseAssignmentJson(text, 'f'), [
    {topic: 'a', partition: 2, replicas: [1]},
    {topic: 'a', partition: 10, replicas: [3]},
    {topic: 'b', partition: 1, replicas: [2, 1]},
  ])
  // Kafka 4.2+ names each replica's current dir: kept for planMoves to check.
  assert.deepEqual(parseAssignmentJson('{"partitions":[{"topic":"a","partition":0,"replicas":[1,2],"log_dirs":["/d","any"]}]}', 'f'), [
    {topic: 'a', partition: 0, replicas: [1, 2], logDirs: ['/d', 'any']},
  ])
  assert.throws(
    () => parseAssignmentJson('{"partitions":[{"topic":"a","partition":0,"replicas":[1],"log_dirs":["/d","/e"]}]}', 'f'),
    /one directory/,
  )
  assert.throws(() => parseAssignmentJson('{"version":2,"partitions":[]}', 'f'), /version 2 is not supported/)
  assert.throws(() => parseAssignmentJson('{"partitions":[{"topic":"a","partition":0,"replicas":["1"]}]}', 'f'), /not a list of broker ids/)
  assert.deepEqual(parseTopicsToMoveJson('{"topics":[{"topic":"x"},{"topic":"y"}],"version":1}', 'f'), ['x', 'y'])
  assert.throws(() => parseTopicsToMoveJson('{"topics":[{"topic":"x"},{"topic":"x"}]}', 'f'), /names topic x more than once/)
})

test('checkPlan names the first bad value: duplicates, unknown brokers, missing topics and partitions', () => {
  const counts = new Map([['t', 2]])
  const ok = [{topic: 't', partition: 0, replicas: [1, 2]}]
  checkPlan(ok, [1, 2, 3], counts)
  const cases: Array<[PartitionAssignment[], RegExp]> = [
    [[], /names no partition/],
    [[...ok, ...ok], /t-0 is named more than once/],
    [[{topic: 't', partition: 0, replicas: []}], /empty replica list/],
    [[{topic: 't', partition: 0, replicas: [1, 1]}], /lists broker 1 twice/],
    [[{topic: 't', partition: 0, replicas: [4]}], /names broker 4, which is not in the cluster/],
    [[{topic: 'u', partition: 0, replicas: [1]}], /topic 'u' in the reassignment does not exist/],
    [[{topic: 't', partition: 2, replicas: [1]}], /partition t-2 does not exist: topic 't' has 2 partitions \(0-1\)/],
  ]
  for (const [plan, message] of cases) {
    assert.throws(
      () => checkPlan(plan, [1, 2, 3], counts),
      (e: Error & {exit: number}) => message.test(e.message) && e.exit === 2,
    )
  }
})

test('throttledReplicas: sources as leaders, new replicas as followers, sorted as strings like the Java tool', () => {
  const lists = throttledReplicas([
    {topic: 'foo', partition: 0, sources: [1, 2, 3], destinations: [5, 2]},
    {topic: 'foo', partition: 10, sources: [4], destinations: [1]},
    {topic: 'bar', partition: 0, sources: [2, 3, 4], destinations: []},
  ])
  assert.deepEqual(lists.get('foo'), {leader: '0:1,0:2,0:3,10:4', follower: '0:5,10:1'})
  assert.deepEqual(lists.get('bar'), {leader: '0:2,0:3,0:4', follower: ''})
})
