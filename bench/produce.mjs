// Produce benchmark (the cases of the produce issue): kfk beside kcat, the Java
// console producer and ProducerPerformance (the Java client's ceiling, records
// made in memory), on the same cluster in one run. Wall time of the whole
// command, peak RSS, and kfk's time as a ratio of kcat's (<= 1.00 is the goal).
//   node bench/produce.mjs -b host:port[,...] [--records 1000000] [--only NAME] [--runs 1] [--no-java]
// Needs a built kfk (npm run build), kcat and java on PATH; a 3-broker cluster for the replicated case.
import {spawn, spawnSync} from 'node:child_process'
import {createWriteStream, mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {argValue, KFK, kafkaLibs, printTable} from './lib.mjs'

const bootstrap = argValue('-b', argValue('--bootstrap-server', process.env.KAFKA_BOOTSTRAP_SERVERS ?? 'localhost:9092'))
const million = Number(argValue('--records', '1000000'))
const only = argValue('--only', '')
const runs = Number(argValue('--runs', '1'))
const withJava = !process.argv.includes('--no-java')
const dir = mkdtempSync(join(tmpdir(), 'kfk-bench-produce-'))
const JAVA = (main, ...args) => ['java', ['-Xmx512m', '-cp', join(kafkaLibs(), '*'), main, ...args]]
const suffix = Date.now().toString(36)

const cases = [
  {name: '1M x 100 B, 6 partitions', records: million, size: 100, keyed: false, partitions: 6, rf: 1, acks: 'all'},
  {name: '1M x 100 B keyed, 6 partitions', records: million, size: 100, keyed: true, partitions: 6, rf: 1, acks: 'all'},
  {name: '200k x 1 KB, 6 partitions', records: million / 5, size: 1000, keyed: false, partitions: 6, rf: 1, acks: 'all'},
  {name: '1M x 100 B, 6 partitions x RF 3, acks=all', records: million, size: 100, keyed: false, partitions: 6, rf: 3, acks: 'all'},
].filter((c) => !only || c.name.includes(only))

async function dataFile(c) {
  const path = join(dir, `${c.records}-${c.size}-${c.keyed}.txt`)
  const out = createWriteStream(path)
  const body = 'x'.repeat(c.size - 11)
  for (let i = 0; i < c.records; i++) {
    const line = (c.keyed ? `k${i % 10007}:` : '') + String(i).padStart(10, '0') + '-' + body + '\n'
    if (!out.write(line)) await new Promise((r) => out.once('drain', r))
  }
  await new Promise((r) => out.end(r))
  return path
}

function createTopic(name, c) {
  const r = spawnSync(process.execPath, [KFK, 'topics', 'create', name, '-p', String(c.partitions), '-r', String(c.rf), '-b', bootstrap], {
    encoding: 'utf8',
  })
  if (r.status !== 0) throw new Error(r.stderr)
  return name
}

/** Wall time and peak RSS of one command, stdin from a file. */
function run([cmd, args], stdin) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {stdio: [stdin ? 'pipe' : 'ignore', 'ignore', 'pipe']})
    if (stdin) {
      import('node:fs').then(({createReadStream}) => createReadStream(stdin).pipe(child.stdin))
      child.stdin.on('error', () => {})
    }
    let peak = 0
    let stderr = ''
    child.stderr.on('data', (d) => (stderr += d))
    const poll = setInterval(() => (peak = Math.max(peak, rss(child.pid))), 50)
    const started = process.hrtime.bigint()
    child.on('close', (code) => {
      clearInterval(poll)
      if (code !== 0) return reject(new Error(`${cmd} exited ${code}: ${stderr.slice(-400)}`))
      resolve({ms: Number(process.hrtime.bigint() - started) / 1e6, rssMb: peak / 1024, stderr})
    })
  })
}

function rss(pid) {
  const r = spawnSync('ps', ['-o', 'rss=', '-p', String(pid)], {encoding: 'utf8'})
  return Number(r.stdout.trim()) || 0
}

async function best(make, stdin) {
  let out
  for (let i = 0; i < runs; i++) {
    const r = await run(make(i), stdin)
    if (!out || r.ms < out.ms) out = r
  }
  return out
}

const rows = []
const ratios = []
for (const c of cases) {
  const file = await dataFile(c)
  const topic = (tool, i) => createTopic(`bench-p-${tool}-${suffix}-${rows.length}-${i}`, c)
  const kfk = await best((i) => [
    process.execPath,
    [KFK, 'produce', topic('kfk', i), '-b', bootstrap, '--acks', c.acks, '--file', file, ...(c.keyed ? ['--key-separator', ':'] : [])],
  ])
  const kcat = await best((i) => [
    'kcat',
    [
      '-P',
      '-b',
      bootstrap,
      '-t',
      topic('kcat', i),
      '-X',
      `acks=${c.acks === 'all' ? -1 : c.acks}`,
      '-l',
      ...(c.keyed ? ['-K:'] : []),
      file,
    ],
  ])
  let console_, perf
  if (withJava) {
    console_ = await best(
      (i) =>
        JAVA(
          'org.apache.kafka.tools.ConsoleProducer',
          '--bootstrap-server',
          bootstrap,
          '--topic',
          topic('java', i),
          '--producer-property',
          `acks=${c.acks}`,
          ...(c.keyed ? ['--property', 'parse.key=true', '--property', 'key.separator=:'] : []),
        ),
      file,
    )
    perf = await best((i) =>
      JAVA(
        'org.apache.kafka.tools.ProducerPerformance',
        '--topic',
        topic('perf', i),
        '--num-records',
        String(c.records),
        '--record-size',
        String(c.size),
        '--throughput',
        '-1',
        '--producer-props',
        `bootstrap.servers=${bootstrap}`,
        `acks=${c.acks}`,
        'linger.ms=5',
        'batch.size=524288',
      ),
    )
  }
  const rate = (r) => (r ? Math.round(c.records / (r.ms / 1000)).toLocaleString('en-US') : '-')
  const sec = (r) => (r ? (r.ms / 1000).toFixed(2) : '-')
  rows.push([
    c.name,
    `${sec(kfk)} s`,
    `${sec(kcat)} s`,
    `${sec(console_)} s`,
    `${sec(perf)} s`,
    rate(kfk),
    rate(kcat),
    rate(perf),
    Math.round(kfk.rssMb),
  ])
  ratios.push([
    c.name,
    (kfk.ms / kcat.ms).toFixed(2),
    perf ? (kfk.ms / perf.ms).toFixed(2) : '-',
    console_ ? (console_.ms / kfk.ms).toFixed(1) + 'x' : '-',
    kfk.ms <= kcat.ms ? 'yes' : 'NO',
  ])
}
rmSync(dir, {recursive: true, force: true})
printTable(['case', 'kfk', 'kcat', 'java console', 'ProducerPerformance', 'kfk rec/s', 'kcat rec/s', 'perf rec/s', 'kfk RSS MB'], rows)
console.log('')
printTable(['case', 'kfk/kcat time', 'kfk/perf time', 'kfk faster than console by', 'kfk <= kcat'], ratios)
console.error(`(topics bench-p-*-${suffix}-* left on the cluster)`)
