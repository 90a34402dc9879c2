/**
 * kfk configs describe/alter against the real cluster: incremental changes
 * (only the named keys move), broker and cluster-default configs, sensitive
 * values hidden, and the same answers as kafka-configs (ConfigCommand).
 */
import assert from 'node:assert/strict'
import {after, test} from 'node:test'
import {kfk, testBootstrap, uniqueName} from '../helpers/cli.js'
import {javaTool} from '../helpers/java-tools.js'

const created: string[] = []
after(async () => {
  if (created.length > 0) await kfk(['topics', 'delete', ...created, '--if-exists', '--yes'])
})

async function overrides(entityType: string, entity: string[]): Promise<Record<string, string | null>> {
  const r = await kfk(['configs', 'describe', '--entity-type', entityType, ...entity, '--json'])
  assert.equal(r.code, 0, r.stderr)
  return Object.fromEntries(JSON.parse(r.stdout).entities[0].configs.map((c: {name: string; value: string | null}) => [c.name, c.value]))
}

/** ConfigCommand --describe: "  key=value sensitive=... synonyms={...}" lines. */
async function javaOverrides(args: string[]): Promise<Record<string, string>> {
  const r = await javaTool('kafka.admin.ConfigCommand', ['--bootstrap-server', testBootstrap(), '--describe', ...args])
  assert.equal(r.code, 0, r.stderr)
  return Object.fromEntries([...r.stdout.matchAll(/^\s+([^=\s]+)=(\S*) sensitive=/gm)].map((m) => [m[1], m[2]]))
}

test('topic configs: add, delete, list values in brackets; agrees with ConfigCommand', async () => {
  const topic = uniqueName('kfk-cfg')
  created.push(topic)
  assert.equal((await kfk(['topics', 'create', topic, '--config', 'max.message.bytes=300000'])).code, 0)
  const add = await kfk([
    'configs',
    'alter',
    '--entity-type',
    'topics',
    '--entity-name',
    topic,
    '--add-config',
    'retention.ms=120000,cleanup.policy=[compact,delete]',
  ])
  assert.equal(add.code, 0, add.stderr)
  assert.match(add.stdout, new RegExp(`updated topic ${topic}`))
  let o = await overrides('topics', ['--entity-name', topic])
  assert.deepEqual(o, {'cleanup.policy': 'compact,delete', 'max.message.bytes': '300000', 'retention.ms': '120000'})
  assert.deepEqual(await javaOverrides(['--entity-type', 'topics', '--entity-name', topic]), o)
  const del = await kfk([
    'configs',
    'alter',
    '--entity-type',
    'topics',
    '--entity-name',
    topic,
    '--delete-config',
    'retention.ms,cleanup.policy',
  ])
  assert.equal(del.code, 0, del.stderr)
  o = await overrides('topics', ['--entity-name', topic])
  assert.deepEqual(o, {'max.message.bytes': '300000'}, 'the untouched override stays')
  const all = await kfk(['configs', 'describe', '--entity-type', 'topics', '--entity-name', topic, '--all', '--json'])
  const entries = JSON.parse(all.stdout).entities[0].configs as Array<{name: string; value: string; source: string}>
  assert.equal(entries.find((c) => c.name === 'retention.ms')?.source, 'DEFAULT_CONFIG')
  assert.ok(entries.length > 20)
})

test('broker configs: per broker and cluster default, sensitive values never shown', async () => {
  const key = 'log.cleaner.backoff.ms'
  const set = await kfk(['configs', 'alter', '--entity-type', 'brokers', '--entity-default', '--add-config', `${key}=15123`])
  assert.equal(set.code, 0, set.stderr)
  try {
    assert.equal((await overrides('brokers', ['--entity-default']))[key], '15123')
    assert.equal((await javaOverrides(['--entity-type', 'brokers', '--entity-default']))[key], '15123')
  } finally {
    assert.equal((await kfk(['configs', 'alter', '--entity-type', 'brokers', '--entity-default', '--delete-config', key])).code, 0)
  }
  assert.equal((await overrides('brokers', ['--entity-default']))[key], undefined)
  const secret = 'listener.name.plaintext.ssl.key.password'
  assert.equal(
    (await kfk(['configs', 'alter', '--entity-type', 'brokers', '--entity-name', '2', '--add-config', `${secret}=hunter2`])).code,
    0,
  )
  try {
    const r = await kfk(['configs', 'describe', '--entity-type', 'brokers', '--entity-name', '2'])
    assert.match(r.stdout, new RegExp(`${secret}\\s+\\(sensitive\\)`))
    assert.doesNotMatch(r.stdout, /hunter2/)
    const j = await kfk(['configs', 'describe', '--entity-type', 'brokers', '--entity-name', '2', '--json'])
    assert.doesNotMatch(j.stdout, /hunter2/)
    const entry = JSON.parse(j.stdout).entities[0].configs.find((c: {name: string}) => c.name === secret)
    assert.deepEqual([entry.value, entry.isSensitive], [null, true])
  } finally {
    await kfk(['configs', 'alter', '--entity-type', 'brokers', '--entity-name', '2', '--delete-config', secret])
  }
})

