import assert from 'node:assert/strict'
import type {ListenerClient} from '../../src/cluster/security.js'
import {execFile, execFileSync} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {after, before, test} from 'node:test'
import {kfk, uniqueName, type CliResult} from '../helpers/cli.js'
import {javaTool} from '../helpers/java-tools.js'

/**
 * One secured 3-node cluster of our own (port base 19992) whose nodes expose
 * SASL_PLAINTEXT (+200), SASL_SSL (+300), SSL (+400) and SSL with client auth
 * (+500) at once; every command runs against the real listeners. Everything
 * the commands print, and every process listing taken while kfk's java
 * processes start and run, is kept and grepped for the password at the end.
 */
const NAME = 'kfk-sec-test'
const PORT = 19992
const stateDir = mkdtempSync(join(tmpdir(), 'kfk-sec-state-'))
const configDir = mkdtempSync(join(tmpdir(), 'kfk-sec-config-'))
const work = mkdtempSync(join(tmpdir(), 'kfk-sec-work-'))
const env = {KFK_STATE_DIR: stateDir, KFK_CONFIG_DIR: configDir, KAFKA_BOOTSTRAP_SERVERS: '', KFK_PROFILE: ''}
const printed: string[] = []
const listings: string[] = []

type Listener = ListenerClient
let listeners: Record<string, Listener> = {}
let password = ''
let upJson: {profile: string; security: {listeners: Listener[]}} | undefined

async function run(args: string[], options: {input?: string; env?: NodeJS.ProcessEnv} = {}): Promise<CliResult> {
  const result = await kfk(args, {input: options.input, env: {...env, ...options.env}, cluster: false, timeoutMs: 120_000})
  printed.push(result.stdout, result.stderr)
  return result
}

function snapshotProcesses(): Promise<void> {
  return new Promise((resolve) =>
    execFile('ps', ['-eo', 'args'], {maxBuffer: 1 << 24}, (_e, stdout) => {
      listings.push(stdout ?? '')
      resolve()
    }),
  )
}

/** The listener of one security mode, as cluster up --json reported it; fails the test when it is missing. */
function listener(mode: string): Listener {
  const l = listeners[mode]
  assert.ok(l, `cluster up reported no ${mode} listener`)
  return l
}

const sslFlags = (l: Listener) => ['-b', l.bootstrapServers, '--tls-ca', l.caFile!]

before(async () => {
  // Poll the process table while the cluster formats and starts: the SCRAM users are created then.
  let polling = true
  const poller = (async () => {
    while (polling) {
      await snapshotProcesses()
      await new Promise((r) => setTimeout(r, 150))
    }
  })()
  const up = await run([
    'cluster',
    'up',
    '--name',
    NAME,
    '--brokers',
    '3',
    '--port',
    String(PORT),
    '--security',
    'sasl-plaintext,sasl-ssl,ssl,mtls',
    '--json',
  ])
  polling = false
  await poller
  assert.equal(up.code, 0, up.stderr)
  upJson = JSON.parse(up.stdout)
  listeners = Object.fromEntries(upJson!.security.listeners.map((l) => [l.mode, l]))
  password = readFileSync(listener('sasl-plaintext').passwordFile!, 'utf8').trim()
  assert.ok(password.length >= 16)
  // Each broker of a fresh cluster first fetches a block of producer ids, answering InitProducerId with
  // COORDINATOR_LOAD_IN_PROGRESS until then; kfk produce (idempotent with acks=all, InitProducerId to the
  // leader of partition 0) does not retry that yet. Warm every broker up on the plaintext port first.
  for (const node of [1, 2, 3]) {
    const topic = `sec-warm-up-${node}`
    await kfk(['topics', 'create', topic, '--replica-assignment', String(node), '-b', `127.0.0.1:${PORT}`], {env, cluster: false})
    for (let i = 0; i < 30; i++) {
      if ((await kfk(['produce', topic, '-b', `127.0.0.1:${PORT}`], {input: 'x\n', env, cluster: false})).code === 0) break
      await new Promise((r) => setTimeout(r, 500))
    }
  }
})

after(async () => {
  await kfk(['cluster', 'down', '--name', NAME, '--purge'], {env, cluster: false})
  for (const dir of [stateDir, configDir, work]) rmSync(dir, {recursive: true, force: true})
})

