import assert from 'node:assert/strict'
import {test} from 'node:test'
import {describeLogDirs} from '../../../../src/core/protocol/describe-log-dirs.js'
import {CLIENT_ID, fakeBroker, frame, hex} from './wire.js'

// DescribeLogDirs (35): v1 classic, v2+ flexible, v3 adds a top-level error, v4 each dir's total and usable bytes.

test('DescribeLogDirs v4: topics and partitions asked; dirs with sizes, lags and disk bytes', async () => {
  const response = hex(
    '00',
    '00000000 0000', // throttle, no error
    '02', // one dir
    '0000 03 2f64', // no error, "/d"
    '02 02 74', // one topic "t"
    '02 00000000 0000000000000400 0000000000000000 00 00', // partition 0: 1024 bytes, lag 0, current
    '00', // topic tags
    '0000000000100000 0000000000080000', // total 1 MiB, usable 512 KiB
    '00',
    '00',
  )
  const {broker, sent} = fakeBroker(35, 4, [response])
  const dirs = await describeLogDirs(broker, [{topic: 't', partitions: [0, 1]}])
  assert.deepEqual(sent[0]!.frame, frame(`0023 0004 00000001 ${CLIENT_ID} 00`, '02 02 74 03 00000000 00000001 00', '00'))
  assert.deepEqual(dirs, [
    {
      logDir: '/d',
      error: null,
      partitions: [{topic: 't', partition: 0, size: 1024n, offsetLag: 0n, isFuture: false}],
      totalBytes: 1048576n,
      usableBytes: 524288n,
    },
  ])
})

test('DescribeLogDirs v1: null topics (all) as INT32 -1; a future replica with its lag; no disk bytes', async () => {
  const response = hex(
    '00000000',
    '00000002',
    '0000 0002 2f64 00000001 0001 74 00000001 00000002 0000000000000010 0000000000000005 01',
    '0038 0002 2f65 00000000', // KAFKA_STORAGE_ERROR (56) on "/e"
  )
  const {broker, sent} = fakeBroker(35, 1, [response])
  const dirs = await describeLogDirs(broker, null)
  assert.deepEqual(sent[0]!.frame, frame(`0023 0001 00000001 ${CLIENT_ID}`, 'ffffffff'))
  assert.deepEqual(dirs[0], {
    logDir: '/d',
    error: null,
    partitions: [{topic: 't', partition: 2, size: 16n, offsetLag: 5n, isFuture: true}],
    totalBytes: -1n,
    usableBytes: -1n,
  })
  assert.equal((dirs[1]!.error as Error & {type: string}).type, 'KAFKA_STORAGE_ERROR')
})
