import assert from 'node:assert/strict'
import {test} from 'node:test'
import {EXIT, KfkError} from '../../../src/cli/errors.js'
import {consumeChoices, type ConsumeFlagValues} from '../../../src/flags/consume.js'
import {produceChoices, type ProduceFlagValues} from '../../../src/flags/produce.js'

const usage = (fn: () => unknown, message: RegExp) =>
  assert.throws(fn, (error: unknown) => error instanceof KfkError && error.exit === EXIT.usage && message.test(error.message))
const consumeFlags = (f: Partial<ConsumeFlagValues>) => ({output: 'text', 'isolation-level': 'read_uncommitted', ...f}) as ConsumeFlagValues
const produceFlags = (f: Partial<ProduceFlagValues>) => ({input: 'text', ...f}) as ProduceFlagValues

test('consume flags: defaults as the console consumer (latest; a lost position goes to latest)', () => {
  const c = consumeChoices(consumeFlags({}), ['t'])
  assert.deepEqual([c.offset, c.offsetReset, c.isolationLevel, c.groupProtocol], [{kind: 'latest'}, 'latest', 0, undefined])
  const b = consumeChoices(consumeFlags({'from-beginning': true, 'isolation-level': 'read_committed'}), ['t'])
  assert.deepEqual([b.offset, b.offsetReset, b.isolationLevel], [{kind: 'earliest'}, 'earliest', 1])
  assert.equal(consumeChoices(consumeFlags({group: 'g', assignor: ['range']}), ['t']).groupProtocol, 'classic')
  assert.deepEqual(consumeChoices(consumeFlags({property: ['print.key=true', 'no.such=1']}), ['t']).unknownProperties, ['no.such'])
})

test('consume flags: each conflict is a usage error naming the flags', () => {
  usage(() => consumeChoices(consumeFlags({}), []), /no topic given/)
  usage(() => consumeChoices(consumeFlags({group: 'g', partition: [0]}), ['t']), /--group cannot be combined with --partition/)
  usage(() => consumeChoices(consumeFlags({group: 'g', offset: '5'}), ['t']), /--group cannot be combined with --offset/)
  usage(() => consumeChoices(consumeFlags({assignor: ['range']}), ['t']), /--group-protocol and --assignor need --group/)
  usage(
    () => consumeChoices(consumeFlags({group: 'g', 'group-protocol': 'consumer', assignor: ['range']}), ['t']),
    /--assignor applies to the classic protocol/,
  )
  usage(() => consumeChoices(consumeFlags({'from-beginning': true, offset: '3'}), ['t']), /--from-beginning and --offset/)
  usage(() => consumeChoices(consumeFlags({format: '%v', output: 'jsonl'}), ['t']), /--format and --output jsonl/)
  usage(() => consumeChoices(consumeFlags({offset: 'soon'}), ['t']), /^--offset: /)
  usage(() => consumeChoices(consumeFlags({format: '%Q'}), ['t']), /^--format: /)
  usage(() => consumeChoices(consumeFlags({property: ['print.key']}), ['t']), /--property "print.key" is not key=value/)
})

test('produce flags: topic from the argument or --topic, settings from flags and Java properties', () => {
  const p = produceChoices(produceFlags({acks: '1', 'producer-property': ['linger.ms=20', 'no.such=1'], 'key-separator': ':'}), 'orders')
  assert.equal(p.topic, 'orders')
  assert.equal(p.settings.acks, 1)
  assert.equal(p.settings.lingerMs, 20)
  assert.equal(p.line.keySeparator, ':')
  assert.deepEqual(p.unknownProperties, ['no.such'])
  assert.equal(produceChoices(produceFlags({topic: 'orders'}), undefined).topic, 'orders')
})

test('produce flags: each bad value is a usage error naming it', () => {
  usage(() => produceChoices(produceFlags({}), undefined), /no topic given/)
  usage(() => produceChoices(produceFlags({topic: 'a'}), 'b'), /two topics given: "b" and --topic "a"/)
  usage(() => produceChoices(produceFlags({header: ['nokey']}), 't'), /nokey/)
  usage(() => produceChoices(produceFlags({'key-separator': ''}), 't'), /key separator cannot be empty/)
  usage(() => produceChoices(produceFlags({'producer-property': ['acks=2']}), 't'), /acks/)
})

