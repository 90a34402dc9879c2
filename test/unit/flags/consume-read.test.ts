import assert from 'node:assert/strict'
import {test} from 'node:test'
import {EXIT, KfkError} from '../../../src/cli/errors.js'
import {consumeChoices, consumeRead, refuseFormatWithJson, type ConsumeFlagValues} from '../../../src/flags/consume.js'

const consumeFlags = (f: Partial<ConsumeFlagValues>) => ({output: 'text', 'isolation-level': 'read_uncommitted', ...f}) as ConsumeFlagValues
const signal = new AbortController().signal
const onNote = () => {}
const readOf = (f: Partial<ConsumeFlagValues>, topics = ['orders']) => {
  const flags = consumeFlags(f)
  return consumeRead(flags, topics, consumeChoices(flags, topics), {signal, onNote})
}

test('consume --json with --format: a usage error; either alone is fine', () => {
  assert.throws(
    () => refuseFormatWithJson({format: '%v'}, true),
    (e: unknown) => e instanceof KfkError && e.exit === EXIT.usage && e.message === '--json and --format cannot be used together',
  )
  assert.doesNotThrow(() => refuseFormatWithJson({format: '%v'}, false))
  assert.doesNotThrow(() => refuseFormatWithJson({format: undefined}, true))
})

test('consume without a group: kfk assigns the partitions, from where --offset says', () => {
  const read = readOf({partition: [0, 2], offset: '42', 'max-messages': 10, 'timeout-ms': 500, 'isolation-level': 'read_committed'})
  assert.deepEqual(read, {
    engine: 'direct',
    options: {
      topics: ['orders'],
      pattern: undefined,
      isolationLevel: 1,
      signal,
      maxMessages: 10,
      filter: undefined,
      idleTimeoutMs: 500,
      exitAtEnd: false,
      partitions: [0, 2],
      offset: {kind: 'absolute', offset: 42n},
      offsetReset: 'latest',
      onNote,
    },
  })
})

test('consume --count reads as without a group, from the earliest offset to the end', () => {
  const read = readOf({count: true})
  assert.equal(read.engine, 'count')
  assert.equal(read.engine === 'count' && read.options.offset.kind, 'earliest')
  assert.equal(read.options.exitAtEnd, true)
})

test('consume --group: the group member, starting a new group where --from-beginning or --offset-reset say', () => {
  const read = readOf({group: 'billing', 'from-beginning': true, assignor: ['cooperative-sticky']})
  assert.equal(read.engine, 'group')
  assert.deepEqual(read.engine === 'group' && {...read.options, signal: undefined}, {
    topics: ['orders'],
    pattern: undefined,
    isolationLevel: 0,
    signal: undefined,
    maxMessages: undefined,
    filter: undefined,
    idleTimeoutMs: undefined,
    exitAtEnd: false,
    group: 'billing',
    fromBeginning: true,
    resetError: false,
    groupProtocol: 'classic',
    assignors: ['cooperative-sticky'],
  })
  const strict = readOf({group: 'billing', 'offset-reset': 'error'})
  assert.deepEqual(strict.engine === 'group' && [strict.options.fromBeginning, strict.options.resetError], [false, true])
})

test('consume --share-group: the share reader, acknowledging as --ack says', () => {
  const read = readOf({'share-group': 'workers', ack: 'release', 'reject-message-on-error': true, 'isolation-level': undefined})
  assert.equal(read.engine, 'share')
  assert.equal(read.engine === 'share' && read.options.group, 'workers')
  assert.deepEqual(read.engine === 'share' && [read.options.ack, read.options.rejectOnError, read.options.onNote], [
    'release',
    true,
    onNote,
  ])
})
