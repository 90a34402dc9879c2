import assert from 'node:assert/strict'
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {test} from 'node:test'
import {kfk, ROOT, testBootstrap, uniqueName} from '../helpers/cli.js'
import {createTestTopic} from '../helpers/topics.js'
import {runProcess} from '../helpers/process.js'
import {javaTool} from '../helpers/java-tools.js'

const pkg = JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8'))
const traced = {NODE_OPTIONS: `--require ${ROOT}/test/helpers/trace-kafkajs.cjs`}

test('--version prints name/version and loads no kafkajs', async () => {
  const r = await kfk(['--version'], {env: traced, cluster: false})
  assert.equal(r.code, 0)
  assert.match(r.stdout, new RegExp(`^kfk/${pkg.version.replaceAll('.', '\\.')} linux-x64 node-v\\d+`))
  assert.match(r.stderr, /KAFKAJS_LOADED=false/)
})

test('--help lists the cluster commands and loads no kafkajs', async () => {
  for (const args of [['--help'], ['cluster', '--help'], ['cluster', 'describe', '--help']]) {
    const r = await kfk(args, {env: traced, cluster: false})
    assert.equal(r.code, 0, `kfk ${args.join(' ')}: ${r.stderr}`)
    assert.match(r.stdout, /cluster/)
    assert.match(r.stderr, /KAFKAJS_LOADED=false/, `kfk ${args.join(' ')} loaded kafkajs`)
  }
})

test('produce and consume start from their bundles (dist/fast), not from the hundreds of files of oclif', async () => {
  const topic = await createTestTopic(uniqueName('cli-fast'), 1)
  // NODE_DEBUG=module names each CommonJS file Node loads: oclif's lib is CommonJS, the bundles hold their own copy.
  const produced = await kfk(['produce', topic], {input: 'a\nb\n', env: {NODE_DEBUG: 'module'}})
  assert.equal(produced.code, 0, produced.stderr)
  const consumed = await kfk(['consume', topic, '--from-beginning', '-e'], {env: {NODE_DEBUG: 'module'}})
  assert.equal(consumed.stdout, 'a\nb\n')
  // Nor from kafkajs's files: it is bundled too, with kfk's patches (headers in order, null header values).
  for (const r of [produced, consumed]) assert.doesNotMatch(r.stderr, /@oclif\/core\/lib|node_modules\/kafkajs/)
  // Their help still comes from oclif.
  const help = await kfk(['produce', '--help'], {cluster: false})
  assert.match(help.stdout, /^USAGE/m)
})

test("a bundle's compiled code is kept in the cache dir after a run; a damaged cache is made again, not trusted", async () => {
  const topic = await createTestTopic(uniqueName('cli-cache'), 1)
  const cache = mkdtempSync(join(tmpdir(), 'kfk-code-cache-'))
  const env = {KFK_CACHE_DIR: cache}
  const produce = async (line: string) => {
    const r = await kfk(['produce', topic, '--property', 'parse.headers=true'], {input: line, env})
    assert.equal(r.code, 0, r.stderr)
  }
  await produce('h1:a,h2:b,h1:c\tone\n')
  const dir = join(cache, 'code')
  const files = () => readdirSync(dir).filter((f) => f.startsWith('produce-'))
  assert.equal(files().length, 1)
  const made = readFileSync(join(dir, files()[0]!))
  assert.ok(made.length > 100_000, `a code cache of ${made.length} bytes`)
  await produce('h1:a\ttwo\n')
  writeFileSync(join(dir, files()[0]!), Buffer.alloc(made.length, 7))
  await produce('h1:a\tthree\n')
  assert.notEqual(readFileSync(join(dir, files()[0]!))[0], 7)
  // What the runs wrote, headers in order (kafkajs's patched record encoder is in the bundle).
  const r = await kfk(['consume', topic, '--from-beginning', '-e', '--json'], {env})
  assert.deepEqual(
    (JSON.parse(r.stdout) as {records: Array<{value: string; headers: Array<[string, string]>}>}).records.map((m) => [
      m.value,
      m.headers.map((h) => h[0]).join(),
    ]),
    [
      ['one', 'h1,h2,h1'],
      ['two', 'h1'],
      ['three', 'h1'],
    ],
  )
  rmSync(cache, {recursive: true, force: true})
})

test('an unreachable broker fails fast: one line on stderr, nothing on stdout, exit 1', async () => {
  const r = await kfk(['cluster', 'describe', '-b', '127.0.0.1:1', '--timeout', '5000'], {cluster: false, timeoutMs: 30_000})
  assert.equal(r.code, 1, r.stderr)
  assert.equal(r.stdout, '')
  const lines = r.stderr.trim().split('\n')
  assert.equal(lines[0], 'error: cannot reach Kafka at 127.0.0.1:1 (connection refused)')
  assert.match(lines[1] ?? '', /^hint: /)
  assert.ok(lines.length <= 2, `expected a sentence and a hint, got:\n${r.stderr}`)
  assert.doesNotMatch(r.stderr, /at .*\.js:\d+/, 'no stack trace without --verbose')
})

