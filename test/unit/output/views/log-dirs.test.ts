import assert from 'node:assert/strict'
import {test} from 'node:test'
import type {BrokerLogDirs} from '../../../../src/core/brokers/log-dirs.js'
import {DIRS_HEAD, dirRows, REPLICAS_HEAD, replicaRows, sizeFormat, TOPICS_HEAD, topicRows} from '../../../../src/output/views/log-dirs.js'
import {plainTable} from '../../../helpers/plain-table.js'

// Two brokers of three: orders (two replicas of partition 0, one of 1), audit, and broker 3 that did not answer.
const brokers: BrokerLogDirs[] = [
  {
    broker: 1,
    logDirs: [
      {
        logDir: '/var/kafka/data-1',
        error: null,
        size: 7_340_032 + 2048,
        totalBytes: 107_374_182_400,
        usableBytes: 53_687_091_200,
        replicas: [
          {topic: 'orders', partition: 0, size: 7_340_032, offsetLag: 0, isFuture: false},
          {topic: 'audit', partition: 0, size: 2048, offsetLag: 0, isFuture: false},
        ],
      },
    ],
  },
  {
    broker: 2,
    logDirs: [
      {
        logDir: '/var/kafka/data-2',
        error: null,
        size: 7_340_032 + 1_048_576,
        totalBytes: null,
        usableBytes: null,
        replicas: [
          {topic: 'orders', partition: 0, size: 7_340_032, offsetLag: 12, isFuture: false},
          {topic: 'orders', partition: 1, size: 1_048_576, offsetLag: 0, isFuture: true},
        ],
      },
      {logDir: '/var/kafka/broken', error: 'KAFKA_STORAGE_ERROR', size: 0, totalBytes: null, usableBytes: null, replicas: []},
    ],
  },
  {broker: 3, logDirs: [], error: 'connect ECONNREFUSED 127.0.0.1:9094'},
]
const exact = sizeFormat(false)
const human = sizeFormat(true)

test('log-dirs: one row a broker’s log dir, exact bytes in a pipe; a broker that did not answer says why', () => {
  assert.deepEqual(dirRows(brokers, exact), [
    ['1', '/var/kafka/data-1', '7342080', '2', '107374182400', '53687091200', ''],
    ['2', '/var/kafka/data-2', '8388608', '2', '', '', ''],
    ['2', '/var/kafka/broken', '0', '0', '', '', 'KAFKA_STORAGE_ERROR'],
    ['3', '', '', '', '', '', 'connect ECONNREFUSED 127.0.0.1:9094'],
  ])
  assert.deepEqual(dirRows(brokers.slice(0, 1), human), [['1', '/var/kafka/data-1', '7.00 MiB', '2', '100 GiB', '50.0 GiB', '']])
  assert.deepEqual(plainTable(DIRS_HEAD, dirRows(brokers.slice(1, 2), exact)), [
    'BROKER  LOG DIR            SIZE     REPLICAS  VOLUME SIZE  VOLUME FREE  ERROR',
    '2       /var/kafka/data-2  8388608  2',
    '2       /var/kafka/broken  0        0                                   KAFKA_STORAGE_ERROR',
  ])
})

test('log-dirs topics: biggest first, every replica summed, and the partition that takes the most', () => {
  assert.deepEqual(topicRows(brokers, exact), [
    ['orders', '15728640', '3', '0 (14680064)'],
    ['audit', '2048', '1', '0 (2048)'],
  ])
  assert.deepEqual(plainTable(TOPICS_HEAD, topicRows(brokers, human)), [
    'TOPIC   SIZE      REPLICAS  BIGGEST PARTITION',
    'orders  15.0 MiB  3         0 (14.0 MiB)',
    'audit   2.00 KiB  1         0 (2.00 KiB)',
  ])
})

test('log-dirs replicas: every replica, biggest first, then by topic, partition and broker; a future one marked', () => {
  assert.deepEqual(replicaRows(brokers, exact), [
    ['orders', '0', '1', '/var/kafka/data-1', '7340032', '0', ''],
    ['orders', '0', '2', '/var/kafka/data-2', '7340032', '12', ''],
    ['orders', '1', '2', '/var/kafka/data-2', '1048576', '0', 'yes'],
    ['audit', '0', '1', '/var/kafka/data-1', '2048', '0', ''],
  ])
  assert.equal(plainTable(REPLICAS_HEAD, [])[0], 'TOPIC  PARTITION  BROKER  LOG DIR  SIZE  OFFSET LAG  FUTURE')
})
