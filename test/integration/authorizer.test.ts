import assert from 'node:assert/strict'
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {createServer} from 'node:http'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {after, before, test} from 'node:test'
import {kfk, uniqueName, type CliResult} from '../helpers/cli.js'
import {javaTool, saslClientProperties} from '../helpers/java-tools.js'
import {unsecuredToken} from '../../src/config/oauth-token.js'

/**
 * A one-node cluster of our own with `cluster up --authorizer`: the saved
 * profile logs in as the super user (SASL), and the plaintext port is
 * User:ANONYMOUS, a principal with no ACLs until a test grants them. Every
 * grant is checked by what the principal can then do, and every listing
 * against kafka-acls.sh on the same cluster.
 */
const NAME = 'kfk-authz-test'
const PORT = 22092
const PLAIN = `127.0.0.1:${PORT}`
const stateDir = mkdtempSync(join(tmpdir(), 'kfk-acl-state-'))
const configDir = mkdtempSync(join(tmpdir(), 'kfk-acl-config-'))
const adminProps = join(configDir, 'admin.properties')
const env = {KFK_STATE_DIR: stateDir, KFK_CONFIG_DIR: configDir, KAFKA_BOOTSTRAP_SERVERS: '', KFK_PROFILE: ''}
let saslBootstrap = ''
let oauthBootstrap = ''

/** As the super user, through the profile `cluster up` saved. */
const admin = (args: string[], input?: string): Promise<CliResult> =>
  kfk([...args, '--profile', NAME], {env, input, cluster: false, timeoutMs: 120_000})
/** As User:ANONYMOUS, on the plaintext port. */
const anonymous = (args: string[], input?: string): Promise<CliResult> =>
  kfk([...args, '-b', PLAIN], {env, input, cluster: false, timeoutMs: 120_000})

function lines(n: number, prefix = 'r'): string {
  return Array.from({length: n}, (_, i) => `${prefix}${i}`).join('\n') + '\n'
}

/** kafka-acls.sh --list as the super user: "resource|principal|host|operation|permission" per ACL. */
async function javaAcls(extra: string[] = []): Promise<string[]> {
  const r = await javaTool('org.apache.kafka.tools.AclCommand', [
    '--bootstrap-server',
    saslBootstrap,
    '--command-config',
    adminProps,
    '--list',
    ...extra,
  ])
  assert.equal(r.code, 0, r.stderr + r.stdout)
  const out: string[] = []
  let resource = ''
  for (const line of r.stdout.split('\n')) {
    const res = /ResourcePattern\(resourceType=(\w+), name=(.*), patternType=(\w+)\)/.exec(line)
    if (res) resource = `${res[1]}:${res[2]}:${res[3]}`
    const ace = /\(principal=(.*), host=(.*), operation=(\w+), permissionType=(\w+)\)/.exec(line)
    if (ace) out.push(`${resource}|${ace[1]}|${ace[2]}|${ace[3]}|${ace[4]}`)
  }
  return out.sort()
}

async function kfkAcls(extra: string[] = []): Promise<string[]> {
  const r = await admin(['acls', 'list', '--json', ...extra])
  assert.equal(r.code, 0, r.stderr)
  const acls = JSON.parse(r.stdout).acls as Array<Record<string, string>>
  return acls
    .map((a) => `${a.resourceType}:${a.resourceName}:${a.patternType}|${a.principal}|${a.host}|${a.operation}|${a.permission}`)
    .sort()
}

before(async () => {
  const up = await kfk(['cluster', 'up', '--name', NAME, '--port', String(PORT), '--authorizer', '--security', 'oauthbearer', '--json'], {
    env,
    cluster: false,
    timeoutMs: 300_000,
  })
  assert.equal(up.code, 0, up.stderr)
  const view = JSON.parse(up.stdout)
  assert.deepEqual(view.security.authorizer.superUsers, ['User:kfk', 'User:CN=kfk'])
  const sasl = view.security.listeners.find((l: {mode: string}) => l.mode === 'sasl-plaintext')
  saslBootstrap = sasl.bootstrapServers
  oauthBootstrap = view.security.listeners.find((l: {mode: string}) => l.mode === 'oauthbearer').bootstrapServers
  const password = readFileSync(sasl.passwordFile, 'utf8').trim()
  writeFileSync(adminProps, saslClientProperties('PLAIN', 'kfk', password), {mode: 0o600})
})