test('cluster up --security reports every listener and saves an active profile for the cluster', async () => {
  assert.deepEqual(Object.keys(listeners), ['sasl-plaintext', 'sasl-ssl', 'ssl', 'mtls'])
  assert.equal(listener('sasl-plaintext').bootstrapServers, '127.0.0.1:20192,127.0.0.1:20193,127.0.0.1:20194')
  assert.equal(listener('sasl-ssl').securityProtocol, 'SASL_SSL')
  assert.equal(listener('mtls').securityProtocol, 'SSL')
  assert.ok(listener('mtls').certFile && listener('mtls').keyFile)
  assert.equal(upJson!.profile, NAME)
  const profiles = join(configDir, 'profiles.yaml')
  assert.equal(statSync(profiles).mode & 0o777, 0o600)
  assert.equal(statSync(listener('sasl-plaintext').passwordFile!).mode & 0o777, 0o600)
  // server.properties holds the PLAIN user list: owner-only.
  assert.equal(statSync(join(stateDir, 'clusters', NAME, 'node-1', 'server.properties')).mode & 0o777, 0o600)
  const list = await run(['profile', 'list', '--json'])
  assert.equal(list.code, 0, list.stderr)
  assert.equal(JSON.parse(list.stdout).active, NAME)
  const status = await run(['cluster', 'status', '--name', NAME, '--json'])
  assert.equal(JSON.parse(status.stdout).security.listeners.length, 4)
  const text = await run(['cluster', 'status', '--name', NAME])
  assert.match(text.stdout, /^secured: +sasl-ssl: 127\.0\.0\.1:20292,\S+ \(SASL_SSL, SCRAM-SHA-256 user kfk, password in \S+, CA \S+\)$/m)
  assert.match(text.stdout, /^secured: +mtls: .*client cert \S+\)$/m)
})

/** topics create + list, produce and consume over one listener, with the given connection arguments. */
async function roundTrip(connection: string[], label: string, options: {env?: NodeJS.ProcessEnv} = {}): Promise<void> {
  const topic = uniqueName(`sec-${label}`)
  const describe = await run(['cluster', 'describe', '--json', ...connection], options)
  assert.equal(describe.code, 0, `${label}: ${describe.stderr}`)
  assert.equal(JSON.parse(describe.stdout).brokers.length, 3)
  const create = await run(['topics', 'create', topic, '--partitions', '2', '--replication-factor', '3', ...connection], options)
  assert.equal(create.code, 0, `${label}: ${create.stderr}`)
  const list = await run(['topics', 'list', ...connection], options)
  assert.equal(list.code, 0, `${label}: ${list.stderr}`)
  assert.ok(list.stdout.split('\n').includes(topic), `${label}: ${topic} not listed`)
  const produce = await run(['produce', topic, ...connection], {...options, input: 'one\ntwo\nthree\n'})
  assert.equal(produce.code, 0, `${label}: ${produce.stderr}`)
  const consume = await run(['consume', topic, '--from-beginning', '-n', '3', ...connection], options)
  assert.equal(consume.code, 0, `${label}: ${consume.stderr}`)
  assert.deepEqual(consume.stdout.trim().split('\n').sort(), ['one', 'three', 'two'])
}

test('SASL_PLAINTEXT with SCRAM-SHA-256 through the active profile (no flags at all)', async () => {
  await roundTrip([], 'profile')
})

test('SASL_PLAINTEXT with PLAIN from flags, password from an environment variable', async () => {
  const l = listener('sasl-plaintext')
  await roundTrip(
    [
      '-b',
      l.bootstrapServers,
      '--security-protocol',
      'SASL_PLAINTEXT',
      '--sasl-mechanism',
      'PLAIN',
      '--sasl-username',
      'kfk',
      '--sasl-password-env',
      'MY_KAFKA_PW',
    ],
    'plain',
    {env: {MY_KAFKA_PW: password}},
  )
})

test('SASL_SSL with SCRAM-SHA-512 from a Java client properties file that the Java tools accept too', async () => {
  const l = listener('sasl-ssl')
  const file = join(work, 'client.properties')
  writeFileSync(
    file,
    [
      `bootstrap.servers=${l.bootstrapServers}`,
      'security.protocol=SASL_SSL',
      'sasl.mechanism=SCRAM-SHA-512',
      `sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="kfk" password="${password}";`,
      'ssl.truststore.type=PEM',
      `ssl.truststore.location=${l.caFile}`,
      '',
    ].join('\n'),
    {mode: 0o600},
  )
  await roundTrip(['--command-config', file], 'sasl-ssl')
  const topic = uniqueName('sec-java')
  assert.equal((await run(['topics', 'create', topic, '--command-config', file])).code, 0)
  const java = await javaTool('org.apache.kafka.tools.TopicCommand', [
    '--bootstrap-server',
    l.bootstrapServers,
    '--command-config',
    file,
    '--list',
  ])
  assert.equal(java.code, 0, java.stderr)
  assert.ok(java.stdout.split('\n').includes(topic))
})

test('SSL with the cluster CA from flags', async () => {
  await roundTrip(sslFlags(listener('ssl')), 'ssl')
})

