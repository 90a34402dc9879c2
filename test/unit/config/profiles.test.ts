import assert from 'node:assert/strict'
import {chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {after, test} from 'node:test'
import {configDir, loadProfiles, removeClusterProfile, saveProfiles, upsertProfile} from '../../../src/config/profiles.js'
import {resolveSettings} from '../../../src/config/settings.js'

const made: string[] = []
after(() => made.forEach((d) => rmSync(d, {recursive: true, force: true})))
function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  made.push(mkdtempSync(join(tmpdir(), 'kfk-prof-unit-')))
  return {KFK_CONFIG_DIR: made.at(-1), ...extra}
}

test('config dir: KFK_CONFIG_DIR, else XDG_CONFIG_HOME/kfk, else ~/.config/kfk', () => {
  assert.equal(configDir({KFK_CONFIG_DIR: '/x'}), '/x')
  assert.equal(configDir({XDG_CONFIG_HOME: '/xdg'}), '/xdg/kfk')
  assert.match(configDir({}), /\.config\/kfk$/)
})

test('profiles are saved as YAML, mode 0600, and read back; looser modes draw a warning', async () => {
  const e = env()
  const path = await saveProfiles({active: 'a', profiles: {a: {'bootstrap.servers': 'h:1'}}}, e)
  assert.equal(statSync(path).mode & 0o777, 0o600)
  assert.match(readFileSync(path, 'utf8'), /active: a\nprofiles:\n {2}a:\n {4}bootstrap.servers: h:1/)
  const loaded = await loadProfiles(e)
  assert.deepEqual(loaded.file, {active: 'a', profiles: {a: {'bootstrap.servers': 'h:1'}}})
  assert.equal(loaded.warning, undefined)
  chmodSync(path, 0o644)
  assert.match((await loadProfiles(e)).warning ?? '', /readable by others \(mode 0644\).*chmod 600/)
})

test('upsertProfile makes the first profile active and keeps an existing active one', async () => {
  const e = env()
  assert.deepEqual((await upsertProfile('one', {'bootstrap.servers': 'h:1'}, e)).active, true)
  assert.deepEqual((await upsertProfile('two', {'bootstrap.servers': 'h:2'}, e)).active, false)
  assert.equal((await loadProfiles(e)).file.active, 'one')
})

test('resolution: flags > env > profile > defaults, with sources', async () => {
  const e = env()
  const pw = join(e.KFK_CONFIG_DIR!, 'pw')
  writeFileSync(pw, 'secret-pw\n')
  await saveProfiles(
    {
      active: 'p',
      profiles: {
        p: {'bootstrap.servers': 'prof:9092', 'sasl.username': 'alice', 'sasl.mechanism': 'SCRAM-SHA-256', 'sasl.password.file': pw},
      },
    },
    e,
  )
  const fromProfile = resolveSettings({}, e)
  assert.deepEqual(fromProfile.brokers, ['prof:9092'])
  assert.equal(fromProfile.profile, 'p')
  assert.equal(fromProfile.sources.brokers, 'profile')
  assert.equal(fromProfile.security?.protocol, 'SASL_PLAINTEXT')
  assert.equal(fromProfile.security?.sasl?.password, 'secret-pw')
  assert.equal(fromProfile.sources['sasl.username'], 'profile')
  assert.ok(!JSON.stringify(fromProfile).includes('secret-pw'))

  // An address from the environment beats the active profile, whose security belongs to its own brokers.
  const fromEnv = resolveSettings({}, {...e, KAFKA_BOOTSTRAP_SERVERS: 'env:9092'})
  assert.deepEqual(fromEnv.brokers, ['env:9092'])
  assert.equal(fromEnv.sources.brokers, 'env')
  assert.equal(fromEnv.profile, undefined)
  assert.equal(fromEnv.security?.protocol, 'PLAINTEXT')

  // Naming the profile combines it with the env address; a flag beats both.
  const named = resolveSettings({profile: 'p', 'sasl-username': 'bob'}, {...e, KAFKA_BOOTSTRAP_SERVERS: 'env:9092'})
  assert.deepEqual(named.brokers, ['env:9092'])
  assert.equal(named.security?.sasl?.username, 'bob')
  assert.equal(named.sources['sasl.username'], 'flag')
  assert.equal(named.sources['sasl.mechanism'], 'profile')
  const viaEnv = resolveSettings({}, {...e, KFK_PROFILE: 'p', KFK_SASL_PASSWORD: 'env-pw'})
  assert.equal(viaEnv.security?.sasl?.password, 'env-pw')
  assert.equal(viaEnv.sources['sasl.password.env'], 'env')
  assert.equal(
    viaEnv.resolved?.find((r) => r.key === 'sasl.password.file'),
    undefined,
  )

  assert.throws(() => resolveSettings({profile: 'nope'}, e), /no profile named "nope".*/)
  const none = resolveSettings({}, env())
  assert.deepEqual(none.brokers, ['localhost:9092'])
  assert.equal(none.sources.brokers, 'default')
})

test('--command-config security keys apply, and a secret never shows in resolved values', async () => {
  const e = env()
  const file = join(e.KFK_CONFIG_DIR!, 'client.properties')
  writeFileSync(
    file,
    'bootstrap.servers=cc:9092\nsasl.mechanism=PLAIN\nsasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="cc-secret";\n',
  )
  // As Java: without security.protocol the file's SASL keys are not used (PLAINTEXT), and kfk says so.
  const plain = resolveSettings({'command-config': file}, e)
  assert.equal(plain.security?.protocol, 'PLAINTEXT')
  assert.match(plain.warnings?.join('\n') ?? '', /sasl\.\* but not security\.protocol: PLAINTEXT, as Java does/)
  writeFileSync(file, `security.protocol=SASL_PLAINTEXT\n${readFileSync(file, 'utf8')}`)
  const s = resolveSettings({'command-config': file}, e)
  assert.equal(s.security?.protocol, 'SASL_PLAINTEXT')
  assert.equal(s.security?.sasl?.password, 'cc-secret')
  assert.equal(s.sources['sasl.password'], 'command-config')
  assert.equal(s.resolved?.find((r) => r.key === 'sasl.password')?.value, '****')
  assert.ok(!JSON.stringify(s).includes('cc-secret'))
})

test("removeClusterProfile drops a purged cluster's profile only while it still points at that cluster", async () => {
  const e = env()
  await upsertProfile('dev', {'bootstrap.servers': '127.0.0.1:9292'}, e)
  await upsertProfile('mine', {'bootstrap.servers': 'elsewhere:9092'}, e)
  assert.equal(await removeClusterProfile('mine', ['127.0.0.1:9092'], e), false)
  assert.equal(await removeClusterProfile('dev', ['127.0.0.1:9092', '127.0.0.1:9292'], e), true)
  const {file} = await loadProfiles(e)
  assert.deepEqual(Object.keys(file.profiles), ['mine'])
  assert.equal(file.active, undefined)
})