test('consume --tail, --count, --follow, --formatter and --grep: what they mean and their conflicts', () => {
  const tail = consumeChoices(consumeFlags({tail: 5}), ['t'])
  assert.deepEqual([tail.offset, tail.exitAtEnd], [{kind: 'fromEnd', count: 5n}, true])
  assert.equal(consumeChoices(consumeFlags({tail: 5, follow: true}), ['t']).exitAtEnd, false)
  const count = consumeChoices(consumeFlags({count: true}), ['t'])
  assert.deepEqual([count.offset, count.exitAtEnd, count.countOnly], [{kind: 'earliest'}, true, true])
  assert.equal(consumeChoices(consumeFlags({grep: 'x'}), ['t']).filter !== undefined, true)
  assert.equal(consumeChoices(consumeFlags({}), ['t']).filter, undefined)
  usage(() => consumeChoices(consumeFlags({tail: 5, offset: '3'}), ['t']), /--tail cannot be combined with --offset/)
  usage(() => consumeChoices(consumeFlags({tail: 5, group: 'g'}), ['t']), /--tail cannot be combined with --group/)
  usage(() => consumeChoices(consumeFlags({follow: true}), ['t']), /--follow goes with --tail/)
  usage(() => consumeChoices(consumeFlags({count: true, group: 'g'}), ['t']), /--count cannot be combined with --group/)
  usage(() => consumeChoices(consumeFlags({count: true, format: '%v'}), ['t']), /--count prints counts/)
  usage(() => consumeChoices(consumeFlags({grep: '['}), ['t']), /--grep: "\[" is not a regular expression/)
  usage(() => consumeChoices(consumeFlags({formatter: 'x.Y'}), ['t']), /--formatter x\.Y is not one kfk has/)
  assert.doesNotThrow(() => consumeChoices(consumeFlags({formatter: 'org.apache.kafka.tools.consumer.DefaultMessageFormatter'}), ['t']))
})

test('consume: Java consumer properties set what their flags would; typed flags win; unknown typed keys are named', () => {
  const c = consumeChoices(
    consumeFlags({'consumer-property': ['auto.offset.reset=none', 'max.poll.records=5'], 'isolation-level': undefined}),
    ['t'],
    {
      file: {'group.id': 'from-file', 'key.deserializer': 'x', 'isolation.level': 'read_committed'},
      flags: {'partition.assignment.strategy': 'org.apache.kafka.clients.consumer.CooperativeStickyAssignor'},
    },
  )
  assert.deepEqual([c.offsetReset, c.isolationLevel, c.assignors, c.groupProtocol], ['error', 1, ['cooperative-sticky'], 'classic'])
  assert.deepEqual(c.unknownProperties, ['max.poll.records'], 'a file may hold deserializers: only typed keys are named')
  const won = consumeChoices(consumeFlags({'isolation-level': 'read_uncommitted', 'offset-reset': 'latest'}), ['t'], {
    flags: {'isolation.level': 'read_committed', 'auto.offset.reset': 'earliest'},
  })
  assert.deepEqual([won.isolationLevel, won.offsetReset], [0, 'latest'])
  usage(() => consumeChoices(consumeFlags({'consumer-property': ['auto.offset.reset=sometimes']}), ['t']), /auto\.offset\.reset=sometimes/)
})

test('produce: a producer.config file and --command-property give producer settings; --producer-property wins', () => {
  const p = produceChoices(produceFlags({'producer-property': ['linger.ms=7']}), 't', {
    file: {'linger.ms': '100', acks: '1', 'key.serializer': 'x', 'bootstrap.servers': 'h:1'},
    flags: {'compression.type': 'lz4', 'no.such': '1', 'security.protocol': 'SSL'},
  })
  assert.deepEqual([p.settings.lingerMs, p.settings.acks, p.settings.compression], [7, 1, 'lz4'])
  assert.deepEqual(p.unknownProperties, ['no.such'])
})
