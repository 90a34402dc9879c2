// Throughput benchmark: kfk produce / consume beside Apache Kafka's console
// tools (from the jars `kfk cluster up` provisions) and kcat, on one broker
// setup in one run. Prints records/s, time to first record, peak RSS and ratios.
//   node bench/produce-consume.mjs -b host:port [--records 1000000] [--size 100] [--partitions 1] [--scale]
// --scale also runs kfk on records/10, to show its peak RSS stays flat as the count grows.
// Needs kcat on PATH, java, and a built kfk (npm run build).
import {spawn, spawnSync} from 'node:child_process'
import {createWriteStream, mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {argValue, KFK, kafkaLibs, printTable} from './lib.mjs'

const bootstrap = argValue('-b', argValue('--bootstrap-server', process.env.KAFKA_BOOTSTRAP_SERVERS ?? 'localhost:9092'))
const records = Number(argValue('--records', '1000000'))
const size = Number(argValue('--size', '100'))
const partitions = argValue('--partitions', '1')
const scale = process.argv.includes('--scale')
const first = bootstrap.split(',')[0]
const dir = mkdtempSync(join(tmpdir(), 'kfk-bench-'))
const JAVA = ['java', '-Xmx512m', '-cp', join(kafkaLibs(), '*')]

async function dataFile(n) {
  const path = join(dir, `records-${n}.txt`)
  const out = createWriteStream(path)
  const line = (i) => String(i).padStart(10, '0') + '-' + 'x'.repeat(size - 11) + '\n'
  for (let i = 0; i < n; i++) if (!out.write(line(i))) await new Promise((r) => out.once('drain', r))
  await new Promise((r) => out.end(r))
  return path
}

/** Runs a command (stdin from a file, stdout to /dev/null), measuring wall time and peak RSS by polling /proc. */
function run(cmd, args, {stdin, stdout = 'ignore'} = {}) {
  return new Promise((resolve, reject) => {
    const fd = stdin ? ['pipe'] : ['ignore']
    const child = spawn(cmd, args, {stdio: [fd[0], stdout, 'pipe']})
    if (stdin) {
      const {createReadStream} = globalThis.__fs
      createReadStream(stdin).pipe(child.stdin)
      child.stdin.on('error', () => {})
    }
    let peak = 0
    let stderr = ''
    child.stderr.on('data', (d) => (stderr += d))
    const poll = setInterval(() => (peak = Math.max(peak, treeRss(child.pid))), 50)
    const started = process.hrtime.bigint()
    child.on('error', reject)
    child.on('close', (code) => {
      clearInterval(poll)
      const ms = Number(process.hrtime.bigint() - started) / 1e6
      if (code !== 0) return reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${stderr.slice(-500)}`))
      resolve({ms, rssMb: peak / 1024})
    })
  })
}

/** Resident KB of a process and its children (the Java tools run under no wrapper, kfk is one node process). */
function treeRss(pid) {
  const r = spawnSync('ps', ['-o', 'rss=', '--ppid', String(pid), '-p', String(pid)], {encoding: 'utf8'})
  return r.stdout
    .split('\n')
    .filter(Boolean)
    .reduce((a, b) => a + Number(b), 0)
}

function createTopic(name) {
  const r = spawnSync(
    JAVA[0],
    [
      ...JAVA.slice(1),
      'org.apache.kafka.tools.TopicCommand',
      '--bootstrap-server',
      bootstrap,
      '--create',
      '--topic',
      name,
      '--partitions',
      partitions,
      '--replication-factor',
      '1',
    ],
    {encoding: 'utf8'},
  )
  if (r.status !== 0) throw new Error(`cannot create ${name}: ${r.stderr}`)
  return name
}

const kfk = (...args) => [process.execPath, [KFK, ...args, '-b', bootstrap]]
const java = (main, ...args) => [JAVA[0], [...JAVA.slice(1), main, '--bootstrap-server', bootstrap, ...args]]
const kcat = (...args) => ['kcat', ['-b', first, ...args]]
const rate = (ms, n = records) => Math.round(n / (ms / 1000))

globalThis.__fs = await import('node:fs')
const file = await dataFile(records)
const suffix = Date.now().toString(36)
const t = {kfk: createTopic(`bench-kfk-${suffix}`), java: createTopic(`bench-java-${suffix}`), kcat: createTopic(`bench-kcat-${suffix}`)}
console.error(`${records} records of ${size} bytes, ${partitions} partition(s), against ${bootstrap}`)

const results = {}
const step = async (name, [cmd, args], opts) => {
  console.error(`  ${name} ...`)
  results[name] = await run(cmd, args, opts)
}
await step('produce kfk', kfk('produce', t.kfk, '--file', file))
await step('produce java', java('org.apache.kafka.tools.ConsoleProducer', '--topic', t.java), {stdin: file})
await step('produce kcat', kcat('-P', '-t', t.kcat, '-l', file))
await step('consume kfk', kfk('consume', t.kfk, '--from-beginning', '-e'))
await step(
  'consume java',
  java('org.apache.kafka.tools.consumer.ConsoleConsumer', '--topic', t.kfk, '--from-beginning', '--max-messages', String(records)),
)
await step('consume kcat', kcat('-C', '-t', t.kfk, '-o', 'beginning', '-e', '-q'))
await step('first kfk', kfk('consume', t.kfk, '--offset', 'earliest', '--max-messages', '1'))
await step(
  'first java',
  java(
    'org.apache.kafka.tools.consumer.ConsoleConsumer',
    '--topic',
    t.kfk,
    '--partition',
    '0',
    '--offset',
    'earliest',
    '--max-messages',
    '1',
  ),
)
await step('first kcat', kcat('-C', '-t', t.kfk, '-p', '0', '-o', 'beginning', '-c', '1', '-q'))
let small
if (scale) {
  const n = Math.round(records / 10)
  const smallFile = await dataFile(n)
  const ts = createTopic(`bench-kfk-small-${suffix}`)
  small = {
    n,
    produce: await run(...kfk('produce', ts, '--file', smallFile)),
    consume: await run(...kfk('consume', ts, '--from-beginning', '-e')),
  }
}

const row = (tool) => [
  tool,
  String(rate(results[`produce ${tool}`].ms)),
  String(rate(results[`consume ${tool}`].ms)),
  results[`first ${tool}`].ms.toFixed(0),
  Math.max(results[`produce ${tool}`].rssMb, results[`consume ${tool}`].rssMb).toFixed(0),
]
console.log(`\n${records} records x ${size} B, ${partitions} partition(s), ${bootstrap} (wall time of whole commands, start-up included)\n`)
printTable(['tool', 'produce rec/s', 'consume rec/s', 'first record ms', 'peak RSS MB'], ['kfk', 'java', 'kcat'].map(row))
const ratio = (a, b) => (a / b).toFixed(2)
const P = (tool) => rate(results[`produce ${tool}`].ms)
const C = (tool) => rate(results[`consume ${tool}`].ms)
console.log('')
printTable(
  ['target', 'measured', 'met'],
  [
    ['produce kfk >= 1.0x java', ratio(P('kfk'), P('java')), P('kfk') >= P('java') ? 'yes' : 'NO'],
    ['produce kfk >= 0.5x kcat', ratio(P('kfk'), P('kcat')), P('kfk') >= 0.5 * P('kcat') ? 'yes' : 'NO'],
    ['consume kfk >= 1.0x java', ratio(C('kfk'), C('java')), C('kfk') >= C('java') ? 'yes' : 'NO'],
    ['consume kfk >= 0.5x kcat', ratio(C('kfk'), C('kcat')), C('kfk') >= 0.5 * C('kcat') ? 'yes' : 'NO'],
    [
      'first record kfk <= 0.3x java',
      ratio(results['first kfk'].ms, results['first java'].ms),
      results['first kfk'].ms <= 0.3 * results['first java'].ms ? 'yes' : 'NO',
    ],
    ['kfk peak RSS <= 200 MB', row('kfk')[4], Number(row('kfk')[4]) <= 200 ? 'yes' : 'NO'],
  ],
)
if (small) {
  console.log(
    `\nkfk peak RSS, ${small.n} vs ${records} records: produce ${small.produce.rssMb.toFixed(0)} -> ${results['produce kfk'].rssMb.toFixed(0)} MB, consume ${small.consume.rssMb.toFixed(0)} -> ${results['consume kfk'].rssMb.toFixed(0)} MB`,
  )
}
console.error(`(topics bench-*-${suffix} left on the cluster; delete them with your tool of choice)`)
rmSync(dir, {recursive: true, force: true})
