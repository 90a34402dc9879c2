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
