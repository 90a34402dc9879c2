import assert from 'node:assert/strict'
import {test} from 'node:test'
import {commaList} from '../../../src/flags/shared.js'

test("list flags take kafka-*.sh's comma lists, repeated flags, or both; blanks and empty items go", () => {
  assert.deepEqual(commaList(['a,b', ' c ', 'd,,e,']), ['a', 'b', 'c', 'd', 'e'])
  assert.deepEqual(commaList('1, 2,3'), ['1', '2', '3'])
  assert.deepEqual(commaList([]), [])
  assert.equal(commaList(undefined), undefined)
})