test('configs bad input: unknown key and wrong type exit 2, missing topic exit 1, broker refusal exit 1', async () => {
  const missing = uniqueName('kfk-nocfg')
  const cases: Array<[string[], number, RegExp]> = [
    [
      ['configs', 'alter', '--entity-type', 'topics', '--entity-name', missing, '--add-config', 'retention.msx=1'],
      2,
      /unknown topic config 'retention.msx'/,
    ],
    [
      ['configs', 'alter', '--entity-type', 'topics', '--entity-name', missing, '--add-config', 'preallocate=maybe'],
      2,
      /'maybe' is not true or false/,
    ],
    [
      ['configs', 'alter', '--entity-type', 'topics', '--entity-name', missing, '--add-config', 'retention.ms'],
      2,
      /'retention.ms' is not key=value/,
    ],
    [
      ['configs', 'alter', '--entity-type', 'topics', '--entity-name', missing, '--add-config', 'retention.ms=1'],
      1,
      new RegExp(`topic '${missing}' does not exist`),
    ],
    [['configs', 'describe', '--entity-type', 'topics', '--entity-name', missing], 1, new RegExp(`topic '${missing}' does not exist`)],
    [['configs', 'describe', '--entity-type', 'brokers', '--entity-name', 'one'], 2, /'one' is not a broker id/],
    [['configs', 'describe', '--entity-type', 'widgets'], 2, /widgets/],
    [['configs', 'describe', '--entity-type', 'groups'], 2, /name the group/],
    [['configs', 'alter', '--user', 'u1', '--add-config', 'producer_byte_rate=fast'], 2, /producer_byte_rate=fast is not a whole number/],
    [
      ['configs', 'alter', '--user', 'u1', '--add-config', 'connection_creation_rate=5'],
      2,
      /connection_creation_rate is not a quota of user-principal 'u1'/,
    ],
    [['configs', 'alter', '--ip', '10.0.0.1', '--client', 'c', '--add-config', 'connection_creation_rate=5'], 2, /ips take quotas alone/],
    [['configs', 'alter', '--entity-type', 'users', '--add-config', 'producer_byte_rate=5'], 2, /name the entity/],
    [['configs', 'alter', '--entity-type', 'brokers', '--entity-name', '1', '--add-config', 'broker.id=7'], 1, /broker 1|broker\.id/],
  ]
  for (const [args, code, message] of cases) {
    const r = await kfk(args)
    assert.equal(r.code, code, `${args.join(' ')}: ${r.stderr}`)
    assert.match(r.stderr, message)
  }
})

/** kafka-configs.sh --describe for quota entities: "entity|key=value" per quota value, numbers as numbers. */
async function javaQuotas(entity: string[]): Promise<string[]> {
  const r = await javaTool('kafka.admin.ConfigCommand', ['--bootstrap-server', testBootstrap(), '--describe', ...entity])
  assert.equal(r.code, 0, r.stderr + r.stdout)
  return r.stdout
    .split('\n')
    .flatMap((line) => {
      const m = /^Quota configs for (.*) are (.*)$/.exec(line)
      return m ? m[2]!.split(', ').map((kv) => `${m[1]}|${kv.split('=')[0]}=${Number(kv.split('=')[1])}`) : []
    })
    .sort()
}

