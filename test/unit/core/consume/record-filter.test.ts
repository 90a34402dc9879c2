import assert from 'node:assert/strict'
import {test} from 'node:test'
import {buildFilter, compileRegex, GrepError, parseHeaderGrep, selectRecords} from '../../../../src/core/consume/record-filter.js'
import type {KRecord} from '../../../../src/core/records/record.js'

const rec = (offset: number, value: string | null, key: string | null = null, headers: Array<[string, string | null]> = []): KRecord => ({
  topic: 't',
  partition: 0,
  offset: String(offset),
  timestamp: '0',
  key: key === null ? null : Buffer.from(key),
  value: value === null ? null : Buffer.from(value),
  headers: headers.map(([k, v]) => [k, v === null ? null : Buffer.from(v)]),
})

test('no condition: no filter, and selectRecords only caps at the room left', () => {
  assert.equal(buildFilter({}), undefined)
  const records = [rec(0, 'a'), rec(1, 'b'), rec(2, 'c')]
  assert.deepEqual(selectRecords(records, undefined, 2), {shown: records.slice(0, 2), consumed: 2, skipped: 0})
  assert.deepEqual(selectRecords(records, undefined, Infinity), {shown: records, consumed: 3, skipped: 0})
})

test('value, key and header conditions must all hold; nulls match nothing', () => {
  const f = buildFilter({value: /err/, key: /^u1$/, headers: [parseHeaderGrep('src=^web$')]})!
  assert.equal(f(rec(0, 'an error', 'u1', [['src', 'web']])), true)
  assert.equal(
    f(
      rec(0, 'an error', 'u1', [
        ['src', 'batch'],
        ['src', 'web'],
      ]),
    ),
    true,
    'any header of that name',
  )
  assert.equal(f(rec(0, 'fine', 'u1', [['src', 'web']])), false)
  assert.equal(f(rec(0, 'an error', 'u2', [['src', 'web']])), false)
  assert.equal(f(rec(0, 'an error', null, [['src', 'web']])), false)
  assert.equal(f(rec(0, 'an error', 'u1', [['src', null]])), false)
  assert.equal(buildFilter({value: /.*/})!(rec(0, null)), false, 'a tombstone has no value to match')
})

test('selectRecords with a filter: stops at the room, consumed counts what was passed over', () => {
  const records = [0, 1, 2, 3, 4, 5].map((i) => rec(i, i % 2 ? 'odd' : 'even'))
  const odd = buildFilter({value: /odd/})
  const two = selectRecords(records, odd, 2)
  assert.deepEqual(
    two.shown.map((r) => r.offset),
    ['1', '3'],
  )
  assert.equal(two.consumed, 4)
  assert.equal(two.skipped, 2)
  const all = selectRecords(records, odd, Infinity)
  assert.deepEqual([all.shown.length, all.consumed, all.skipped], [3, 6, 3])
})

test('bad patterns name the value', () => {
  assert.throws(
    () => compileRegex('(x'),
    (e: unknown) => e instanceof GrepError && /"\(x" is not a regular expression/.test(e.message),
  )
  assert.throws(
    () => parseHeaderGrep('nosign'),
    (e: unknown) => e instanceof GrepError && /"nosign" is not NAME=REGEX/.test(e.message),
  )
  assert.throws(() => parseHeaderGrep('=x'), GrepError)
})
