import assert from 'node:assert/strict'
import {chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {after, test} from 'node:test'
import {kfk} from '../helpers/cli.js'

/** The profile commands as a user runs them, on a config dir of their own (no broker needed). */
const configDir = mkdtempSync(join(tmpdir(), 'kfk-profiles-it-'))
const env = {KFK_CONFIG_DIR: configDir, KAFKA_BOOTSTRAP_SERVERS: '', KFK_PROFILE: ''}
const cli = (args: string[], extra: NodeJS.ProcessEnv = {}) => kfk(args, {env: {...env, ...extra}, cluster: false})
after(() => rmSync(configDir, {recursive: true, force: true}))

test('profile add, list, use, show, remove', async () => {
  const a = await cli(['profile', 'add', 'dev', '-b', '127.0.0.1:9', '--json'])
  assert.equal(a.code, 0, a.stderr)
  assert.deepEqual(JSON.parse(a.stdout).active, true)
  const b = await cli([
    'profile',
    'add',
    'prod',
    '-b',
    'kafka-1:9093,kafka-2:9093',
    '--security-protocol',
    'SASL_SSL',
    '--sasl-mechanism',
    'SCRAM-SHA-512',
    '--sasl-username',
    'alice',
    '--sasl-password-env',
    'PROD_PW',
    '--tls-ca',
    'certs/ca.pem',
  ])
  assert.equal(b.code, 0, b.stderr)
  const path = join(configDir, 'profiles.yaml')
  assert.equal(statSync(path).mode & 0o777, 0o600)
  assert.match(readFileSync(path, 'utf8'), /ssl\.ca\.location: \/.*\/certs\/ca\.pem/)

  const list = await cli(['profile', 'list'])
  assert.equal(list.code, 0)
  assert.match(list.stdout, /^\*\s+dev\s+127\.0\.0\.1:9\s+PLAINTEXT/m)
  assert.match(list.stdout, /^\s+prod\s+kafka-1:9093,kafka-2:9093\s+SASL_SSL SCRAM-SHA-512\s+alice/m)

  assert.equal((await cli(['profile', 'use', 'prod'])).code, 0)
  const show = await cli(['profile', 'show', '--json'])
  assert.equal(JSON.parse(show.stdout).name, 'prod')
  assert.equal(JSON.parse(show.stdout).settings['sasl.password.env'], 'PROD_PW')

  // The active profile is used when nothing else names brokers; its password variable must be set.
  const noPw = await cli(['topics', 'list'])
  assert.equal(noPw.code, 2)
  assert.match(noPw.stderr, /^error: the password variable PROD_PW is not set/)
  const resolved = await cli(['profile', 'show', '--resolved', '--json'], {PROD_PW: 'hunter2-secret'})
  const rows = JSON.parse(resolved.stdout).resolved as Array<{key: string; source: string}>
  assert.equal(rows.find((r) => r.key === 'bootstrap.servers')?.source, 'profile')
  assert.ok(!resolved.stdout.includes('hunter2-secret'))
  // The CA file it names does not exist: shown anyway, with a warning.
  assert.match(resolved.stderr, /warning: these settings cannot connect yet: cannot read the CA file .*certs\/ca\.pem/)

  const dup = await cli(['profile', 'add', 'dev', '-b', 'x:1'])
  assert.equal(dup.code, 2)
  assert.match(dup.stderr, /profile "dev" already exists\nhint: Replace it with --force/)
  assert.equal((await cli(['profile', 'add', 'dev', '-b', 'x:1', '--force'])).code, 0)

  const rm = await cli(['profile', 'remove', 'prod', '--json'])
  assert.deepEqual(JSON.parse(rm.stdout), {removed: 'prod', active: null})
  assert.deepEqual(
    JSON.parse((await cli(['profile', 'list', '--json'])).stdout).profiles.map((p: {name: string}) => p.name),
    ['dev'],
  )
})

test('bad names, unknown profiles and a world-readable file', async () => {
  const bad = await cli(['profile', 'add', '../x', '-b', 'h:1'])
  assert.equal(bad.code, 2)
  assert.match(bad.stderr, /profile name "..\/x" is not allowed/)
  const none = await cli(['topics', 'list', '--profile', 'nope'])
  assert.equal(none.code, 2)
  assert.match(none.stderr, /^error: there is no profile named "nope"/)
  const viaEnv = await cli(['topics', 'list'], {KFK_PROFILE: 'nope'})
  assert.equal(viaEnv.code, 2)
  const noBrokers = await cli(['profile', 'add', 'empty'])
  assert.equal(noBrokers.code, 2)
  assert.match(noBrokers.stderr, /needs brokers/)
  assert.equal((await cli(['profile', 'add', 'p1', '-b', 'h:1'])).code, 0)
  chmodSync(join(configDir, 'profiles.yaml'), 0o644)
  const list = await cli(['profile', 'list'])
  assert.equal(list.code, 0)
  assert.match(list.stderr, /warning: the profiles file .* is readable by others \(mode 0644\).*chmod 600/)
  // Writing it again restores 0600.
  assert.equal((await cli(['profile', 'use', 'p1'])).code, 0)
  assert.equal(statSync(join(configDir, 'profiles.yaml')).mode & 0o777, 0o600)
})

test('a mistyped profile key or a dangling active: is one usage error, never a silent connection to localhost:9092', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kfk-profiles-typo-'))
  const file = join(dir, 'profiles.yaml')
  try {
    writeFileSync(file, 'active: prod\nprofiles:\n  prod:\n    bootstrap-servers: 127.0.0.1:9\n', {mode: 0o600})
    const typo = await kfk(['topics', 'list'], {env: {...env, KFK_CONFIG_DIR: dir}, cluster: false})
    assert.equal(typo.code, 2, typo.stderr)
    assert.match(
      typo.stderr,
      /^error: profile "prod" has an unknown key "bootstrap-servers" \(in .*profiles\.yaml\)\nhint: Did you mean "bootstrap\.servers"\?/,
    )
    writeFileSync(file, 'active: gone\nprofiles:\n  prod:\n    bootstrap.servers: 127.0.0.1:9\n', {mode: 0o600})
    const dangling = await kfk(['topics', 'list'], {env: {...env, KFK_CONFIG_DIR: dir}, cluster: false})
    assert.equal(dangling.code, 2, dangling.stderr)
    assert.match(dangling.stderr, /^error: the active profile "gone" \(active: in .*\) does not exist\nhint: Known profiles: prod/)
    // The broken profile can still be fixed with kfk itself.
    const use = await kfk(['profile', 'use', 'prod'], {env: {...env, KFK_CONFIG_DIR: dir}, cluster: false})
    assert.equal(use.code, 0, use.stderr)
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
})
