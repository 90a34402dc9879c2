// Off a terminal (as under the test runner) views print no colour codes, so rows compare as plain text.
import assert from 'node:assert/strict'
import {test} from 'node:test'
import type {ConfigEntry, EntityConfigs} from '../../../../src/core/configs/configs.js'
import type {QuotaConfigs} from '../../../../src/core/quotas/user-configs.js'
import {CONFIG_HEAD, configRows, entityLabel, QUOTA_HEAD, quotaConfigRows} from '../../../../src/output/views/configs.js'
import {plainTable} from '../../../helpers/plain-table.js'

const entry = (name: string, value: string | null, source: string, more: Partial<ConfigEntry> = {}): ConfigEntry => ({
  name,
  value,
  source,
  isDefault: false,
  isSensitive: false,
  readOnly: false,
  ...more,
})

test('configs describe: name, value, source; a sensitive value is never shown, an unset one says null', () => {
  const configs = [
    entry('retention.ms', '86400000', 'DYNAMIC_TOPIC_CONFIG'),
    entry('listener.name.sasl_ssl.scram-sha-256.sasl.jaas.config', null, 'DYNAMIC_BROKER_CONFIG', {isSensitive: true}),
    entry('log.cleaner.backoff.ms', null, 'DEFAULT_CONFIG', {isDefault: true}),
  ]
  assert.deepEqual(configRows(configs), [
    ['retention.ms', '86400000', 'DYNAMIC_TOPIC_CONFIG'],
    ['listener.name.sasl_ssl.scram-sha-256.sasl.jaas.config', '(sensitive)', 'DYNAMIC_BROKER_CONFIG'],
    ['log.cleaner.backoff.ms', 'null', 'DEFAULT_CONFIG'],
  ])
  assert.deepEqual(plainTable(CONFIG_HEAD, configRows(configs.slice(0, 1))), [
    'CONFIG        VALUE     SOURCE',
    'retention.ms  86400000  DYNAMIC_TOPIC_CONFIG',
  ])
})

test('configs describe: the heading of each entity, as kafka-configs words it', () => {
  const label = (entityType: EntityConfigs['entityType'], entityName: string) => entityLabel({entityType, entityName, configs: []})
  assert.equal(label('topics', 'orders'), 'Configs for topic orders')
  assert.equal(label('brokers', '2'), 'Configs for broker 2')
  assert.equal(label('brokers', ''), 'Default configs for brokers in the cluster')
  assert.equal(label('broker-loggers', '1'), 'Configs for broker logger 1')
  assert.equal(label('groups', 'billing'), 'Configs for group billing')
  assert.equal(label('client-metrics', 'every-app'), 'Configs for client metrics every-app')
})

test('quotas: one row a quota value, entities in kafka-configs words; a user’s SCRAM credentials below', () => {
  const described: QuotaConfigs = {
    quotas: [
      {entity: [{type: 'user', name: 'alice'}], values: {producer_byte_rate: 1048576, request_percentage: 12.5}},
      {
        entity: [
          {type: 'user', name: null},
          {type: 'client-id', name: 'app'},
        ],
        values: {consumer_byte_rate: 2097152},
      },
      {entity: [{type: 'ip', name: null}], values: {connection_creation_rate: 50}},
    ],
    scram: [
      {
        user: 'alice',
        credentials: [
          {mechanism: 'SCRAM-SHA-256', iterations: 8192},
          {mechanism: 'SCRAM-SHA-512', iterations: 4096},
        ],
      },
    ],
  }
  assert.deepEqual(quotaConfigRows(described), [
    ["user-principal 'alice'", 'producer_byte_rate', '1048576'],
    ["user-principal 'alice'", 'request_percentage', '12.5'],
    ["the default user-principal, client-id 'app'", 'consumer_byte_rate', '2097152'],
    ['the default ip', 'connection_creation_rate', '50'],
    ["user-principal 'alice'", 'SCRAM-SHA-256', 'iterations=8192'],
    ["user-principal 'alice'", 'SCRAM-SHA-512', 'iterations=4096'],
  ])
  assert.deepEqual(plainTable(QUOTA_HEAD, quotaConfigRows({quotas: described.quotas.slice(2)})), [
    'ENTITY          QUOTA                     VALUE',
    'the default ip  connection_creation_rate  50',
  ])
  assert.deepEqual(quotaConfigRows({quotas: []}), [], 'nothing set: no rows (the command says so)')
})