after(async () => {
  await kfk(['cluster', 'down', '--name', NAME, '--purge'], {env, cluster: false})
  for (const dir of [stateDir, configDir]) rmSync(dir, {recursive: true, force: true})
})

test('cluster status names the authorizer and its super users', async () => {
  const status = await kfk(['cluster', 'status', '--name', NAME], {env, cluster: false})
  assert.equal(status.code, 0, status.stderr)
  assert.match(status.stdout, /^access: +authorizer: StandardAuthorizer .*super users User:kfk, User:CN=kfk/m)
})

test('a principal without ACLs is denied with one line naming the operation, resource and principal; --producer and --consumer grant, remove takes away', async () => {
  const topic = uniqueName('acl-orders')
  const group = uniqueName('acl-group')
  assert.equal((await admin(['topics', 'create', topic, '--partitions', '3'])).code, 0)

  const denied = await anonymous(['produce', topic], lines(10))
  assert.equal(denied.code, 1)
  assert.match(
    denied.stderr,
    new RegExp(`^error: User:ANONYMOUS is not allowed to Describe topic "${topic}" \\(TOPIC_AUTHORIZATION_FAILED\\)$`, 'm'),
  )
  assert.match(
    denied.stderr,
    new RegExp(`^hint: An admin can allow it: kfk acls add --allow-principal User:ANONYMOUS --operation Describe --topic ${topic}`, 'm'),
  )
  assert.doesNotMatch(denied.stderr, /Kafka request failed/)

  const grant = await admin(['acls', 'add', '--producer', '--allow-principal', 'User:ANONYMOUS', '--topic', topic, '--json'])
  assert.equal(grant.code, 0, grant.stderr)
  assert.deepEqual(
    JSON.parse(grant.stdout)
      .acls.map((a: {operation: string; status: string}) => `${a.operation}:${a.status}`)
      .sort(),
    ['CREATE:created', 'DESCRIBE:created', 'WRITE:created'],
  )
  const again = await admin(['acls', 'add', '--producer', '--allow-principal', 'User:ANONYMOUS', '--topic', topic, '--json'])
  assert.equal(again.code, 0, again.stderr)
  assert.ok(JSON.parse(again.stdout).acls.every((a: {status: string}) => a.status === 'exists'))

  const produced = await anonymous(['produce', topic, '--json'], lines(30_000))
  assert.equal(produced.code, 0, produced.stderr)
  assert.equal(JSON.parse(produced.stdout).records, 30_000)

  const noRead = await anonymous(['consume', topic, '--from-beginning', '-e'])
  assert.equal(noRead.code, 1)
  assert.match(
    noRead.stderr,
    new RegExp(`^error: User:ANONYMOUS is not allowed to Read topic "${topic}" \\(TOPIC_AUTHORIZATION_FAILED\\)$`, 'm'),
  )
  const noGroup = await anonymous(['consume', topic, '--group', group, '--from-beginning', '-e'])
  assert.equal(noGroup.code, 1)
  assert.match(
    noGroup.stderr,
    new RegExp(
      `^error: User:ANONYMOUS is not allowed to Read (group "${group}" \\(GROUP|topic "${topic}" \\(TOPIC)_AUTHORIZATION_FAILED\\)$`,
      'm',
    ),
  )

  const consumer = await admin(['acls', 'add', '--consumer', '--allow-principal', 'User:ANONYMOUS', '--topic', topic, '--group', group])
  assert.equal(consumer.code, 0, consumer.stderr)
  const consumed = await anonymous(['consume', topic, '--group', group, '--from-beginning', '-e'])
  assert.equal(consumed.code, 0, consumed.stderr)
  const values = consumed.stdout.trim().split('\n')
  assert.equal(values.length, 30_000)
  assert.equal(new Set(values).size, 30_000)
  const described = await admin(['groups', 'describe', group, '--json'])
  assert.equal(described.code, 0, described.stderr)
  const partitions = JSON.parse(described.stdout).groups[0].partitions as Array<{lag: number; currentOffset: number}>
  assert.deepEqual(
    [partitions.length, partitions.every((p) => p.lag === 0), partitions.reduce((n, p) => n + p.currentOffset, 0)],
    [3, true, 30_000],
  )

  const refused = await admin(['acls', 'remove', '--producer', '--allow-principal', 'User:ANONYMOUS', '--topic', topic])
  assert.equal(refused.code, 2)
  assert.match(refused.stderr, /without --yes.*nothing was changed/)
  const removed = await admin(['acls', 'remove', '--producer', '--allow-principal', 'User:ANONYMOUS', '--topic', topic, '--yes', '--json'])
  assert.equal(removed.code, 0, removed.stderr)
  assert.deepEqual(
    JSON.parse(removed.stdout).acls.map((a: {operation: string; status: string}) => `${a.operation}:${a.status}`),
    ['CREATE:removed', 'DESCRIBE:removed', 'WRITE:removed'],
  )
  const deniedAgain = await anonymous(['produce', topic], lines(10))
  assert.equal(deniedAgain.code, 1)
  assert.match(deniedAgain.stderr, new RegExp(`not allowed to Write topic "${topic}"`))
  // Nothing of the refused produce was written: the log end is where the granted one left it.
  const offsets = await admin(['offsets', topic, '--json'])
  assert.equal(offsets.code, 0, offsets.stderr)
  assert.equal(
    (JSON.parse(offsets.stdout).offsets as Array<{offset: number}>).reduce((n, p) => n + p.offset, 0),
    30_000,
  )
})