test('with --json an unreachable broker still prints nothing on stdout', async () => {
  const r = await kfk(['cluster', 'describe', '-b', '127.0.0.1:1', '--json', '--timeout', '5000'], {cluster: false, timeoutMs: 30_000})
  assert.equal(r.code, 1)
  assert.equal(r.stdout, '')
})

test('usage errors exit 2 and name the bad value', async () => {
  const bad = await kfk(['cluster', 'describe', '-b', 'no-port-here'], {cluster: false})
  assert.equal(bad.code, 2)
  assert.match(bad.stderr, /"no-port-here" is not host:port/)
  const flag = await kfk(['cluster', 'up', '--brokers', '0'], {cluster: false})
  assert.equal(flag.code, 2, flag.stderr)
  assert.match(flag.stderr, /brokers/)
  const name = await kfk(['cluster', 'status', '--name', '../outside'], {cluster: false})
  assert.equal(name.code, 2)
  assert.match(name.stderr, /^error: --name: cluster name "\.\.\/outside" is not allowed$/m)
  const integer = await kfk(['cluster', 'up', '--brokers', 'three'], {cluster: false})
  assert.equal(integer.code, 2)
  assert.match(integer.stderr, /^error: --brokers: Expected an integer but received: three$/m)
  const unknown = await kfk(['cluster', 'describe', '--no-such-flag'], {cluster: false})
  assert.equal(unknown.code, 2)
  assert.match(unknown.stderr, /--no-such-flag/)
})

test('a --command-config file supplies the bootstrap servers', async () => {
  const {mkdtempSync, writeFileSync} = await import('node:fs')
  const {tmpdir} = await import('node:os')
  const file = `${mkdtempSync(`${tmpdir()}/kfk-cc-`)}/client.properties`
  writeFileSync(file, `bootstrap.servers=${testBootstrap()}\nclient.id=kfk-test\n`)
  const r = await kfk(['cluster', 'describe', '--command-config', file, '--json'], {cluster: false})
  assert.equal(r.code, 0, r.stderr)
  assert.equal(JSON.parse(r.stdout).brokers.length, 3)
})

test('cluster describe agrees with the Java tools on cluster id and active controller', async () => {
  const r = await kfk(['cluster', 'describe', '--json'])
  assert.equal(r.code, 0, r.stderr)
  const info = JSON.parse(r.stdout)
  assert.deepEqual(
    info.brokers.map((b: {id: number}) => b.id),
    [1, 2, 3],
  )
  const [first] = testBootstrap().split(',')
  assert.ok(first !== undefined, 'no bootstrap server')
  const [host, port] = first.split(':')
  assert.ok(info.brokers.some((b: {host: string; port: number}) => b.host === host && b.port === Number(port)))
  const clusterTool = await javaTool('org.apache.kafka.tools.ClusterTool', ['cluster-id', '--bootstrap-server', testBootstrap()])
  assert.equal(clusterTool.code, 0, clusterTool.stderr)
  assert.equal(clusterTool.stdout.trim(), `Cluster ID: ${info.clusterId}`)
  const quorumTool = await javaTool('org.apache.kafka.tools.MetadataQuorumCommand', [
    '--bootstrap-server',
    testBootstrap(),
    'describe',
    '--status',
  ])
  assert.equal(quorumTool.code, 0, quorumTool.stderr)
  assert.equal(Number(/LeaderId:\s+(\d+)/.exec(quorumTool.stdout)?.[1]), info.controller)
  assert.deepEqual(info.quorum.voters.map((v: {id: number}) => v.id).sort(), [1, 2, 3])
})

