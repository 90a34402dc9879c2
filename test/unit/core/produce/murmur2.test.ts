import assert from 'node:assert/strict'
import {createRequire} from 'node:module'
import {test} from 'node:test'
import {keyPartition, murmur2} from '../../../../src/core/produce/murmur2.js'

const require = createRequire(import.meta.url)

test("murmur2 equals the Java client's on its published vectors", () => {
  // Kafka's UtilsTest.testMurmur2 vectors.
  assert.equal(murmur2(Buffer.from('21')), -973932308)
  assert.equal(murmur2(Buffer.from('foobar')), -790332482)
  assert.equal(murmur2(Buffer.from('a-little-bit-long-string')), -985981536)
  assert.equal(murmur2(Buffer.from('a-little-bit-longer-string')), -1486304829)
  assert.equal(murmur2(Buffer.from('lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8')), -58897971)
  assert.equal(murmur2(Buffer.from('abc')), 479470107)
})

test('murmur2 equals kafkajs (the reference kfk used before) on 20,000 random keys of every length', () => {
  const reference = require('kafkajs/src/producer/partitioners/default/murmur2') as (k: Buffer) => number
  let seed = 42
  const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) | 0) >>> 16) & 0xff
  for (let i = 0; i < 20_000; i++) {
    const key = Buffer.from(Array.from({length: i % 67}, random))
    assert.equal(murmur2(key), reference(key) | 0, `key ${key.toString('hex')}`)
    assert.equal(keyPartition(key, 6), (reference(key) & 0x7fffffff) % 6)
  }
})
