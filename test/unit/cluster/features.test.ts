import assert from 'node:assert/strict'
import {test} from 'node:test'
import {featureFormatArgs} from '../../../src/cluster/local.js'

test('cluster up turns share groups on at format only where the release has them off (Kafka 4.1)', () => {
  assert.deepEqual(featureFormatArgs('4.1.1'), ['--feature', 'share.version=1'])
  assert.deepEqual(featureFormatArgs('4.1.0'), ['--feature', 'share.version=1'])
  // 3.x has no share.version (format would refuse it); 4.2+ finalizes it by default.
  for (const v of ['3.7.2', '3.9.1', '4.0.1', '4.2.0', '4.4.0', '4.10.0']) assert.deepEqual(featureFormatArgs(v), [], v)
})