test('producing needs only Write and Describe on the topic (no Create, DescribeConfigs or IdempotentWrite)', async () => {
  const topic = uniqueName('acl-minimal')
  assert.equal((await admin(['topics', 'create', topic, '--partitions', '2'])).code, 0)
  const grant = await admin([
    'acls',
    'add',
    '--allow-principal',
    'User:ANONYMOUS',
    '--operation',
    'Write',
    '--operation',
    'Describe',
    '--topic',
    topic,
  ])
  assert.equal(grant.code, 0, grant.stderr)
  const produced = await anonymous(['produce', topic, '--key-separator', ':', '--json'], lines(5000, 'k:'))
  assert.equal(produced.code, 0, produced.stderr)
  assert.equal(JSON.parse(produced.stdout).records, 5000)
})

test('acls list shows what kafka-acls.sh lists, both ways: ACLs added by kfk and by the Java tool', async () => {
  const topic = uniqueName('acl-facts')
  const added = await admin([
    'acls',
    'add',
    '--allow-principal',
    'User:alice',
    '--allow-principal',
    'User:bob',
    '--allow-host',
    '10.1.2.3',
    '--operation',
    'Read',
    '--operation',
    'DescribeConfigs',
    '--topic',
    topic,
  ])
  assert.equal(added.code, 0, added.stderr)
  const deny = await admin([
    'acls',
    'add',
    '--deny-principal',
    'User:mallory',
    '--topic',
    `${topic}-`,
    '--resource-pattern-type',
    'prefixed',
  ])
  assert.equal(deny.code, 0, deny.stderr)
  // kafka-acls.sh's --producer convenience, and kfk's, mean the same ACLs.
  const producerFlags = ['--producer', '--idempotent', '--topic', `${topic}-out`, '--transactional-id', `${topic}-tx`]
  const java = await javaTool('org.apache.kafka.tools.AclCommand', [
    '--bootstrap-server',
    saslBootstrap,
    '--command-config',
    adminProps,
    '--add',
    '--allow-principal',
    'User:carol',
    ...producerFlags,
  ])
  assert.equal(java.code, 0, java.stderr + java.stdout)
  const planned = await admin(['acls', 'add', '--allow-principal', 'User:carol', ...producerFlags, '--dry-run', '--json'])
  assert.equal(planned.code, 0, planned.stderr)
  const plan = JSON.parse(planned.stdout).acls as Array<{status: string}>
  assert.equal(plan.length, 6)
  assert.ok(
    plan.every((a) => a.status === 'exists'),
    planned.stdout,
  )
  const [ours, theirs] = [await kfkAcls(), await javaAcls()]
  assert.deepEqual(ours, theirs)
  assert.ok(ours.includes(`TOPIC:${topic}:LITERAL|User:alice|10.1.2.3|DESCRIBE_CONFIGS|ALLOW`), ours.join('\n'))
  assert.ok(ours.includes(`TOPIC:${topic}-:PREFIXED|User:mallory|*|ALL|DENY`), ours.join('\n'))
  assert.ok(ours.includes(`CLUSTER:kafka-cluster:LITERAL|User:carol|*|IDEMPOTENT_WRITE|ALLOW`), ours.join('\n'))
  assert.ok(ours.includes(`TRANSACTIONAL_ID:${topic}-tx:LITERAL|User:carol|*|DESCRIBE|ALLOW`), ours.join('\n'))
  // Filters: one resource, and every ACL that applies to it (the prefixed deny of "<topic>-x" too).
  assert.deepEqual(await kfkAcls(['--topic', topic]), await javaAcls(['--topic', topic]))
  const applying = await kfkAcls(['--topic', `${topic}-x`, '--resource-pattern-type', 'match'])
  assert.deepEqual(applying, await javaAcls(['--topic', `${topic}-x`, '--resource-pattern-type', 'match']))
  assert.deepEqual(applying, [`TOPIC:${topic}-:PREFIXED|User:mallory|*|ALL|DENY`])
  assert.deepEqual(await kfkAcls(['--principal', 'User:bob']), await javaAcls(['--principal', 'User:bob']))

  // Removing a resource's every ACL (no principal given), after a dry run that changes nothing.
  const dry = await admin(['acls', 'remove', '--topic', topic, '--dry-run', '--json'])
  assert.equal(dry.code, 0, dry.stderr)
  assert.equal(JSON.parse(dry.stdout).acls.length, 4)
  assert.equal((await kfkAcls(['--topic', topic])).length, 4)
  const all = await admin(['acls', 'remove', '--topic', topic, '--yes'])
  assert.equal(all.code, 0, all.stderr)
  assert.deepEqual(await javaAcls(['--topic', topic]), [])
})

