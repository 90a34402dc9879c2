/**
 * The Java tools' client-property spellings end to end: --command-config and
 * --admin.config files, --command-property (Kafka 4.2+), produce's
 * --producer.config, consume's --consumer-property and --consumer.config.
 */
import assert from 'node:assert/strict'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {test} from 'node:test'
import {kfk, testBootstrap, uniqueName} from '../helpers/cli.js'

const dir = mkdtempSync(join(tmpdir(), 'kfk-spellings-'))
const file = (name: string, text: string) => {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}
// No -b and no KAFKA_BOOTSTRAP_SERVERS: the address must come from the file or the property.
const bare = {cluster: false, env: {KAFKA_BOOTSTRAP_SERVERS: ''}}

test('--admin.config and --command-property bootstrap.servers=... connect a command', async () => {
  const admin = file('admin.properties', `bootstrap.servers=${testBootstrap()}\nclient.id=kfk-spellings\n`)
  const topic = uniqueName('spellings-admin')
  assert.equal((await kfk(['topics', 'create', topic, '-p', '1'])).code, 0)
  const viaFile = await kfk(['topics', 'list', '--topic', topic, '--admin.config', admin], bare)
  assert.equal(viaFile.code, 0, viaFile.stderr)
  const viaProperty = await kfk(['topics', 'list', '--topic', topic, '--command-property', `bootstrap.servers=${testBootstrap()}`], bare)
  assert.equal(viaProperty.code, 0, viaProperty.stderr)
  assert.equal(viaProperty.stdout, `${topic}\n`)
  assert.equal(viaFile.stdout, `${topic}\n`)
})

test('produce --producer.config and --command-property; consume --consumer.config and --consumer-property', async () => {
  const topic = uniqueName('spellings')
  assert.equal((await kfk(['topics', 'create', topic, '-p', '2'])).code, 0)
  const producerConfig = file(
    'producer.properties',
    `bootstrap.servers=${testBootstrap()}\nacks=1\nkey.serializer=org.apache.kafka.common.serialization.StringSerializer\n`,
  )
  const produced = await kfk(['produce', topic, '--producer.config', producerConfig, '--command-property', 'linger.ms=0', '-K', ':'], {
    ...bare,
    input: 'a:1\nb:2\nc:3\n',
  })
  assert.equal(produced.code, 0, produced.stderr)
  assert.doesNotMatch(produced.stderr, /ignoring/, 'a file may hold serializers without a warning')
  const group = uniqueName('spellings-group')
  const consumerConfig = file(
    'consumer.properties',
    `bootstrap.servers=${testBootstrap()}\ngroup.id=${group}\nauto.offset.reset=earliest\n`,
  )
  const consumed = await kfk(
    [
      'consume',
      topic,
      '--consumer.config',
      consumerConfig,
      '--consumer-property',
      'isolation.level=read_committed',
      '--from-beginning',
      '-e',
    ],
    bare,
  )
  assert.equal(consumed.code, 0, consumed.stderr)
  assert.deepEqual(consumed.stdout.trim().split('\n').sort(), ['1', '2', '3'])
  // group.id from the file: the group committed what it read.
  const described = JSON.parse((await kfk(['groups', 'describe', group, '--json'])).stdout).groups[0]
  assert.equal(described.totalLag, 0)
  const unknown = await kfk(['consume', topic, '--consumer-property', 'max.poll.records=5', '--from-beginning', '-e', '-n', '1'])
  assert.equal(unknown.code, 0, unknown.stderr)
  assert.match(unknown.stderr, /ignoring unknown properties max\.poll\.records/)
})

test("kafka-console-producer's remaining flags run unchanged; the console consumer's deserializers and --formatter-config", async () => {
  const topic = uniqueName('spellings-console')
  assert.equal((await kfk(['topics', 'create', topic, '-p', '1'])).code, 0)
  const reader = file('reader.properties', 'parse.key=true\nkey.separator=:\n')
  const produced = await kfk(
    [
      'produce',
      '--topic',
      topic,
      '--reader-config',
      reader,
      '--line-reader',
      'org.apache.kafka.tools.LineMessageReader',
      '--request-timeout-ms',
      '20000',
      '--max-block-ms',
      '60000',
      '--retry-backoff-ms',
      '100',
      '--metadata-expiry-ms',
      '300000',
      '--message-send-max-retries',
      '3',
      '--max-memory-bytes',
      '33554432',
      '--max-partition-memory-bytes',
      '0',
      '--socket-buffer-size',
      '102400',
      '--compression-codec',
    ],
    {input: 'a:1\nb:2\nc:3\n'},
  )
  assert.equal(produced.code, 0, produced.stderr)
  assert.match(produced.stderr, /note: --max-block-ms, --retry-backoff-ms, .* tune Java's producer; kfk does not use them/)
  // One batch per record (batch size 0), gzip: the bare --compression-codec.
  const dumped = await kfk(['consume', topic, '--from-beginning', '-e', '--output', 'jsonl'])
  assert.equal(dumped.stdout.trim().split('\n').length, 3)
  const formatter = file('formatter.properties', 'print.key=true\nkey.separator==\n')
  const consumed = await kfk([
    'consume',
    topic,
    '--from-beginning',
    '-e',
    '--formatter-config',
    formatter,
    '--key-deserializer',
    'StringDeserializer',
  ])
  assert.equal(consumed.stdout, 'a=1\nb=2\nc=3\n')
  const other = await kfk(['produce', topic, '--line-reader', 'com.example.Reader'], {input: 'x\n'})
  assert.equal(other.code, 2)
  assert.match(other.stderr, /--line-reader com\.example\.Reader is a Java class kfk cannot run/)

  // Longs written by Java's LongSerializer (8 bytes, big-endian) print as numbers, as with Java's LongDeserializer.
  const longs = uniqueName('spellings-longs')
  assert.equal((await kfk(['topics', 'create', longs, '-p', '1'])).code, 0)
  const eight = (n: bigint) => {
    const b = Buffer.alloc(8)
    b.writeBigInt64BE(n)
    return JSON.stringify({value: {base64: b.toString('base64')}})
  }
  const jsonl = [eight(1n), eight(-9000000000n)].join('\n') + '\n'
  assert.equal((await kfk(['produce', longs, '--input', 'jsonl'], {input: jsonl})).code, 0)
  const numbers = await kfk([
    'consume',
    longs,
    '--from-beginning',
    '-e',
    '--value-deserializer',
    'org.apache.kafka.common.serialization.LongDeserializer',
  ])
  assert.equal(numbers.code, 0, numbers.stderr)
  assert.equal(numbers.stdout, '1\n-9000000000\n')
  const wrong = await kfk(['consume', longs, '--from-beginning', '-e', '--value-deserializer', 'IntegerDeserializer'])
  assert.equal(wrong.code, 1)
  assert.match(wrong.stderr, /the value of .*:0 at offset 0 does not deserialize: IntegerDeserializer: the data is 8 bytes, not 4/)
})
