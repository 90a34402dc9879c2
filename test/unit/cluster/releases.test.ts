import assert from 'node:assert/strict'
import {test} from 'node:test'
import {atLeast, checkSupportedRelease, RELEASE_LINES, supportedRange} from '../../../src/cluster/releases.js'

test('the range: 2.8 to 4.4, ZooKeeper mode through 3.9, KRaft from 3.3', () => {
  assert.equal(supportedRange(), '2.8 to 4.4')
  assert.equal(supportedRange('zookeeper'), '2.8 to 3.9')
  assert.equal(supportedRange('kraft'), '3.3 to 4.4')
  for (const r of RELEASE_LINES) assert.ok(r.latest.startsWith(`${r.line}.`), r.latest)
})

test('checkSupportedRelease: a release outside the range, or a mode it lacks, is a usage error naming it', () => {
  assert.throws(() => checkSupportedRelease('2.7.2'), {
    message: /Apache Kafka 2\.7\.2 is not supported: kfk supports 2\.8 to 4\.4/,
    exit: 2,
  })
  assert.throws(() => checkSupportedRelease('4.1.2', undefined, 'zookeeper'), {message: /has no ZooKeeper mode/, exit: 2})
  assert.throws(() => checkSupportedRelease('3.2.3', undefined, 'kraft'), {message: /runs only in ZooKeeper mode/, exit: 2})
  for (const [version, mode] of [
    ['2.8.2', 'zookeeper'],
    ['3.3.2', 'kraft'],
    ['3.9.2', 'zookeeper'],
    ['4.4.0', 'kraft'],
  ] as const)
    checkSupportedRelease(version, undefined, mode)
})

test('atLeast compares release lines numerically', () => {
  assert.ok(atLeast('3.10.0', '3.9'))
  assert.ok(atLeast('3.5.2', '3.5'))
  assert.ok(!atLeast('3.4.1', '3.5'))
  assert.ok(atLeast('4.0.0', '3.5'))
})
