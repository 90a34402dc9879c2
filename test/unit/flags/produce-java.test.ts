import assert from 'node:assert/strict'
import {test} from 'node:test'
import {bareCompressionCodec, unusedJavaFlagsNote} from '../../../src/flags/produce.js'

test('produce --compression-codec alone means gzip, as in kafka-console-producer; with a value it stays', () => {
  const cases: Array<[string[], string[]]> = [
    [
      ['orders', '--compression-codec'],
      ['orders', '--compression-codec=gzip'],
    ],
    [
      ['orders', '--compression-codec', '--sync'],
      ['orders', '--compression-codec=gzip', '--sync'],
    ],
    [
      ['orders', '--compression-codec', 'lz4'],
      ['orders', '--compression-codec', 'lz4'],
    ],
    [
      ['orders', '--compression-codec=zstd'],
      ['orders', '--compression-codec=zstd'],
    ],
    [['orders'], ['orders']],
  ]
  for (const [argv, expected] of cases) {
    bareCompressionCodec(argv)
    assert.deepEqual(argv, expected)
  }
})

test('produce: the Java-only kafka-console-producer flags given are named in one note', () => {
  assert.equal(unusedJavaFlagsNote({}), undefined)
  assert.equal(
    unusedJavaFlagsNote({'retry-backoff-ms': 100, 'max-block-ms': 60000}),
    "note: --max-block-ms, --retry-backoff-ms tune Java's producer; kfk does not use them",
  )
})
