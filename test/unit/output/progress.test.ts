import assert from 'node:assert/strict'
import {test} from 'node:test'
import {atMostEvery, throughput} from '../../../src/output/progress.js'

test('atMostEvery: the first call shows, then one call a period at most', () => {
  let clock = 1_000
  const shown: number[] = []
  const show = atMostEvery(
    250,
    (n: number) => shown.push(n),
    () => clock,
  )
  for (const [at, n] of [
    [1_000, 1],
    [1_100, 2],
    [1_249, 3],
    [1_250, 4],
    [1_600, 5],
    [1_700, 6],
  ] as const) {
    clock = at
    show(n)
  }
  assert.deepEqual(shown, [1, 4, 5])
})

test('throughput: records, bytes, seconds and the rate', () => {
  assert.equal(throughput(1200, 51200, 1.2), '1200 records, 51200 bytes in 1.20 s (1000 records/s)')
  assert.equal(throughput(1, 10, 0), '1 record, 10 bytes in 0.00 s (1000 records/s)')
})