async function kfkQuotas(entity: string[]): Promise<string[]> {
  const r = await kfk(['configs', 'describe', ...entity, '--json'])
  assert.equal(r.code, 0, r.stderr)
  const words = {user: 'user-principal', 'client-id': 'client-id', ip: 'ip'} as Record<string, string>
  return (JSON.parse(r.stdout).quotas as Array<{entity: Array<{type: string; name: string}>; values: Record<string, number>}>)
    .flatMap((q) => {
      const who = q.entity.map((p) => `${words[p.type]} '${p.name}'`).join(', ')
      return Object.entries(q.values).map(([k, v]) => `${who}|${k}=${v}`)
    })
    .sort()
}

test('client quotas of users, clients, user+client pairs and ips: set by kfk or kafka-configs, the same facts in both', async () => {
  const [user, client] = [uniqueName('quser'), uniqueName('qclient')]
  const ip = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.7`
  const set = async (args: string[]) => {
    const r = await kfk(['configs', 'alter', ...args])
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`)
  }
  await set(['--entity-type', 'users', '--entity-name', user, '--add-config', 'producer_byte_rate=1048576,consumer_byte_rate=2097152'])
  await set(['--user', user, '--client', client, '--add-config', 'request_percentage=50.5'])
  await set(['--ip', ip, '--add-config', 'connection_creation_rate=10'])
  const java = await javaTool('kafka.admin.ConfigCommand', [
    '--bootstrap-server',
    testBootstrap(),
    '--alter',
    '--entity-type',
    'clients',
    '--entity-name',
    client,
    '--add-config',
    'controller_mutation_rate=12.5',
  ])
  assert.equal(java.code, 0, java.stderr + java.stdout)
  for (const entity of [
    ['--entity-type', 'users', '--entity-name', user],
    ['--entity-type', 'clients', '--entity-name', client],
    ['--entity-type', 'users', '--entity-name', user, '--entity-type', 'clients', '--entity-name', client],
    ['--entity-type', 'ips', '--entity-name', ip],
  ]) {
    const ours = await kfkQuotas(entity)
    assert.ok(ours.length > 0, entity.join(' '))
    assert.deepEqual(ours, await javaQuotas(entity), entity.join(' '))
  }
  assert.deepEqual(await kfkQuotas(['--user', user, '--client', client]), [
    `user-principal '${user}', client-id '${client}'|request_percentage=50.5`,
  ])
  await set(['--user', user, '--delete-config', 'producer_byte_rate'])
  assert.deepEqual(await javaQuotas(['--entity-type', 'users', '--entity-name', user]), [
    `user-principal '${user}'|consumer_byte_rate=2097152`,
  ])
  for (const args of [
    ['--user', user, '--delete-config', 'consumer_byte_rate'],
    ['--user', user, '--client', client, '--delete-config', 'request_percentage'],
    ['--client', client, '--delete-config', 'controller_mutation_rate'],
    ['--ip', ip, '--delete-config', 'connection_creation_rate'],
  ])
    await set(args)
})

test('an inline SCRAM password is refused without echoing it; broker log levels change and come back', async () => {
  const refused = await kfk([
    'configs',
    'alter',
    '--user',
    'someone',
    '--add-config',
    'SCRAM-SHA-256=[iterations=8192,password=hunter2-Secret]',
  ])
  assert.equal(refused.code, 2)
  assert.match(refused.stderr, /no password on the command line.*\n.*kfk users set-password USER --mechanism SCRAM-SHA-256/)
  assert.ok(!refused.stderr.includes('hunter2-Secret') && !refused.stdout.includes('hunter2-Secret'))

  const logger = 'kafka.server.ReplicaManager'
  const level = async () => {
    const r = await kfk(['configs', 'describe', '--broker-logger', '1', '--json'])
    assert.equal(r.code, 0, r.stderr)
    return JSON.parse(r.stdout).entities[0].configs.find((c: {name: string}) => c.name === logger)?.value
  }
  const traced = await kfk(['configs', 'alter', '--broker-logger', '1', '--add-config', `${logger}=DEBUG`])
  assert.equal(traced.code, 0, traced.stderr)
  assert.equal(await level(), 'DEBUG')
  const java = await javaTool('kafka.admin.ConfigCommand', [
    '--bootstrap-server',
    testBootstrap(),
    '--describe',
    '--entity-type',
    'broker-loggers',
    '--entity-name',
    '1',
  ])
  assert.match(java.stdout, new RegExp(`${logger.replaceAll('.', '\\.')}=DEBUG`))
  assert.equal((await kfk(['configs', 'alter', '--broker-logger', '1', '--delete-config', logger])).code, 0)
  assert.notEqual(await level(), 'DEBUG')
})
