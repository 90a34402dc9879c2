import assert from 'node:assert/strict'
import {test} from 'node:test'
import {closest} from '../../../src/startup/suggest.js'

test('closest: a typo or a unique completion is suggested; nothing when no candidate is close', () => {
  const commands = ['produce', 'consume', 'topics list', 'topics describe', 'groups list', 'offsets']
  assert.equal(closest('produc', commands), 'produce')
  assert.equal(closest('consmue', commands), 'consume')
  assert.equal(closest('topics lst', commands), 'topics list')
  assert.equal(closest('xyzzy', commands), undefined)
  const flags = ['--bootstrap-server', '--acks', '--topic', '--timeout']
  assert.equal(closest('--bootstrap', flags), '--bootstrap-server')
  assert.equal(closest('--acsk', flags), '--acks')
  assert.equal(closest('--t', flags), undefined, 'two completions: none is suggested by prefix')
})
