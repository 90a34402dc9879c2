import assert from 'node:assert/strict'
import {test} from 'node:test'
import {updateFeatures} from '../../../../src/core/protocol/update-features.js'
import {CLIENT_ID, fakeBroker, frame, hex} from './wire.js'

// UpdateFeatures (57) v1-2, flexible: per feature the new max level and upgrade type
// (1 upgrade, 2 safe downgrade, 3 unsafe downgrade); v2 answers with a top-level error only.
const GROUP_VERSION = '0e 67726f75702e76657273696f6e' // compact "group.version"

test('UpdateFeatures v1: timeout, updates with upgrade types, validate only; per-feature results', async () => {
  const response = hex('00', '00000000 0000 00', '02', GROUP_VERSION + ' 0000 00 00', '00')
  const {broker, sent} = fakeBroker(57, 1, [response])
  const results = await updateFeatures(broker, [{feature: 'group.version', maxVersionLevel: 1, upgradeType: 'unsafe-downgrade'}], {
    validateOnly: true,
    timeoutMs: 10_000,
  })
  assert.deepEqual(sent[0]!.frame, frame(`0039 0001 00000001 ${CLIENT_ID} 00`, '00002710', '02', GROUP_VERSION + ' 0001 03 00', '01', '00'))
  assert.deepEqual(results, [{feature: 'group.version', error: null, message: null}])
})

test('UpdateFeatures v2: the top-level error is every feature’s', async () => {
  const response = hex('00', '00000000 002a 03 6e6f', '00') // INVALID_REQUEST "no"
  const {broker, sent} = fakeBroker(57, 2, [response])
  const results = await updateFeatures(
    broker,
    [
      {feature: 'group.version', maxVersionLevel: 0, upgradeType: 'safe-downgrade'},
      {feature: 'kraft.version', maxVersionLevel: 1, upgradeType: 'upgrade'},
    ],
    {validateOnly: false, timeoutMs: 5000},
  )
  assert.equal(sent[0]!.apiVersion, 2)
  assert.deepEqual(
    results.map((r) => [r.feature, (r.error as Error & {type: string}).type, r.message]),
    [
      ['group.version', 'INVALID_REQUEST', 'no'],
      ['kraft.version', 'INVALID_REQUEST', 'no'],
    ],
  )
})
