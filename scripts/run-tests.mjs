// The test suite: starts a real 3-node Apache Kafka cluster through kfk's own
// `cluster up` (in a throwaway state directory, on ports away from a user's
// cluster), runs the unit and integration tests against it, and stops it.
// Set KFK_TEST_BOOTSTRAP (and KFK_TEST_KAFKA_LIBS) to reuse a running cluster.
// Each test may take 10 minutes at most, so a hang fails the run instead of stalling CI.
import {spawnSync, spawn} from 'node:child_process'
import {mkdtempSync, readdirSync, rmSync, statSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {DEFAULT_KAFKA_VERSION} from './default-kafka-version.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const kfk = (args, env) =>
  spawnSync(process.execPath, [join(root, 'bin/run.js'), ...args], {
    env: {...process.env, ...env},
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  })

function testFiles(dir) {
  const out = []
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) out.push(...testFiles(path))
    else if (name.endsWith('.test.ts')) out.push(path)
  }
  return out
}

// --unit: the unit tests alone, no cluster (seconds). Otherwise the named files, or everything.
// --kafka-version V: the suite's cluster runs Apache Kafka V (a compatibility run; tests that start
// clusters of their own keep kfk's default version).
const unitOnly = process.argv.includes('--unit')
const versionAt = process.argv.indexOf('--kafka-version')
const kafkaVersion = versionAt > 0 ? process.argv[versionAt + 1] : undefined
const only = process.argv.slice(2).filter((a, i, all) => a !== '--unit' && a !== '--kafka-version' && all[i - 1] !== '--kafka-version')
const files = unitOnly
  ? testFiles(join(root, 'test/unit'))
  : only.length > 0
    ? only
    : [...testFiles(join(root, 'test/unit')), ...testFiles(join(root, 'test/integration'))]
// Profiles (kfk cluster up saves one) go to a throwaway config dir, never the user's.
const configDir = process.env.KFK_CONFIG_DIR ? undefined : mkdtempSync(join(tmpdir(), 'kfk-test-config-'))
const env = {...process.env, KFK_CONFIG_DIR: process.env.KFK_CONFIG_DIR ?? configDir}
// Node 20 parses NODE_EXTRA_CA_CERTS's file at every process start, before any of kfk's code runs
// (nodejs/node#40524): ~70 ms of CPU per process with a 220 KB bundle, and the tests start
// thousands of them. They talk only to local brokers (TLS tests pass their own CA) and cluster up
// fetches jars with mvn: the tests' processes go without it.
delete env.NODE_EXTRA_CA_CERTS
let stateDir
if (!env.KFK_TEST_BOOTSTRAP && !unitOnly) {
  stateDir = mkdtempSync(join(tmpdir(), 'kfk-test-'))
  env.KFK_TEST_STATE_DIR = stateDir
  const port = env.KFK_TEST_PORT ?? '19092'
  console.error(`starting a 3-node test cluster on 127.0.0.1:${port} (state in ${stateDir})`)
  const version = kafkaVersion ? ['--kafka-version', kafkaVersion] : []
  // Topics made without -r keep one replica and acks=all needs one, as the tests were written for
  // (cluster up's own defaults, 3 and 2 on three nodes, are tested by the cluster lifecycle test).
  const replication = ['--default-replication-factor', '1', '--min-insync-replicas', '1']
  const up = kfk(['cluster', 'up', '--name', 'kfk-test', '--brokers', '3', '--port', port, ...version, ...replication, '--json'], {
    KFK_STATE_DIR: stateDir,
    KFK_CONFIG_DIR: env.KFK_CONFIG_DIR,
  })
  if (up.status !== 0) {
    console.error(`could not start the test cluster (exit ${up.status})`)
    process.exit(1)
  }
  const state = JSON.parse(up.stdout)
  env.KFK_TEST_BOOTSTRAP = state.bootstrapServers
  env.KFK_TEST_KAFKA_LIBS = state.kafkaLibs
}
if (!unitOnly)
  env.KFK_TEST_KAFKA_LIBS ??= join(
    env.KFK_CACHE_DIR ?? join(env.XDG_CACHE_HOME ?? join(process.env.HOME, '.cache'), 'kfk'),
    `kafka-${DEFAULT_KAFKA_VERSION}`,
    'libs',
  )

let code = 1
try {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', '--test-timeout=600000', ...files],
    {cwd: root, env, stdio: 'inherit'},
  )
  const stop = () => child.kill('SIGINT')
  process.on('SIGINT', stop)
  code = await new Promise((resolve) => child.on('close', (c) => resolve(c ?? 1)))
} finally {
  if (stateDir) {
    const down = kfk(['cluster', 'down', '--name', 'kfk-test', '--purge'], {KFK_STATE_DIR: stateDir})
    if (down.status !== 0) console.error('warning: the test cluster did not stop cleanly')
    rmSync(stateDir, {recursive: true, force: true})
  }
  if (configDir) rmSync(configDir, {recursive: true, force: true})
}
process.exit(code)