test('mutual TLS through a profile made with kfk profile add', async () => {
  const l = listener('mtls')
  const add = await run([
    'profile',
    'add',
    'mtls',
    '-b',
    l.bootstrapServers,
    '--tls-ca',
    l.caFile!,
    '--tls-cert',
    l.certFile!,
    '--tls-key',
    l.keyFile!,
    '--json',
  ])
  assert.equal(add.code, 0, add.stderr)
  assert.equal(JSON.parse(add.stdout).active, false)
  await roundTrip(['--profile', 'mtls'], 'mtls')
  const viaEnv = await run(['topics', 'list'], {env: {KFK_PROFILE: 'mtls'}})
  assert.equal(viaEnv.code, 0, viaEnv.stderr)
})

test('a wrong password: one line naming the user and mechanism, exit 1, within the timeout', async () => {
  const wrong = join(work, 'wrong.password')
  writeFileSync(wrong, 'not-the-password\n')
  for (const [mechanism, mode] of [
    ['SCRAM-SHA-256', 'sasl-plaintext'],
    ['SCRAM-SHA-512', 'sasl-ssl'],
    ['PLAIN', 'sasl-plaintext'],
  ] as const) {
    const l = listener(mode)
    const tls = mode === 'sasl-ssl' ? ['--tls-ca', l.caFile!] : []
    const r = await run([
      'topics',
      'list',
      '-b',
      l.bootstrapServers,
      '--security-protocol',
      l.securityProtocol,
      '--sasl-mechanism',
      mechanism,
      '--sasl-username',
      'kfk',
      '--sasl-password-file',
      wrong,
      '--timeout',
      '8000',
      ...tls,
    ])
    assert.equal(r.code, 1, r.stderr)
    assert.equal(r.stderr.split('\n')[0], `error: authentication failed for user kfk with ${mechanism}`)
    assert.equal(r.stdout, '')
  }
})

test('an untrusted CA and a host name the certificate does not name give clear TLS errors', async () => {
  const l = listener('ssl')
  const otherCa = join(work, 'other-ca.pem')
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      join(work, 'other-ca.key'),
      '-out',
      otherCa,
      '-days',
      '1',
      '-subj',
      '/CN=other CA',
    ],
    {stdio: 'ignore'},
  )
  for (const ca of [
    ['--tls-ca', otherCa],
    ['--security-protocol', 'SSL'],
  ]) {
    const r = await run(['cluster', 'describe', '-b', l.bootstrapServers, '--timeout', '8000', ...ca])
    assert.equal(r.code, 1)
    assert.match(r.stderr, /^error: TLS connection to .* failed: the broker certificate is not signed by a trusted CA\nhint: .*--tls-ca/)
  }
  const [first] = l.bootstrapServers.split(',')
  assert.ok(first !== undefined, `no bootstrap server in ${l.bootstrapServers}`)
  const port = first.split(':')[1]
  const mismatch = await run(['cluster', 'describe', '-b', `localhost:${port}`, '--tls-ca', l.caFile!, '--timeout', '8000'])
  assert.equal(mismatch.code, 1)
  assert.match(mismatch.stderr, /^error: TLS connection to localhost:\d+ failed: the broker certificate does not match the host name/)
  const noCert = await run(['cluster', 'describe', ...sslFlags(listener('mtls')), '--timeout', '8000'])
  assert.equal(noCert.code, 1)
  assert.match(noCert.stderr, /^error: TLS connection to .* failed: .*\nhint: This listener wants a client certificate/)
})

test('plaintext against a TLS port, and TLS against a plaintext port, fail clearly instead of hanging', async () => {
  const plain = await run(['cluster', 'describe', '-b', listener('ssl').bootstrapServers, '--timeout', '8000'])
  assert.equal(plain.code, 1)
  assert.match(
    plain.stderr,
    /^error: cannot talk to Kafka at .*: the broker closed the connection \(a TLS listener does that to a plaintext client\)\nhint: .*--security-protocol SSL/,
  )
  const tls = await run([
    'cluster',
    'describe',
    '-b',
    `127.0.0.1:${PORT}`,
    '--security-protocol',
    'SSL',
    '--tls-ca',
    listener('ssl').caFile!,
    '--timeout',
    '8000',
  ])
  assert.equal(tls.code, 1)
  assert.match(tls.stderr, /^error: TLS connection to .* failed/)
  const sasl = await run(['cluster', 'describe', '--profile', NAME, '-b', `127.0.0.1:${PORT}`, '--timeout', '8000'])
  assert.equal(sasl.code, 1)
  assert.match(sasl.stderr, /do not expect SASL on this port/)
})

