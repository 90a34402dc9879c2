import assert from 'node:assert/strict'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {test} from 'node:test'
import {parseProperties} from '../../../src/config/properties.js'
import {parseBrokers, resolveSettings} from '../../../src/config/settings.js'
import {KfkError} from '../../../src/cli/errors.js'

test('settings resolve flags before environment before defaults', () => {
  const env = {KAFKA_BOOTSTRAP_SERVERS: 'envhost:9092'}
  assert.deepEqual(resolveSettings({'bootstrap-server': 'a:1,b:2'}, env).brokers, ['a:1', 'b:2'])
  assert.equal(resolveSettings({'bootstrap-server': 'a:1'}, env).sources.brokers, 'flag')
  assert.deepEqual(resolveSettings({}, env).brokers, ['envhost:9092'])
  assert.equal(resolveSettings({}, env).sources.brokers, 'env')
  const dflt = resolveSettings({}, {KFK_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'kfk-unit-noprofile-'))})
  assert.deepEqual(dflt.brokers, ['localhost:9092'])
  assert.equal(dflt.isDefaultAddress, true)
  assert.equal(dflt.timeoutMs, 10_000)
})

test('a --command-config file supplies bootstrap.servers, client.id and request.timeout.ms', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kfk-unit-'))
  const file = join(dir, 'client.properties')
  writeFileSync(file, '# comment\nbootstrap.servers = cfg:9093\nclient.id=my-app\nrequest.timeout.ms=4000\n')
  const s = resolveSettings({'command-config': file}, {KAFKA_BOOTSTRAP_SERVERS: 'envhost:9092'})
  assert.deepEqual(s.brokers, ['cfg:9093'])
  assert.equal(s.clientId, 'my-app')
  assert.equal(s.requestTimeoutMs, 4000)
  // A flag still wins over the file.
  assert.deepEqual(resolveSettings({'command-config': file, 'bootstrap-server': 'flag:1'}, {}).brokers, ['flag:1'])
})

test('a missing --command-config file is a usage error naming the path', () => {
  assert.throws(
    () => resolveSettings({'command-config': '/nonexistent/x.properties'}, {}),
    (e: KfkError) => e.exit === 2 && e.message.includes('/nonexistent/x.properties'),
  )
})

test('bad broker addresses are usage errors naming the value', () => {
  assert.throws(
    () => parseBrokers('localhost'),
    (e: KfkError) => e.exit === 2 && e.message.includes('"localhost"'),
  )
  assert.throws(
    () => parseBrokers('h:99999'),
    (e: KfkError) => e.exit === 2,
  )
  assert.deepEqual(parseBrokers('PLAINTEXT://h:9092, [::1]:9093'), ['h:9092', '[::1]:9093'])
})

test('Java properties: separators, continuations, escapes and comments', () => {
  const p = parseProperties(
    'a=1\nb : two\nc three\n! bang\n# hash\nd=x\\\n   y\ne=tab\\tend\\u0041\nsasl.jaas.config=org.Foo required username="u" password="p";\n',
  )
  assert.deepEqual(p, {
    a: '1',
    b: 'two',
    c: 'three',
    d: 'xy',
    e: 'tab\tendA',
    'sasl.jaas.config': 'org.Foo required username="u" password="p";',
  })
})

test('a profile with a mistyped key, or an active: naming no profile, is refused instead of connecting to localhost', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kfk-unit-profile-'))
  const env = {KFK_CONFIG_DIR: dir}
  const write = (text: string) => writeFileSync(join(dir, 'profiles.yaml'), text, {mode: 0o600})
  write('active: prod\nprofiles:\n  prod:\n    bootstrap-servers: kafka-1:9093\n')
  assert.throws(
    () => resolveSettings({}, env),
    (e: KfkError) =>
      e.exit === 2 &&
      e.message === `profile "prod" has an unknown key "bootstrap-servers" (in ${join(dir, 'profiles.yaml')})` &&
      e.hint!.startsWith('Did you mean "bootstrap.servers"?'),
  )
  write('profiles:\n  prod:\n    bootstrap.servers: kafka-1:9093\n    sasl.mechansim: PLAIN\n')
  assert.throws(
    () => resolveSettings({profile: 'prod'}, env),
    (e: KfkError) => e.exit === 2 && e.message.includes('"sasl.mechansim"') && e.hint!.startsWith('Did you mean "sasl.mechanism"?'),
  )
  write('active: nosuch\nprofiles:\n  prod:\n    bootstrap.servers: kafka-1:9093\n')
  assert.throws(
    () => resolveSettings({}, env),
    (e: KfkError) => e.exit === 2 && e.message.startsWith('the active profile "nosuch"') && e.hint!.includes('Known profiles: prod'),
  )
  // An address given elsewhere does not use the active profile, so its state does not matter.
  assert.deepEqual(resolveSettings({'bootstrap-server': 'h:1'}, env).brokers, ['h:1'])
  write('active: prod\nprofiles:\n  prod:\n    bootstrap.servers: kafka-1:9093\n    client.id: app\n')
  assert.deepEqual(resolveSettings({}, env).brokers, ['kafka-1:9093'])
})
