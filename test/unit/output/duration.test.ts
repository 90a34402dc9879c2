import type {DescribedGroup} from '../../../src/core/groups/model.js'
import assert from 'node:assert/strict'
import {test} from 'node:test'
import {humanDuration} from '../../../src/output/duration.js'
import {lagTrend} from '../../../src/output/views/groups.js'

test('humanDuration: two units at most', () => {
  assert.deepEqual([0, 850, 42_000, 312_000, 3 * 3_600_000 + 5 * 60_000, 2 * 86_400_000 + 4 * 3_600_000].map(humanDuration), [
    '0s',
    '850ms',
    '42s',
    '5m12s',
    '3h05m',
    '2d04h',
  ])
})

test('lagTrend: rates from two snapshots and when the lag reaches zero', () => {
  const snap = (current: number, end: number): DescribedGroup =>
    ({
      groupId: 'g',
      partitions: [{topic: 't', partition: 0, currentOffset: current, logEndOffset: end, lag: end - current}],
      totalLag: end - current,
    }) as unknown as DescribedGroup
  assert.equal(lagTrend(snap(3000, 4000), snap(1000, 3000), 2), 'consumed 1000/s, produced 500/s, shrinking: zero in ~2s')
  assert.equal(lagTrend(snap(1000, 5000), snap(1000, 3000), 2), 'consumed 0.0/s, produced 1000/s, growing')
  assert.equal(lagTrend(snap(4000, 4000), snap(3000, 3000), 1), 'consumed 1000/s, produced 1000/s, caught up')
})