test('--tls-insecure-skip-verify connects without a CA and warns on every use', async () => {
  for (let i = 0; i < 2; i++) {
    const r = await run(['topics', 'list', '-b', listener('ssl').bootstrapServers, '--tls-insecure-skip-verify'])
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stderr, /warning: TLS certificate verification is off/)
  }
})

test('a JKS truststore in --command-config is named with how to convert it to PEM', async () => {
  const file = join(work, 'jks.properties')
  writeFileSync(
    file,
    `bootstrap.servers=${listener('ssl').bootstrapServers}\nsecurity.protocol=SSL\nssl.truststore.location=/etc/kafka/client.truststore.jks\nssl.truststore.password=changeit\n`,
  )
  const r = await run(['topics', 'list', '--command-config', file])
  assert.equal(r.code, 2)
  assert.match(
    r.stderr,
    /cannot use ssl\.truststore\.location=\/etc\/kafka\/client\.truststore\.jks: .*is a JKS truststore; kfk reads PEM certificates only\nhint: Convert it: keytool -list -rfc/,
  )
  assert.ok(!r.stderr.includes('changeit'))
})

test('profile show masks secrets; --resolved shows each value and where it came from', async () => {
  const file = join(work, 'client.properties')
  const add = await run(['profile', 'add', 'inline', '--command-config', file])
  assert.equal(add.code, 0, add.stderr)
  assert.match(add.stderr, /stores a password in the profiles file/)
  const show = await run(['profile', 'show', 'inline', '--json'])
  assert.equal(JSON.parse(show.stdout).settings['sasl.password'], '****')
  const list = await run(['topics', 'list', '--profile', 'inline'])
  assert.equal(list.code, 0, list.stderr)
  const resolved = await run(['profile', 'show', '--resolved', '--profile', 'inline', '--sasl-username', 'kfk', '--json'])
  const rows = JSON.parse(resolved.stdout).resolved as Array<{key: string; value: string; source: string}>
  const by = Object.fromEntries(rows.map((r) => [r.key, r]))
  assert.equal(by['bootstrap.servers']?.source, 'profile')
  assert.equal(by['sasl.username']?.source, 'flag')
  assert.equal(by['sasl.password']?.value, '****')
  // The environment's address beats the active profile, which then stays out of the way.
  const envWins = await run(['profile', 'show', '--resolved', '--json'], {env: {KAFKA_BOOTSTRAP_SERVERS: `127.0.0.1:${PORT}`}})
  const envRows = JSON.parse(envWins.stdout).resolved as Array<{key: string; value: string; source: string}>
  assert.deepEqual(envRows.slice(0, 1), [{key: 'bootstrap.servers', value: `127.0.0.1:${PORT}`, source: 'env'}])
  assert.equal(envRows.find((r) => r.key === 'security.protocol')?.value, 'PLAINTEXT')
  assert.equal((await run(['topics', 'list'], {env: {KAFKA_BOOTSTRAP_SERVERS: `127.0.0.1:${PORT}`}})).code, 0)
})

test('--verbose logs of authenticated sessions (and failed ones) are printed, for the leak check below', async () => {
  const ok = await run(['cluster', 'describe', '--verbose', '--profile', 'inline'])
  assert.equal(ok.code, 0, ok.stderr)
  assert.match(ok.stderr, /\[kafkajs\]/)
  const bad = await run(['topics', 'list', '--verbose', '--profile', NAME, '--sasl-password-env', 'BAD_PW'], {
    env: {BAD_PW: 'wrong-' + 'x'.repeat(8)},
  })
  assert.equal(bad.code, 1)
  assert.match(bad.stderr, /authentication failed for user kfk with SCRAM-SHA-256/)
  // The brokers' own logs, as kfk shows them (checked for the password below).
  const logs = await run(['cluster', 'logs', '--name', NAME, '--lines', '1000000'])
  assert.equal(logs.code, 0, logs.stderr)
  assert.match(logs.stdout, /sasl\.enabled\.mechanisms = .*SCRAM-SHA-512/)
  await snapshotProcesses()
})

test('the password appears in no output of any command above, nor in any process listing', () => {
  assert.ok(printed.length > 40)
  assert.ok(listings.length > 3)
  assert.ok(
    listings.some((l) => l.includes('-Dkfk.node=kfk-sec-test/1')),
    'the listings caught the broker processes',
  )
  assert.ok(
    listings.some((l) => /java .*@\S*format\.args/.test(l)),
    'the listings caught StorageTool format (SCRAM users) reading its @argfile',
  )
  for (const text of printed) assert.ok(!text.includes(password), 'a command printed the password')
  for (const text of listings) assert.ok(!text.includes(password), 'a process listing shows the password')
})
