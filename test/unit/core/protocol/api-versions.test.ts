import assert from 'node:assert/strict'
import {test} from 'node:test'
import {apiVersions} from '../../../../src/core/protocol/api-versions.js'
import {CLIENT_ID, fakeBroker, frame, hex} from './wire.js'

// ApiVersions (18) v3+: flexible request (header v2), but the response header has no tagged fields
// (KIP-511), and the feature levels are top-level tagged fields 0 (supported), 1 (epoch), 2 (finalized).
const METADATA_VERSION = '11 6d657461646174612e76657273696f6e' // compact "metadata.version"

test('ApiVersions v4: software name and version; ranges, supported and finalized features from tagged fields', async () => {
  const response = hex(
    '0000', // no error (no header tags before it)
    '03', // two APIs
    '0000 0003 000d 00', // Produce 3-13
    '0012 0000 0004 00', // ApiVersions 0-4
    '00000000', // throttle
    '04', // four tagged fields
    '00 17 02 ' + METADATA_VERSION + ' 0007 001b 00', // 0: metadata.version supported 7-27
    '01 08 0000000000000042', // 1: epoch 66
    '02 17 02 ' + METADATA_VERSION + ' 001b 0001 00', // 2: finalized max 27, min 1
    '09 02 abcd', // an unknown tag is skipped by its size
  )
  const {broker, sent} = fakeBroker(18, 4, [response])
  const answer = await apiVersions(broker)
  assert.deepEqual(sent[0]!.frame, frame(`0012 0004 00000001 ${CLIENT_ID} 00`, '04 6b666b', '06 302e312e30', '00'))
  assert.deepEqual(answer, {
    apiKeys: [
      {apiKey: 0, minVersion: 3, maxVersion: 13},
      {apiKey: 18, minVersion: 0, maxVersion: 4},
    ],
    supportedFeatures: [{name: 'metadata.version', minVersion: 7, maxVersion: 27}],
    finalizedFeaturesEpoch: 66n,
    finalizedFeatures: [{name: 'metadata.version', minVersionLevel: 1, maxVersionLevel: 27}],
  })
})

test('ApiVersions: a broker that knows v3 only is asked with v3; UNSUPPORTED_VERSION (a v0 answer) is thrown', async () => {
  const {broker, sent} = fakeBroker(18, 3, [hex('0023', '00000001', '0012 0000 0002')])
  await assert.rejects(apiVersions(broker), (e: Error & {type: string}) => e.type === 'UNSUPPORTED_VERSION')
  assert.equal(sent[0]!.apiVersion, 3)
})
