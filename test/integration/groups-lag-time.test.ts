/**
 * Lag in time: a group that read part of a topic whose records carry known
 * timestamps is as far behind as the next record it has to read is old, per
 * partition and for the group; --only-with-lag leaves out caught-up
 * partitions.
 */
import assert from 'node:assert/strict'
import {before, test} from 'node:test'
import {kfk, uniqueName} from '../helpers/cli.js'

const topic = uniqueName('lag-time')
const group = uniqueName('lag-time-group')
const HOUR = 3_600_000
const start = Date.now() - HOUR

before(async () => {
  assert.equal((await kfk(['topics', 'create', topic, '-p', '2'])).code, 0)
  // Partition 0: 200 records one second apart, starting an hour ago; partition 1: 10 records.
  const lines = [
    ...Array.from({length: 200}, (_, i) => JSON.stringify({partition: 0, timestamp: start + i * 1000, value: `a${i}`})),
    ...Array.from({length: 10}, (_, i) => JSON.stringify({partition: 1, timestamp: start + i * 1000, value: `b${i}`})),
  ]
  assert.equal((await kfk(['produce', topic, '--input', 'jsonl'], {input: lines.join('\n') + '\n'})).code, 0)
  // The group reads all of partition 1 and the first 50 of partition 0.
  const p1 = await kfk(['consume', topic, '--group', group, '--from-beginning', '-e', '--grep', '^b'])
  assert.equal(p1.code, 0, p1.stderr)
  const reset = await kfk(['groups', 'reset-offsets', '--group', group, '--topic', `${topic}:0`, '--to-offset', '50', '--execute', '--yes'])
  assert.equal(reset.code, 0, reset.stderr)
})

interface Described {
  groups: Array<{maxLagMs: number | null; totalLag: number; partitions: Array<{partition: number; lag: number; lagMs: number | null}>}>
}

test('time behind: the age of the next record to read, per partition and for the group', async () => {
  const asked = Date.now()
  const r = await kfk(['groups', 'describe', group, '--json'])
  assert.equal(r.code, 0, r.stderr)
  const g = (JSON.parse(r.stdout) as Described).groups[0]!
  const [p0, p1] = g.partitions
  assert.deepEqual([p0!.partition, p0!.lag, p1!.partition, p1!.lag, p1!.lagMs], [0, 150, 1, 0, 0])
  // Record 50 of partition 0 was written at start + 50 s: it is that old now (give or take this test's own seconds).
  const expected = asked - (start + 50_000)
  assert.ok(Math.abs(p0!.lagMs! - expected) < 30_000, `lagMs ${p0!.lagMs}, expected about ${expected}`)
  assert.equal(g.maxLagMs, p0!.lagMs)
  const table = await kfk(['groups', 'describe', group])
  assert.match(table.stdout, /TIME-BEHIND/)
  assert.match(table.stdout, new RegExp(`${topic}\\s+0\\s+50\\s+200\\s+150\\s+.*\\s5\\dm\\d\\ds$`, 'm'))
  assert.match(table.stderr, /total lag 150, 5\dm\d\ds behind/)
})

test('--only-with-lag leaves out caught-up partitions', async () => {
  const r = await kfk(['groups', 'describe', group, '--only-with-lag', '--json'])
  assert.equal(r.code, 0, r.stderr)
  const g = (JSON.parse(r.stdout) as Described).groups[0]!
  assert.deepEqual(
    g.partitions.map((p) => p.partition),
    [0],
  )
})