test('bad ACL input is a usage error naming the value; a cluster without an authorizer says so', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['--topic', 't', '--allow-principal', 'alice'], /--allow-principal "alice" is not a principal/],
    [['--topic', 't', '--allow-principal', 'User:a', '--operation', 'Fly'], /--operation Fly is not an ACL operation/],
    [['--topic', 't', '--allow-principal', 'User:a', '--allow-host', 'db.local'], /--allow-host "db.local" is not an IP address/],
    [['--topic', 't', '--allow-principal', 'User:a', '--operation', 'IdempotentWrite'], /IdempotentWrite does not apply to a topic/],
    [['--allow-principal', 'User:a'], /no resource given/],
  ]
  for (const [args, message] of cases) {
    const r = await admin(['acls', 'add', ...args])
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`)
    assert.match(r.stderr, message)
  }
  const none = await kfk(['acls', 'list'], {env: {KFK_PROFILE: ''}})
  assert.equal(none.code, 1)
  assert.match(none.stderr, /this cluster has no authorizer/)
})

/** kafka-configs.sh --describe --entity-type users: "user|MECHANISM=iterations=N" per credential. */
async function javaScramUsers(): Promise<string[]> {
  const r = await javaTool('kafka.admin.ConfigCommand', [
    '--bootstrap-server',
    saslBootstrap,
    '--command-config',
    adminProps,
    '--describe',
    '--entity-type',
    'users',
  ])
  assert.equal(r.code, 0, r.stderr + r.stdout)
  return r.stdout
    .split('\n')
    .flatMap((line) => {
      const m = /SCRAM credential configs for user-principal '(.*)' are (.*)$/.exec(line)
      return m ? m[2]!.split(', ').map((c) => `${m[1]}|${c}`) : []
    })
    .sort()
}

/** A login as `user` with SCRAM: kfk cluster describe (needs no ACL) over the SASL listener. */
function asUser(user: string, passwordFile: string, mechanism: string, args: string[], input?: string): Promise<CliResult> {
  return kfk(
    [
      ...args,
      '-b',
      saslBootstrap,
      '--security-protocol',
      'SASL_PLAINTEXT',
      '--sasl-mechanism',
      mechanism,
      '--sasl-username',
      user,
      '--sasl-password-file',
      passwordFile,
    ],
    {env, input, cluster: false, timeoutMs: 120_000},
  )
}

test('SCRAM users made by kfk log in through kfk and the Java tools; a new password replaces the old; delete ends the logins', async () => {
  const user = uniqueName('alice')
  const [first, second] = ['first-Pw-1', 'second-Pw-2']
  const firstFile = join(configDir, `${user}.1`)
  const secondFile = join(configDir, `${user}.2`)
  writeFileSync(firstFile, first + '\n', {mode: 0o600})
  writeFileSync(secondFile, second + '\n', {mode: 0o600})
  const printed: string[] = []
  const keep = (r: CliResult) => (printed.push(r.stdout, r.stderr), r)

  const set = keep(await admin(['users', 'set-password', user, '--password-file', firstFile, '--json']))
  assert.equal(set.code, 0, set.stderr)
  assert.deepEqual(
    JSON.parse(set.stdout).changes.map((c: {mechanism: string; iterations: number}) => `${c.mechanism}:${c.iterations}`),
    ['SCRAM-SHA-256:8192', 'SCRAM-SHA-512:8192'],
  )
  const listed = keep(await admin(['users', 'list', '--json']))
  assert.equal(listed.code, 0, listed.stderr)
  const ours = (JSON.parse(listed.stdout).users as Array<{user: string; credentials: Array<{mechanism: string; iterations: number}>}>)
    .flatMap((u) => u.credentials.map((c) => `${u.user}|${c.mechanism}=iterations=${c.iterations}`))
    .sort()
  assert.deepEqual(ours, await javaScramUsers())
  assert.ok(ours.includes(`${user}|SCRAM-SHA-512=iterations=8192`))

  for (const mechanism of ['SCRAM-SHA-256', 'SCRAM-SHA-512']) {
    const login = keep(await asUser(user, firstFile, mechanism, ['cluster', 'describe']))
    assert.equal(login.code, 0, `${mechanism}: ${login.stderr}`)
  }
  const javaProps = join(configDir, `${user}.properties`)
  writeFileSync(javaProps, saslClientProperties('SCRAM-SHA-512', user, first), {mode: 0o600})
  const java = await javaTool('org.apache.kafka.tools.TopicCommand', [
    '--bootstrap-server',
    saslBootstrap,
    '--command-config',
    javaProps,
    '--list',
  ])
  assert.equal(java.code, 0, java.stderr)

  // The new user has no ACLs: the denial names it; --producer lets it write.
  const topic = uniqueName('acl-scram')
  assert.equal((await admin(['topics', 'create', topic])).code, 0)
  const denied = keep(await asUser(user, firstFile, 'SCRAM-SHA-256', ['produce', topic], 'a\nb\n'))
  assert.equal(denied.code, 1)
  assert.match(denied.stderr, new RegExp(`^error: User:${user} is not allowed to Describe topic "${topic}"`, 'm'))
  assert.equal((await admin(['acls', 'add', '--producer', '--allow-principal', `User:${user}`, '--topic', topic])).code, 0)
  const produced = keep(await asUser(user, firstFile, 'SCRAM-SHA-256', ['produce', topic], 'a\nb\n'))
  assert.equal(produced.code, 0, produced.stderr)

  const changed = keep(
    await admin(['users', 'set-password', user, '--mechanism', 'SCRAM-SHA-256', '--iterations', '4096', '--password-file', secondFile]),
  )
  assert.equal(changed.code, 0, changed.stderr)
  const old = keep(await asUser(user, firstFile, 'SCRAM-SHA-256', ['cluster', 'describe']))
  assert.equal(old.code, 1)
  assert.match(old.stderr, new RegExp(`authentication failed for user ${user} with SCRAM-SHA-256`))
  assert.equal(keep(await asUser(user, secondFile, 'SCRAM-SHA-256', ['cluster', 'describe'])).code, 0)
  assert.equal(
    keep(await asUser(user, firstFile, 'SCRAM-SHA-512', ['cluster', 'describe'])).code,
    0,
    'the other mechanism keeps its password',
  )

  const refused = keep(await admin(['users', 'delete', user]))
  assert.equal(refused.code, 2)
  const deleted = keep(await admin(['users', 'delete', user, '--yes']))
  assert.equal(deleted.code, 0, deleted.stderr)
  assert.equal(keep(await asUser(user, secondFile, 'SCRAM-SHA-256', ['cluster', 'describe'])).code, 1)
  const gone = keep(await admin(['users', 'describe', user]))
  assert.equal(gone.code, 1)
  assert.match(gone.stderr, /no SCRAM credentials/)
  for (const text of printed) assert.ok(!text.includes(first) && !text.includes(second), 'a password was printed')
})

test('set-password takes a password only from a file, an environment variable or a terminal', async () => {
  const none = await admin(['users', 'set-password', 'bob'])
  assert.equal(none.code, 2)
  assert.match(none.stderr, /no password given.*--password-file FILE or --password-env VAR/s)
  const iterations = await admin(['users', 'set-password', 'bob', '--iterations', '100', '--password-env', 'PW'])
  assert.equal(iterations.code, 2)
  assert.match(iterations.stderr, /--iterations 100 is out of range/)
  const fromEnv = await kfk(['users', 'set-password', 'bob', '--password-env', 'BOB_PW', '--profile', NAME], {
    env: {...env, BOB_PW: 'bob-secret-9'},
    cluster: false,
  })
  assert.equal(fromEnv.code, 0, fromEnv.stderr)
  assert.ok(!fromEnv.stdout.includes('bob-secret-9') && !fromEnv.stderr.includes('bob-secret-9'))
})

test('a producer quota set by kfk shows in kafka-configs and slows that user down (reported, not asserted)', async (t) => {
  // Kafka measures a user's rate over its quota window (11 one-second samples): 1500 x 256 B is about
  // 40 KB/s there, so 30 KB/s delays it by a few seconds, and an unlimited user beside it not at all
  // (small batches: the broker delays the requests after the one that went over, not that one).
  const topic = uniqueName('acl-quota')
  assert.equal((await admin(['topics', 'create', topic])).code, 0)
  const payload = Array.from({length: 1500}, (_, i) => `${i}:${'x'.repeat(250)}`).join('\n') + '\n'
  const producer = async (quota?: string) => {
    const user = uniqueName('rate')
    const pwFile = join(configDir, `${user}.pw`)
    writeFileSync(pwFile, 'rate-Pw-3\n', {mode: 0o600})
    assert.equal((await admin(['users', 'set-password', user, '--password-file', pwFile])).code, 0)
    assert.equal((await admin(['acls', 'add', '--producer', '--allow-principal', `User:${user}`, '--topic', topic])).code, 0)
    if (quota) assert.equal((await admin(['configs', 'alter', '--user', user, '--add-config', `producer_byte_rate=${quota}`])).code, 0)
    const start = Date.now()
    const r = await asUser(user, pwFile, 'SCRAM-SHA-256', ['produce', topic, '--batch-size', '16384', '--json'], payload)
    assert.equal(r.code, 0, r.stderr)
    assert.equal(JSON.parse(r.stdout).records, 1500)
    return {user, ms: Date.now() - start}
  }
  const free = await producer()
  const slow = await producer('30720')
  const java = await javaTool('kafka.admin.ConfigCommand', [
    '--bootstrap-server',
    saslBootstrap,
    '--command-config',
    adminProps,
    '--describe',
    '--entity-type',
    'users',
    '--entity-name',
    slow.user,
  ])
  assert.equal(java.code, 0, java.stderr)
  assert.match(java.stdout, new RegExp(`Quota configs for user-principal '${slow.user}' are producer_byte_rate=30720\\.0`))
  assert.match(java.stdout, new RegExp(`SCRAM credential configs for user-principal '${slow.user}' are .*SCRAM-SHA-256=iterations=8192`))
  const offsets = await admin(['offsets', topic, '--json'])
  assert.equal(JSON.parse(offsets.stdout).offsets[0].offset, 3000)
  t.diagnostic(`1500 x 256 B: ${free.ms} ms for a user without a quota, ${slow.ms} ms at producer_byte_rate=30720`)
})

test('OAUTHBEARER: kfk logs in with a token command; the principal is the token subject; Java logs in on the same listener', async () => {
  const subject = uniqueName('carol')
  const tokenFile = join(configDir, `${subject}.jwt`)
  writeFileSync(tokenFile, unsecuredToken(subject), {mode: 0o600})
  const oauth = (command: string, args: string[], input?: string) =>
    kfk(
      [
        ...args,
        '-b',
        oauthBootstrap,
        '--security-protocol',
        'SASL_PLAINTEXT',
        '--sasl-mechanism',
        'OAUTHBEARER',
        '--sasl-oauthbearer-token-command',
        command,
      ],
      {env, input, cluster: false, timeoutMs: 120_000},
    )
  const login = await oauth(`cat ${tokenFile}`, ['cluster', 'describe', '--json'])
  assert.equal(login.code, 0, login.stderr)
  const topic = uniqueName('acl-oauth')
  assert.equal((await admin(['topics', 'create', topic])).code, 0)
  const denied = await oauth(`cat ${tokenFile}`, ['produce', topic], 'x\n')
  assert.equal(denied.code, 1)
  assert.match(denied.stderr, new RegExp(`^error: User:${subject} is not allowed to Describe topic "${topic}"`, 'm'))
  assert.equal((await admin(['acls', 'add', '--producer', '--allow-principal', `User:${subject}`, '--topic', topic])).code, 0)
  const produced = await oauth(`cat ${tokenFile}`, ['produce', topic, '--json'], 'x\ny\n')
  assert.equal(produced.code, 0, produced.stderr)
  assert.equal(JSON.parse(produced.stdout).records, 2)

  const failing = await oauth('echo "token service down" >&2; exit 4', ['cluster', 'describe'])
  assert.equal(failing.code, 1)
  assert.match(failing.stderr, /^error: the OAUTHBEARER token command failed \(exit 4\)$/m)
  assert.match(failing.stderr, /token service down/)

  const props = join(configDir, `${subject}.properties`)
  writeFileSync(
    props,
    `security.protocol=SASL_PLAINTEXT\nsasl.mechanism=OAUTHBEARER\nsasl.jaas.config=org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required unsecuredLoginStringClaim_sub="${subject}";\n`,
  )
  const java = await javaTool('org.apache.kafka.tools.TopicCommand', [
    '--bootstrap-server',
    oauthBootstrap,
    '--command-config',
    props,
    '--list',
  ])
  assert.equal(java.code, 0, java.stderr)
  assert.ok(java.stdout.split('\n').includes(topic), 'Java, as the same subject, sees the topic it may describe')
  // The same .properties file works for kfk too (an unsecured token made by kfk itself).
  const same = await kfk(['topics', 'list', '-b', oauthBootstrap, '--command-config', props], {env, cluster: false})
  assert.equal(same.code, 0, same.stderr)
  assert.ok(same.stdout.split('\n').includes(topic))
})

test('every command names a denial instead of "does not exist": topics, configs, offsets, groups', async () => {
  const topic = uniqueName('acl-hidden')
  const group = uniqueName('acl-hidden-group')
  assert.equal((await admin(['topics', 'create', topic])).code, 0)
  const cases: Array<[string[], RegExp]> = [
    [
      ['topics', 'create', uniqueName('acl-new')],
      /User:ANONYMOUS is not allowed to Create topic "acl-new-[^"]+" \(TOPIC_AUTHORIZATION_FAILED\)/,
    ],
    [['topics', 'describe', topic], new RegExp(`User:ANONYMOUS is not allowed to Describe topic "${topic}"`)],
    [['topics', 'delete', topic, '--yes'], new RegExp(`User:ANONYMOUS is not allowed to Describe topic "${topic}"`)],
    [['configs', 'describe', '--topic', topic], new RegExp(`User:ANONYMOUS is not allowed to Describe topic "${topic}"`)],
    [['offsets', topic], new RegExp(`User:ANONYMOUS is not allowed to Describe topic "${topic}"`)],
    [
      ['groups', 'describe', group],
      new RegExp(`User:ANONYMOUS is not allowed to Describe group "${group}" \\(GROUP_AUTHORIZATION_FAILED\\)`),
    ],
    [
      ['groups', 'reset-offsets', '--group', group, '--topic', topic, '--to-earliest'],
      new RegExp(`not allowed to Describe (group "${group}"|topic "${topic}")`),
    ],
  ]
  for (const [args, message] of cases) {
    const r = await anonymous(args)
    assert.equal(r.code, 1, `${args.join(' ')}: ${r.stderr}`)
    assert.match(r.stderr, message, args.join(' '))
    assert.doesNotMatch(r.stderr, /does not exist|Kafka request failed/, args.join(' '))
  }
})

test('OAUTHBEARER from a Java .properties file: kfk fetches the token from the endpoint with client credentials', async () => {
  const subject = uniqueName('svc')
  const requests: string[] = []
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      requests.push(`${req.headers.authorization} ${body}`)
      const ok = req.headers.authorization === `Basic ${Buffer.from(`${subject}:client-Secret-5`).toString('base64')}`
      res.statusCode = ok ? 200 : 401
      res.setHeader('content-type', 'application/json')
      res.end(ok ? JSON.stringify({access_token: unsecuredToken(subject), token_type: 'bearer', expires_in: 3600}) : '{}')
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const url = `http://127.0.0.1:${(server.address() as {port: number}).port}/oauth2/token`
  const props = (secret: string) => {
    const file = join(configDir, `${subject}-${secret.length}.properties`)
    writeFileSync(
      file,
      [
        `bootstrap.servers=${oauthBootstrap}`,
        'security.protocol=SASL_PLAINTEXT',
        'sasl.mechanism=OAUTHBEARER',
        `sasl.oauthbearer.token.endpoint.url=${url}`,
        'sasl.login.callback.handler.class=org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler',
        `sasl.jaas.config=org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required clientId="${subject}" clientSecret="${secret}" scope="kafka";`,
        '',
      ].join('\n'),
      {mode: 0o600},
    )
    return file
  }
  try {
    const ok = await kfk(['cluster', 'describe', '--command-config', props('client-Secret-5')], {env, cluster: false})
    assert.equal(ok.code, 0, ok.stderr)
    assert.ok(
      requests.some((r) => r.endsWith('grant_type=client_credentials&scope=kafka')),
      requests.join('\n'),
    )
    const refused = await kfk(['cluster', 'describe', '--command-config', props('wrong-secret')], {env, cluster: false})
    assert.equal(refused.code, 1)
    assert.match(refused.stderr, new RegExp(`the OAuth token endpoint .* refused client ${subject} \\(HTTP 401\\)`))
    assert.ok(!refused.stderr.includes('wrong-secret') && !ok.stderr.includes('client-Secret-5'))
  } finally {
    server.close()
  }
})
