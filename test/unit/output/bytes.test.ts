import assert from 'node:assert/strict'
import {test} from 'node:test'
import {humanBytes} from '../../../src/output/bytes.js'

test('humanBytes: bytes below 1 KiB, then binary units with three significant digits', () => {
  assert.equal(humanBytes(0), '0 B')
  assert.equal(humanBytes('1023'), '1023 B')
  assert.equal(humanBytes(1024), '1.00 KiB')
  assert.equal(humanBytes(1536n), '1.50 KiB')
  assert.equal(humanBytes(12.5 * 1024 * 1024), '12.5 MiB')
  assert.equal(humanBytes(270553174016n), '252 GiB')
  assert.equal(humanBytes(2n ** 60n), '1024 PiB')
})