test('the table output is plain columns off a terminal, with no colour codes', async () => {
  const r = await kfk(['cluster', 'describe'], {env: {NO_COLOR: ''}})
  assert.equal(r.code, 0, r.stderr)
  assert.match(r.stdout, /^cluster id: \S+$/m)
  assert.match(r.stdout, /^BROKER\s+HOST\s+PORT\s+RACK$/m)
  // eslint-disable-next-line no-control-regex -- ESC starts a colour code
  assert.doesNotMatch(r.stdout, /\u001B\[/)
})

test('cluster up names what is missing: Java, mvn, or a Kafka distribution', async () => {
  const {execFileSync} = await import('node:child_process')
  const {mkdtempSync, realpathSync} = await import('node:fs')
  const {tmpdir} = await import('node:os')
  const {dirname} = await import('node:path')
  const empty = mkdtempSync(`${tmpdir()}/kfk-prereq-`)
  const base = {KFK_STATE_DIR: empty, KFK_CACHE_DIR: empty, KFK_CONFIG_DIR: empty}
  const noJava = await kfk(['cluster', 'up', '--name', 'prereq', '--port', '20692'], {
    cluster: false,
    env: {...base, JAVA_HOME: '/nonexistent-jdk'},
  })
  assert.equal(noJava.code, 1)
  assert.match(noJava.stderr, /^error: Java 17 or newer is needed to run Kafka, and \/nonexistent-jdk\/bin\/java was not found$/m)
  const javaHome = dirname(dirname(realpathSync(execFileSync('which', ['java'], {encoding: 'utf8'}).trim())))
  const noMvn = await kfk(['cluster', 'up', '--name', 'prereq', '--port', '20692'], {
    cluster: false,
    env: {...base, JAVA_HOME: javaHome, PATH: '/nonexistent-bin'},
  })
  assert.equal(noMvn.code, 1, noMvn.stderr)
  assert.match(noMvn.stderr, /mvn, which fetches it from Maven Central, was not found/)
  assert.match(noMvn.stderr, /--kafka-home/)
  const notKafka = await kfk(['cluster', 'up', '--name', 'prereq', '--port', '20692', '--kafka-home', empty], {cluster: false, env: base})
  assert.equal(notKafka.code, 2)
  assert.match(notKafka.stderr, /is not an unpacked Kafka distribution/)
})

test('cluster up refuses a Kafka release outside the supported range, or a mode the release lacks, before fetching anything', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kfk-range-'))
  const env = {KFK_STATE_DIR: dir, KFK_CACHE_DIR: dir, KFK_CONFIG_DIR: dir}
  const up = (args: string[]) => kfk(['cluster', 'up', '--name', 'range', '--port', '20692', ...args], {cluster: false, env})
  try {
    for (const version of ['2.7.2', '9.9.0']) {
      const r = await up(['--kafka-version', version])
      assert.equal(r.code, 2, r.stderr)
      assert.match(
        r.stderr,
        new RegExp(`^error: Apache Kafka ${version.replaceAll('.', '\\.')} is not supported: kfk supports 2\\.8 to \\d+\\.\\d+$`, 'm'),
      )
      assert.doesNotMatch(r.stderr, /fetching/)
    }
    // ZooKeeper mode went with 4.0; KRaft came (production-ready) with 3.3.
    const noZooKeeper = await up(['--kafka-version', '4.0.2', '--zookeeper'])
    assert.equal(noZooKeeper.code, 2)
    assert.match(noZooKeeper.stderr, /^error: Apache Kafka 4\.0\.2 has no ZooKeeper mode \(removed in 4\.0\)$/m)
    // An unpacked distribution of an unsupported release too, and of a ZooKeeper-only one asked for KRaft.
    for (const [version, message] of [
      ['2.7.2', /^error: Apache Kafka 2\.7\.2 \(in .*kafka_2\.13-2\.7\.2\) is not supported/m],
      ['3.1.2', /^error: Apache Kafka 3\.1\.2 runs only in ZooKeeper mode/m],
    ] as const) {
      const home = join(dir, `kafka_2.13-${version}`)
      mkdirSync(join(home, 'libs'), {recursive: true})
      writeFileSync(join(home, 'libs', `kafka_2.13-${version}.jar`), '')
      const r = await up(['--kafka-home', home])
      assert.equal(r.code, 2, r.stderr)
      assert.match(r.stderr, message)
    }
    assert.deepEqual(readdirSync(dir).sort(), ['kafka_2.13-2.7.2', 'kafka_2.13-3.1.2'], 'nothing fetched, no cluster recorded')
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
})

test('a cluster that does not come up is not recorded: its nodes are stopped and it is removed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kfk-halfup-'))
  const env = {KFK_STATE_DIR: dir, KFK_CONFIG_DIR: dir}
  try {
    // --wait 1: the brokers cannot answer within a second, so this start gives up while they are starting.
    const r = await kfk(['cluster', 'up', '--name', 'halfup', '--port', '20692', '--wait', '1'], {cluster: false, env, timeoutMs: 120_000})
    assert.equal(r.code, 1, r.stderr)
    assert.match(r.stderr, /^error: cluster "halfup" did not come up within 1 s; its nodes were stopped and the cluster removed$/m)
    const status = await kfk(['cluster', 'status', '--name', 'halfup'], {cluster: false, env})
    assert.notEqual(status.code, 0)
    assert.match(status.stderr, /halfup/)
    const {execFileSync} = await import('node:child_process')
    const left = (() => {
      try {
        return execFileSync('pgrep', ['-f', 'kfk[.]node=halfup/'], {encoding: 'utf8'}).trim()
      } catch {
        return ''
      }
    })()
    assert.equal(left, '', 'no node process is left running')
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
})

