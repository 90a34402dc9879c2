import assert from 'node:assert/strict'
import {test} from 'node:test'
import {EXIT, KfkError} from '../../../../src/cli/errors.js'
import {
  csvField,
  parseCsv,
  parseDateTime,
  parseDuration,
  planRow,
  toCsv,
  type PartitionState,
} from '../../../../src/core/groups/reset-plan.js'
import {assignmentString} from '../../../../src/output/views/groups.js'

const state = (over: Partial<PartitionState> = {}): PartitionState => ({
  topic: 't',
  partition: 0,
  current: 50,
  logStart: 10,
  logEnd: 100,
  ...over,
})
const exitOf = (fn: () => unknown) => {
  try {
    fn()
  } catch (e) {
    assert.ok(e instanceof KfkError, String(e))
    return {exit: e.exit, message: e.message}
  }
  assert.fail('expected an error')
}

test('datetime parses like Kafka Utils.getDateTime: UTC without a zone, zones in all three forms', () => {
  assert.equal(parseDateTime('2024-05-01T12:00:00.000'), Date.UTC(2024, 4, 1, 12))
  assert.equal(parseDateTime('2024-05-01T12:00:00.123Z'), Date.UTC(2024, 4, 1, 12, 0, 0, 123))
  assert.equal(parseDateTime('2024-05-01T14:00:00.000+02:00'), Date.UTC(2024, 4, 1, 12))
  assert.equal(parseDateTime('2024-05-01T14:00:00.000+0200'), Date.UTC(2024, 4, 1, 12))
  assert.equal(parseDateTime('2024-05-01T10:00:00.000-02'), Date.UTC(2024, 4, 1, 12))
  assert.equal(parseDateTime('2024-05-01T12:00'), Date.UTC(2024, 4, 1, 12))
})

test('datetime that does not parse is a usage error naming the value', () => {
  for (const bad of [
    '2024-05-01',
    '2024-13-01T00:00:00.000',
    '2024-02-30T00:00:00.000',
    '2024-05-01T25:00:00.000',
    'yesterday',
    '2024-05-01T12:00:00.1',
  ]) {
    const e = exitOf(() => parseDateTime(bad))
    assert.equal(e.exit, EXIT.usage)
    assert.ok(e.message.includes(bad))
  }
})

test('duration parses Java Duration syntax into milliseconds', () => {
  assert.equal(parseDuration('PT30M'), 30 * 60_000)
  assert.equal(parseDuration('P1DT2H'), 26 * 3_600_000)
  assert.equal(parseDuration('PT0.5S'), 500)
  assert.equal(parseDuration('pt1h'), 3_600_000)
  assert.equal(parseDuration('P2D'), 2 * 86_400_000)
  assert.equal(parseDuration('-PT1M'), -60_000)
  for (const bad of ['PT', 'P', '30m', 'PT1X', 'P1H', '']) assert.equal(exitOf(() => parseDuration(bad)).exit, EXIT.usage, bad)
})

test('plan rows follow ConsumerGroupCommand: targets, clamping with a note, lag before/after', () => {
  assert.deepEqual(planRow({kind: 'earliest'}, state()), {
    topic: 't',
    partition: 0,
    currentOffset: 50,
    newOffset: 10,
    logStartOffset: 10,
    logEndOffset: 100,
    lagBefore: 50,
    lagAfter: 90,
  })
  assert.equal(planRow({kind: 'latest'}, state()).newOffset, 100)
  assert.equal(planRow({kind: 'current'}, state()).newOffset, 50)
  assert.equal(planRow({kind: 'current'}, state({current: null})).newOffset, 100)
  assert.equal(planRow({kind: 'offset', offset: 70}, state()).note, undefined)
  const high = planRow({kind: 'offset', offset: 500}, state())
  assert.equal(high.newOffset, 100)
  assert.match(high.note!, /past the log end 100/)
  const low = planRow({kind: 'shift', by: -45}, state())
  assert.equal(low.newOffset, 10)
  assert.match(low.note!, /before the log start 10/)
  assert.equal(planRow({kind: 'shift', by: 5}, state()).newOffset, 55)
  assert.equal(exitOf(() => planRow({kind: 'shift', by: 1}, state({current: null}))).exit, EXIT.failed)
  assert.equal(planRow({kind: 'timestamp', ms: 1}, state({byTime: 42})).newOffset, 42)
  const none = planRow({kind: 'timestamp', ms: 1}, state({byTime: -1}))
  assert.equal(none.newOffset, 100)
  assert.ok(none.note)
  assert.equal(planRow({kind: 'file', offsets: new Map([['t:0', 3]])}, state()).newOffset, 10)
  assert.equal(planRow({kind: 'earliest'}, state({current: null})).lagBefore, null)
})

