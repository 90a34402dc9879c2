import assert from 'node:assert/strict'
import {execFileSync} from 'node:child_process'
import {existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {after, before, describe, test} from 'node:test'
import {kfk, type CliOptions} from '../helpers/cli.js'
import {kafkaLibs} from '../helpers/java-tools.js'

// A cluster of its own (the shared test cluster must not lose nodes), on ports no other test uses.
const NAME = 'kfk-lifecycle'
const PORT = 20292
const stateDir = mkdtempSync(join(tmpdir(), 'kfk-lifecycle-'))
const opts = (extra: CliOptions = {}): CliOptions => ({
  cluster: false,
  timeoutMs: 240_000,
  ...extra,
  env: {KFK_STATE_DIR: stateDir, ...extra.env},
})
const cluster = (args: string[], extra?: CliOptions) => kfk(['cluster', ...args, '--name', NAME], opts(extra))
const bootstrap = `127.0.0.1:${PORT}`

/** pids of java processes carrying this cluster's marker, straight from the process table. */
function clusterPids(): number[] {
  try {
    return execFileSync('pgrep', ['-f', `kfk[.]node=${NAME}/`], {encoding: 'utf8'})
      .trim()
      .split('\n')
      .filter(Boolean)
      .map(Number)
  } catch {
    return [] // pgrep exits 1 when nothing matches
  }
}

async function brokerIds(): Promise<number[]> {
  const r = await kfk(['cluster', 'describe', '-b', bootstrap, '--json'], opts())
  assert.equal(r.code, 0, r.stderr)
  return JSON.parse(r.stdout).brokers.map((b: {id: number}) => b.id)
}

describe('a local three-node cluster, from up to down --purge', {concurrency: false}, () => {
  before(async () => {
    // Kafka from an unpacked distribution (--kafka-home) this time; the suite's own cluster came from the jar cache.
    const kafkaHome = join(stateDir, 'kafka_2.13-dist')
    mkdirSync(kafkaHome)
    symlinkSync(kafkaLibs(), join(kafkaHome, 'libs'))
    const r = await cluster(['up', '--brokers', '3', '--port', String(PORT), '--kafka-home', kafkaHome, '--json'])
    assert.equal(r.code, 0, r.stderr)
    const state = JSON.parse(r.stdout)
    assert.equal(state.bootstrapServers, `127.0.0.1:${PORT},127.0.0.1:${PORT + 1},127.0.0.1:${PORT + 2}`)
    assert.deepEqual(
      state.nodes.map((n: {status: string}) => n.status),
      ['up', 'up', 'up'],
    )
    assert.equal(state.kafkaLibs, join(kafkaHome, 'libs'))
  })

  after(async () => {
    await cluster(['down', '--purge'])
    rmSync(stateDir, {recursive: true, force: true})
  })

  test('every node is its own java process, and describe lists brokers 1, 2, 3', async () => {
    assert.equal(clusterPids().length, 3)
    assert.deepEqual(await brokerIds(), [1, 2, 3])
  })

  test('status shows pids, ports, data directories and where the Kafka jars are', async () => {
    const r = await cluster(['status', '--json'])
    assert.equal(r.code, 0, r.stderr)
    const s = JSON.parse(r.stdout)
    assert.equal(s.running, true)
    assert.deepEqual(s.nodes.map((n: {pid: number}) => n.pid).sort(), clusterPids().sort())
    assert.deepEqual(
      s.nodes.map((n: {brokerPort: number; controllerPort: number}) => [n.brokerPort, n.controllerPort]),
      [
        [PORT, PORT + 100],
        [PORT + 1, PORT + 101],
        [PORT + 2, PORT + 102],
      ],
    )
    for (const n of s.nodes) assert.ok(existsSync(join(n.dataDir, 'meta.properties')), `${n.dataDir} is formatted`)
    assert.ok(
      readdirSync(s.kafkaLibs).some((f: string) => f.startsWith('kafka-tools-')),
      'the tools jar is provisioned',
    )
    const table = await cluster(['status'])
    assert.match(table.stdout, new RegExp(`^1\\s+up\\s+\\d+\\s+${PORT}\\s+${PORT + 100}`, 'm'))
    // Finalized feature levels, as kafka-features describe gives them: share and streams groups on (Kafka 4.2+ defaults).
    const features = JSON.parse((await kfk(['features', 'describe', '--json', '-b', `127.0.0.1:${PORT}`], opts())).stdout) as {
      features: Array<{feature: string; finalizedVersionLevel: number}>
    }
    const finalized = Object.fromEntries(
      features.features.filter((f) => f.finalizedVersionLevel > 0).map((f) => [f.feature, f.finalizedVersionLevel]),
    )
    assert.deepEqual(s.features, finalized)
    assert.ok(s.features['share.version'] >= 1 && s.features['streams.version'] >= 1, JSON.stringify(s.features))
    assert.match(table.stdout, /^features: +.*metadata\.version=\d+ \(\d+\.\d+-IV\d+\).*share\.version=\d/m)
  })

  test('up on a running cluster says so and succeeds', async () => {
    const r = await cluster(['up'])
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stderr, /already running/)
  })

  test('a port already taken is a clear error naming the port', async () => {
    const r = await kfk(['cluster', 'up', '--name', 'kfk-clash', '--port', String(PORT)], opts())
    assert.equal(r.code, 1)
    assert.match(r.stderr, new RegExp(`port ${PORT} on 127.0.0.1 is already in use`))
    assert.equal(clusterPids().length, 3)
  })

  test('stop-node 2 takes broker 2 out; start-node 2 brings it back', async () => {
    const stop = await cluster(['stop-node', '2'])
    assert.equal(stop.code, 0, stop.stderr)
    assert.deepEqual(await brokerIds(), [1, 3])
    const status = JSON.parse((await cluster(['status', '--json'])).stdout)
    assert.deepEqual(
      status.nodes.map((n: {status: string}) => n.status),
      ['up', 'down', 'up'],
    )
    assert.equal(clusterPids().length, 2)
    const start = await cluster(['start-node', '2'])
    assert.equal(start.code, 0, start.stderr)
    assert.deepEqual(await brokerIds(), [1, 2, 3])
  })

  test("logs prints each node's server log, prefixed by node", async () => {
    const one = await cluster(['logs', '--node', '1', '--lines', '100000'])
    assert.equal(one.code, 0, one.stderr)
    assert.match(one.stdout, /KafkaRaftServer nodeId=1\] Kafka Server started/)
    // -n is the count of lines, as in tail -n (not --name).
    const all = await cluster(['logs', '-n', '3'])
    assert.equal(all.code, 0, all.stderr)
    assert.match(all.stdout, /^\[node 3\] /m)
    assert.equal(all.stdout.trim().split('\n').length, 9, 'three lines of each of three nodes')
  })

  test('a topic made without -r has 3 replicas and needs 2 in sync: it survives stop-node with acks=all', async () => {
    const env = {KAFKA_BOOTSTRAP_SERVERS: `127.0.0.1:${PORT},127.0.0.1:${PORT + 1},127.0.0.1:${PORT + 2}`}
    const on = (args: string[], input?: string) => kfk(args, opts({env, input}))
    const broker = await on(['configs', 'describe', '--broker', '1', '--all', '--json'])
    assert.equal(broker.code, 0, broker.stderr)
    const configs = (JSON.parse(broker.stdout) as {entities: Array<{configs: Array<{name: string; value: string}>}>}).entities[0]!.configs
    const value = (name: string) => configs.find((c) => c.name === name)?.value
    assert.deepEqual([value('default.replication.factor'), value('min.insync.replicas')], ['3', '2'])
    assert.equal((await on(['topics', 'create', 'practice', '-p', '2'])).code, 0)
    const described = JSON.parse((await on(['topics', 'describe', 'practice', '--json'])).stdout).topics[0]
    assert.equal(described.replicationFactor, 3)
    assert.equal((await cluster(['stop-node', '2'])).code, 0)
    try {
      const produced = await on(['produce', 'practice', '--acks', 'all'], 'one\ntwo\nthree\n')
      assert.equal(produced.code, 0, produced.stderr)
      const read = await on(['consume', 'practice', '--count', '--json'])
      assert.equal(JSON.parse(read.stdout).count, 3)
    } finally {
      assert.equal((await cluster(['start-node', '2'])).code, 0)
    }
  })

  test('a node that does not exist is a usage error', async () => {
    const r = await cluster(['stop-node', '7'])
    assert.equal(r.code, 2)
    assert.match(r.stderr, /has no node 7/)
  })

  test('down --purge stops every process, even a lone survivor without quorum, and deletes the data', async () => {
    assert.equal((await cluster(['stop-node', '1'])).code, 0)
    assert.equal((await cluster(['stop-node', '3'])).code, 0)
    assert.equal(clusterPids().length, 1, 'node 2 is left alone, without a quorum')
    // Describing it gives what the broker knows and says the quorum has no leader, instead of timing out (once the
    // lone controller has noticed: a leader resigns when a majority stops fetching from it for a few seconds).
    let d = await kfk(['cluster', 'describe', '-b', `127.0.0.1:${PORT + 1}`, '--timeout', '6000', '--json'], opts())
    for (let i = 0; i < 20 && d.code === 0 && !/did not answer/.test(d.stderr); i++) {
      await new Promise((resolve) => setTimeout(resolve, 1000))
      d = await kfk(['cluster', 'describe', '-b', `127.0.0.1:${PORT + 1}`, '--timeout', '6000', '--json'], opts())
    }
    assert.equal(d.code, 0, d.stderr)
    assert.match(d.stderr, /^warning: the metadata quorum did not answer within 3000 ms: it has no leader/m)
    const described = JSON.parse(d.stdout)
    assert.equal(described.quorum, null)
    assert.match(described.quorumError, /no leader/)
    const r = await cluster(['down', '--purge', '--json'])
    assert.equal(r.code, 0, r.stderr)
    assert.deepEqual(
      JSON.parse(r.stdout).nodes.map((n: {id: number}) => n.id),
      [1, 2, 3],
    )
    assert.deepEqual(clusterPids(), [])
    assert.equal(existsSync(join(stateDir, 'clusters', NAME)), false)
    const status = await cluster(['status'])
    assert.equal(status.code, 1)
    assert.match(status.stderr, /there is no local cluster named "kfk-lifecycle"/)
  })
})