test('a port that answers HTTP: "not a Kafka broker (it answered HTTP)", exit 1, without waiting for the timeout to say why', async () => {
  const {createServer} = await import('node:http')
  const server = createServer((_req, res) => res.end('hello'))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as {port: number}).port
  try {
    const r = await kfk(['topics', 'list', '-b', `127.0.0.1:${port}`, '--timeout', '20000'], {cluster: false, timeoutMs: 60_000})
    assert.equal(r.code, 1, r.stderr)
    assert.equal(r.stdout, '')
    assert.match(r.stderr, new RegExp(`^error: 127\\.0\\.0\\.1:${port} is not a Kafka broker \\(it answered HTTP\\)$`, 'm'))
  } finally {
    server.close()
  }
})

test('a partition count past INT32 is a usage error naming the limit, before any connection', async () => {
  const r = await kfk(['topics', 'create', 'x', '-p', '2147483648', '-b', '127.0.0.1:1'], {cluster: false})
  assert.equal(r.code, 2)
  assert.match(r.stderr, /--partitions: Expected an integer less than or equal to 2147483647 but received: 2147483648/)
  assert.doesNotMatch(r.stderr, /cannot reach/)
})

test('the root help comes from a cache after the first run: the same bytes oclif rendered, without loading oclif', async () => {
  const cache = mkdtempSync(join(tmpdir(), 'kfk-help-cache-'))
  const env = {KFK_CACHE_DIR: cache, ...traced}
  const first = await kfk(['--help'], {env, cluster: false})
  assert.equal(first.code, 0, first.stderr)
  const second = await kfk(['--help'], {env: {...env, NODE_DEBUG: 'module'}, cluster: false})
  assert.equal(second.code, 0, second.stderr)
  assert.equal(second.stdout, first.stdout)
  assert.match(first.stdout, /^TOPICS$/m)
  assert.doesNotMatch(second.stderr, /@oclif\/core/, 'the cached help does not load oclif')
  for (const args of [[], ['help'], ['-h']]) assert.equal((await kfk(args, {env, cluster: false})).stdout, first.stdout, args.join(' '))
})

test('bash completion end to end: commands, flags, and topic names from the cluster', async () => {
  const topic = await createTestTopic(uniqueName('complete-me'), 1)
  const bin = mkdtempSync(join(tmpdir(), 'kfk-bin-'))
  symlinkSync(`${ROOT}/bin/run.js`, join(bin, 'kfk'))
  const script = await kfk(['autocomplete', 'bash'], {cluster: false})
  assert.equal(script.code, 0, script.stderr)
  const replies = async (line: string) => {
    const words = line.split(' ')
    const program = `${script.stdout}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _kfk_complete; printf '%s\\n' "\${COMPREPLY[@]}"`
    const r = await runProcess('bash', ['-c', program], {
      env: {...process.env, PATH: `${bin}:${process.env.PATH}`, KAFKA_BOOTSTRAP_SERVERS: testBootstrap()},
    })
    assert.equal(r.code, 0, r.stderr)
    return r.stdout.trim().split('\n')
  }
  assert.deepEqual(await replies('kfk gro'), ['groups'])
  assert.ok((await replies('kfk consume x --ti')).includes('--timeout-ms'))
  assert.deepEqual(await replies(`kfk topics describe ${topic.slice(0, -3)}`), [topic])
})

test('on a terminal without colour (NO_COLOR), table headers stay apart from the rows: upper case', async () => {
  const {onTty} = await import('../helpers/tty.js')
  const topic = await createTestTopic(uniqueName('cli-head'), 1)
  const r = await onTty(['topics', 'describe', topic])
  assert.equal(r.code, 0, r.out)
  assert.match(r.out, /PARTITION\s+LEADER\s+REPLICAS\s+ISR/)
})

test('connection flags before the command, as kcat and kaf take them: kfk -b HOST topics list, --bootstrap-server=HOST, the fast produce and consume', async () => {
  const t = await createTestTopic(uniqueName('leading'), 1)
  const env = {KAFKA_BOOTSTRAP_SERVERS: '', KFK_PROFILE: ''}
  const listed = await kfk(['-b', testBootstrap(), 'topics', 'list'], {cluster: false, env})
  assert.equal(listed.code, 0, listed.stderr)
  assert.ok(listed.stdout.split('\n').includes(t))
  const produced = await kfk([`--bootstrap-server=${testBootstrap()}`, 'produce', t], {cluster: false, env, input: 'a\nb\n'})
  assert.equal(produced.code, 0, produced.stderr)
  const consumed = await kfk(['-b', testBootstrap(), 'consume', t, '--from-beginning', '-e'], {cluster: false, env})
  assert.equal(consumed.stdout, 'a\nb\n', consumed.stderr)
})