test('CSV: --export writes what --from-file reads; the 4-column form filters by group', () => {
  const rows = [
    {topic: 'a', partition: 0, newOffset: 5},
    {topic: 'b.c', partition: 2, newOffset: 0},
  ]
  const csv = toCsv('g', rows)
  assert.equal(csv, 'a,0,5\nb.c,2,0\n')
  assert.deepEqual(
    [...parseCsv(csv, 'g')],
    [
      ['a:0', 5],
      ['b.c:2', 0],
    ],
  )
  assert.deepEqual(
    [...parseCsv(toCsv('g', rows, true) + 'other,a,1,9\r\n', 'g')],
    [
      ['a:0', 5],
      ['b.c:2', 0],
    ],
  )
})

test('malformed CSV names the line', () => {
  const cases: Array<[string, RegExp]> = [
    ['a,0,5\na,1\n', /line 2: expected/],
    ['a,0,5\n\na,x,1\n', /line 3: partition 'x'/],
    ['a,0,-4\n', /line 1: offset '-4'/],
    ['other,a,0,1\n', /no offsets for group 'g'/],
  ]
  for (const [text, re] of cases) {
    const e = exitOf(() => parseCsv(text, 'g', 'plan.csv'))
    assert.equal(e.exit, EXIT.failed)
    assert.match(e.message, re)
  }
})

test('assignments print as ConsumerGroupCommand does', () => {
  assert.equal(
    assignmentString([
      {topic: 'b', partition: 1},
      {topic: 'a', partition: 2},
      {topic: 'a', partition: 0},
    ]),
    'a:0,2;b:1',
  )
  assert.equal(assignmentString([]), '-')
})

test('CSV fields are quoted the way Jackson quotes them in kafka-consumer-groups.sh exports', () => {
  assert.equal(csvField('abcdefghijklmnopqrstuvwx'), 'abcdefghijklmnopqrstuvwx')
  assert.equal(csvField('abcdefghijklmnopqrstuvwxy'), '"abcdefghijklmnopqrstuvwxy"')
  assert.equal(csvField('a-b.c_d'), 'a-b.c_d')
  assert.equal(csvField('g,1'), '"g,1"')
  assert.equal(csvField('say "hi"'), '"say ""hi"""')
  const long = 'a-topic-name-longer-than-24'
  const csv = toCsv('my group, 1', [{topic: long, partition: 3, newOffset: 7}], true)
  assert.equal(csv, `"my group, 1","${long}",3,7\n`)
  assert.deepEqual([...parseCsv(csv, 'my group, 1')], [[`${long}:3`, 7]])
  assert.match(exitOf(() => parseCsv('"open,0,1\n', 'g')).message, /line 1: expected/)
})

test('one time syntax everywhere: --to-datetime, offsets --time and consume --offset @ take the same forms', async () => {
  const {parseTimeSpec} = await import('../../../../src/core/partitions/offsets.js')
  const {parseOffsetSpec} = await import('../../../../src/core/consume/offset-spec.js')
  const now = Date.now()
  // Kafka's rule: without a zone the time is UTC, in all three.
  assert.equal(parseDateTime('@2024-05-01T12:00'), Date.UTC(2024, 4, 1, 12))
  assert.deepEqual(parseTimeSpec('@2024-05-01T12:00'), {kind: 'timestamp', ms: BigInt(Date.UTC(2024, 4, 1, 12))})
  assert.deepEqual(parseOffsetSpec('@2024-05-01T12:00'), {kind: 'time', ms: Date.UTC(2024, 4, 1, 12)})
  for (const ms of [parseDateTime('-1h'), Number((parseTimeSpec('-1h') as {ms: bigint}).ms), (parseOffsetSpec('@-1h') as {ms: number}).ms])
    assert.ok(Math.abs(now - 3_600_000 - ms) < 5000, `${ms}`)
  assert.deepEqual(parseTimeSpec('-1'), {kind: 'latest'}, "kafka-get-offsets' -1 is still latest")
})
