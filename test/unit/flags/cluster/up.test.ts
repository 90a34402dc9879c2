import assert from 'node:assert/strict'
import {test} from 'node:test'
import {EXIT, KfkError} from '../../../../src/cli/errors.js'
import {upOptions, type ClusterUpFlagValues} from '../../../../src/flags/cluster/up.js'

const flags = (f: Partial<ClusterUpFlagValues>) =>
  ({name: 'local', wait: 180, zookeeper: false, authorizer: false, ...f}) as ClusterUpFlagValues
const onProgress = () => {}

test('cluster up: a plain new cluster leaves what is not given to the cluster', () => {
  assert.deepEqual(upOptions(flags({}), onProgress), {
    name: 'local',
    brokers: undefined,
    port: undefined,
    kafkaVersion: undefined,
    kafkaHome: undefined,
    mode: undefined,
    waitMs: 180_000,
    onProgress,
    security: undefined,
    authorizer: undefined,
    replication: {},
  })
})

test('cluster up: --zookeeper is the mode, only the replication defaults given are passed', () => {
  const o = upOptions(flags({name: 'ci', brokers: 3, port: 19092, zookeeper: true, wait: 30, 'min-insync-replicas': 2}), onProgress)
  assert.deepEqual(
    [o.name, o.brokers, o.port, o.mode, o.waitMs, o.replication],
    ['ci', 3, 19092, 'zookeeper', 30_000, {minInsyncReplicas: 2}],
  )
  const both = upOptions(flags({'default-replication-factor': 3, 'min-insync-replicas': 2}), onProgress)
  assert.deepEqual(both.replication, {defaultReplicationFactor: 3, minInsyncReplicas: 2})
})

test('cluster up --security: the listener modes, and its authorizer word as --authorizer', () => {
  assert.deepEqual(upOptions(flags({security: 'sasl-ssl, mtls,sasl-ssl'}), onProgress).security, ['sasl-ssl', 'mtls'])
  const acl = upOptions(flags({security: 'authorizer'}), onProgress)
  assert.deepEqual([acl.security, acl.authorizer], [undefined, true])
  assert.equal(upOptions(flags({authorizer: true}), onProgress).authorizer, true)
  assert.throws(
    () => upOptions(flags({security: 'kerberos'}), onProgress),
    (e: unknown) => e instanceof KfkError && e.exit === EXIT.usage && e.message === '--security kerberos is not a known mode',
  )
})
