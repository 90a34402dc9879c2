import assert from 'node:assert/strict'
import {test} from 'node:test'
import {incrementalAlterConfigsOn, type AlterConfigsResource} from '../../../../src/core/protocol/incremental-alter-configs.js'
import {CLIENT_ID, fakeBroker, frame, hex} from './wire.js'

// IncrementalAlterConfigs (key 44): v0 classic, v1 flexible. config_operation 0 SET, 1 DELETE, 2 APPEND, 3 SUBTRACT.
const resources: AlterConfigsResource[] = [
  {
    resourceType: 2, // TOPIC
    resourceName: 't',
    configs: [
      {name: 'retention.ms', op: 'set', value: '1000'},
      {name: 'cleanup.policy', op: 'delete'},
    ],
  },
  {resourceType: 4, resourceName: '1', configs: [{name: 'x', op: 'subtract', value: 'a,b'}]}, // BROKER 1
]
const RETENTION_MS = '726574656e74696f6e2e6d73' // 12 bytes
const CLEANUP_POLICY = '636c65616e75702e706f6c696379' // 14 bytes

test('IncrementalAlterConfigs v1 request: header v2, compact strings and arrays, null value, tags per struct', async () => {
  const {broker, sent} = fakeBroker(44, 1, [hex('00 00000000 01 00')])
  await incrementalAlterConfigsOn(broker, resources, true)
  const expected = frame(
    `002c 0001 00000001 ${CLIENT_ID} 00`,
    '03', // two resources
    '02 02 74', // TOPIC "t"
    '03', // two configs
    `0d ${RETENTION_MS} 00 05 31303030 00`, // retention.ms SET "1000", tags
    `0f ${CLEANUP_POLICY} 01 00 00`, // cleanup.policy DELETE null, tags
    '00', // resource tags
    '04 02 31', // BROKER "1"
    '02 02 78 03 04 612c62 00', // x SUBTRACT "a,b", tags
    '00', // resource tags
    '01', // validate_only
    '00', // tags
  )
  assert.deepEqual(sent[0]!.frame, expected)
})

test('IncrementalAlterConfigs v0 request: header v1, INT16 strings, INT32 arrays, -1 for a null value', async () => {
  const {broker, sent} = fakeBroker(44, 0, [hex('00000000 00000000')])
  await incrementalAlterConfigsOn(broker, resources)
  const expected = frame(
    `002c 0000 00000001 ${CLIENT_ID}`,
    '00000002',
    '02 0001 74 00000002',
    `000c ${RETENTION_MS} 00 0004 31303030`,
    `000e ${CLEANUP_POLICY} 01 ffff`,
    '04 0001 31 00000001',
    '0001 78 03 0003 612c62',
    '00', // validate_only false
  )
  assert.deepEqual(sent[0]!.frame, expected)
})

test('IncrementalAlterConfigs v1 response: per-resource result and error with its message; tags skipped', async () => {
  const raw = hex(
    '00', // response header tags
    '00000000', // throttle_time_ms
    '03',
    '0000 00 02 02 74 00', // ok, message null, TOPIC "t"
    '0028 04 626164 04 02 31', // INVALID_CONFIG (40) "bad", BROKER "1"
    '01 00 01 ff', // tags: one unknown field
    '00',
  )
  const {broker} = fakeBroker(44, 1, [raw])
  const [ok, bad] = await incrementalAlterConfigsOn(broker, resources)
  assert.deepEqual(ok, {resourceType: 2, resourceName: 't', errorCode: 0, errorMessage: null, error: null})
  const {error, ...rest} = bad!
  assert.deepEqual(rest, {resourceType: 4, resourceName: '1', errorCode: 40, errorMessage: 'bad'})
  assert.equal((error as Error & {type: string}).type, 'INVALID_CONFIG')
  assert.match(error!.message, /\(bad\)/)
})

test('IncrementalAlterConfigs v0 response: classic encoding', async () => {
  const {broker} = fakeBroker(44, 0, [hex('00000000 00000001 0028 0003 626164 02 0001 74')])
  const [r] = await incrementalAlterConfigsOn(broker, resources)
  assert.equal(r!.errorCode, 40)
  assert.equal(r!.errorMessage, 'bad')
  assert.equal(r!.resourceName, 't')
})

test('IncrementalAlterConfigs: an unknown operation is refused before anything is sent', async () => {
  const {broker, sent} = fakeBroker(44, 1, [])
  await assert.rejects(
    incrementalAlterConfigsOn(broker, [{resourceType: 2, resourceName: 't', configs: [{name: 'x', op: 'replace' as never}]}]),
    /unknown config operation 'replace'/,
  )
  assert.equal(sent.length, 0)
})
