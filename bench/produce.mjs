// Produce benchmark (the cases of the produce issue): kfk beside kcat, the Java
// console producer and ProducerPerformance (the Java client's ceiling, records
// made in memory), on the same cluster in one run. kfk and kcat take turns, run
// by run; medians of wall time and CPU time of the whole command, peak RSS, and
// kfk's time as a ratio of kcat's (<= 1.00 is the goal). Topics are deleted
// after each case (the brokers' disks and page cache stay alike for every case).
// Where the brokers run on this machine (kfk cluster up), their CPU time per run
// too, and each tool's wall time against the bound the machine's cores set:
// (tool CPU + brokers' CPU) / cores (on a small machine both tools run close to it).
//   node bench/produce.mjs -b host:port[,...] [--records 1000000] [--only NAME] [--runs 5] [--no-java]
// Needs a built kfk (npm run build), kcat and java on PATH; a 3-broker cluster for the replicated case.
import {spawn, spawnSync} from 'node:child_process'
import {createWriteStream, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {availableParallelism, tmpdir} from 'node:os'
import {join} from 'node:path'
import {argValue, EXTRA_CA_SET, KFK, kafkaLibs, printTable, WITHOUT_EXTRA_CA} from './lib.mjs'

const bootstrap = argValue('-b', argValue('--bootstrap-server', process.env.KAFKA_BOOTSTRAP_SERVERS ?? 'localhost:9092'))
const million = Number(argValue('--records', '1000000'))
const only = argValue('--only', '')
const runs = Number(argValue('--runs', '5'))
const withJava = !process.argv.includes('--no-java')
// The Java tools are several times slower, and their spread matters less: fewer runs.
const javaRuns = Math.min(runs, 3)
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

/**
 * Wall time, CPU time (user + system, from bash's `times`) and peak RSS of one
 * command, stdin from a file.
 */
function run([cmd, args, env], stdin) {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', '"$@"; rc=$?; times >&2; exit $rc', 'bash', cmd, ...args], {
      stdio: [stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
      env: env ?? process.env,
    })
    if (stdin) {
      import('node:fs').then(({createReadStream}) => createReadStream(stdin).pipe(child.stdin))
      child.stdin.on('error', () => {})
    }
    let peak = 0
    let stderr = ''
    let stdout = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    const poll = setInterval(() => (peak = Math.max(peak, treeRss(child.pid))), 50)
    const brokersBefore = brokersCpuMs()
    const started = process.hrtime.bigint()
    child.on('close', (code) => {
      clearInterval(poll)
      if (code !== 0) return reject(new Error(`${cmd} exited ${code}: ${stderr.slice(-400)}`))
      // The last line of `times` is the children's user and system time: "0m0.470s 0m0.180s".
      const [user, sys] = (stderr.trim().split('\n').pop() ?? '').split(' ').map(seconds)
      const ms = Number(process.hrtime.bigint() - started) / 1e6
      resolve({ms, cpuMs: (user + sys) * 1000, brokersCpuMs: brokersCpuMs() - brokersBefore, rssMb: peak / 1024, stdout})
    })
  })
}

const seconds = (t) => {
  const m = /^(\d+)m([\d.]+)s$/.exec(t ?? '')
  return m ? Number(m[1]) * 60 + Number(m[2]) : NaN
}

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], {encoding: 'utf8'}).stdout) || 100

/** CPU time (ms) so far of the brokers `kfk cluster up` runs on this machine (0 when they run elsewhere). */
function brokersCpuMs() {
  let ticks = 0
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
      if (!cmdline.includes('-Dkfk.node=') || !cmdline.includes('kafka.Kafka')) continue
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      ticks += Number(fields[11]) + Number(fields[12]) // utime and stime, in clock ticks
    } catch {
      // The process ended meanwhile.
    }
  }
  return (ticks * 1000) / CLOCK_TICKS
}

/** RSS (KB) of the process under bash. */
function treeRss(pid) {
  const r = spawnSync('ps', ['-o', 'rss=', '--ppid', String(pid)], {encoding: 'utf8'})
  return r.stdout.split('\n').reduce((sum, l) => sum + (Number(l.trim()) || 0), 0)
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

/** Each tool `runs` times, taking turns (kfk, kcat, kcat, kfk, ...) so both see the machine in the same state. */
async function alternate(tools, stdin, n = runs) {
  const out = Object.fromEntries(Object.keys(tools).map((k) => [k, []]))
  for (let i = 0; i < n; i++) {
    const names = i % 2 ? Object.keys(tools).reverse() : Object.keys(tools)
    for (const name of names) out[name].push(await run(tools[name](i), stdin))
  }
  return out
}

const summary = (rs) =>
  rs
    ? {
        ms: median(rs.map((r) => r.ms)),
        cpuMs: median(rs.map((r) => r.cpuMs)),
        brokersCpuMs: median(rs.map((r) => r.brokersCpuMs)),
        // The wall time the cores allow: every CPU second of the tool and the brokers spread over them.
        boundMs: median(rs.map((r) => (r.cpuMs + r.brokersCpuMs) / availableParallelism())),
        rssMb: Math.max(...rs.map((r) => r.rssMb)),
      }
    : undefined

// One untimed run first: kfk keeps its compiled code between runs (dist/startup/fast-start.js), as it will for a user.
{
  const c = {partitions: 1, rf: 1}
  const warm = createTopic(`bench-p-warm-${suffix}`, c)
  const file = join(dir, 'warm.txt')
  writeFileSync(file, 'warm\n')
  await run([process.execPath, [KFK, 'produce', warm, '-b', bootstrap, '--file', file]])
  deleteTopics([warm])
}

const rows = []
const ratios = []
const bounds = []
for (const c of cases) {
  const file = await dataFile(c)
  const made = []
  const topic = (tool, i) => {
    made.push(createTopic(`bench-p-${tool}-${suffix}-${rows.length}-${i}`, c))
    return made.at(-1)
  }
  const kfkRun = (name, i) => [
    process.execPath,
    [KFK, 'produce', topic(name, i), '-b', bootstrap, '--acks', c.acks, '--file', file, ...(c.keyed ? ['--key-separator', ':'] : [])],
  ]
  const pair = await alternate({
    kfk: (i) => kfkRun('kfk', i),
    ...(EXTRA_CA_SET ? {kfkNoCa: (i) => [...kfkRun('kfk-noca', i), {...process.env, ...WITHOUT_EXTRA_CA}]} : {}),
    kcat: (i) => [
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
    ],
  })
  let console_, perf, perfOwn
  if (withJava) {
    const java = await alternate(
      {
        console: (i) =>
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
      },
      file,
      javaRuns,
    )
    const perfRuns = await alternate(
      {
        perf: (i) =>
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
            'batch.size=1048576',
          ),
      },
      undefined,
      javaRuns,
    )
    console_ = summary(java.console)
    perf = summary(perfRuns.perf)
    // ProducerPerformance's own rate, from its last line ("N records sent, R records/sec ..."): JVM start excluded.
    perfOwn = median(perfRuns.perf.map((r) => Number(/([\d.]+) records\/sec/.exec(r.stdout.trim().split('\n').pop() ?? '')?.[1])))
  }
  deleteTopics(made)
  const kfk = summary(pair.kfk)
  const kcat = summary(pair.kcat)
  const kfkNoCa = summary(pair.kfkNoCa)
  const wins = (runs) => `${runs.filter((r, i) => r.ms <= pair.kcat[i].ms).length} of ${runs.length}`
  const rate = (r) => (r ? Math.round(c.records / (r.ms / 1000)).toLocaleString('en-US') : '-')
  const sec = (r) => (r ? (r.ms / 1000).toFixed(2) : '-')
  const cpu = (r) => (r ? (r.cpuMs / 1000).toFixed(2) : '-')
  rows.push([
    c.name,
    `${sec(kfk)} s`,
    `${sec(kcat)} s`,
    `${sec(kfkNoCa)} s`,
    `${sec(console_)} s`,
    `${sec(perf)} s`,
    rate(kfk),
    rate(kcat),
    rate(perf),
    perfOwn ? Math.round(perfOwn).toLocaleString('en-US') : '-',
    `${cpu(kfk)} / ${cpu(kfkNoCa)} / ${cpu(kcat)} s`,
    Math.round(kfk.rssMb),
  ])
  ratios.push([
    c.name,
    (kfk.ms / kcat.ms).toFixed(2),
    wins(pair.kfk),
    kfkNoCa ? (kfkNoCa.ms / kcat.ms).toFixed(2) : '-',
    kfkNoCa ? wins(pair.kfkNoCa) : '-',
    (kfk.cpuMs / kcat.cpuMs).toFixed(2),
    perf ? (kfk.ms / perf.ms).toFixed(2) : '-',
    // kfk's whole run (start included) against ProducerPerformance's own rate (JVM start excluded): the ceiling.
    perfOwn ? (c.records / (kfk.ms / 1000) / perfOwn).toFixed(2) : '-',
    console_ ? (console_.ms / kfk.ms).toFixed(1) + 'x' : '-',
  ])
  const overBound = (r) => (r && r.boundMs > 0 ? (r.ms / r.boundMs).toFixed(2) : '-')
  const brokers = (r) => (r ? (r.brokersCpuMs / 1000).toFixed(2) : '-')
  bounds.push([c.name, `${brokers(kfk)} / ${brokers(kfkNoCa)} / ${brokers(kcat)} s`, overBound(kfk), overBound(kfkNoCa), overBound(kcat)])
}
rmSync(dir, {recursive: true, force: true})
console.log(`median of ${runs} run(s) of kfk and kcat taking turns (Java tools: ${javaRuns}), against ${bootstrap}\n`)
printTable(
  [
    'case',
    'kfk',
    'kcat',
    'kfk, no extra CA',
    'java console',
    'ProducerPerformance',
    'kfk rec/s',
    'kcat rec/s',
    'perf rec/s',
    'perf own rec/s',
    'CPU kfk / kfk no extra CA / kcat',
    'kfk RSS MB',
  ],
  rows,
)
console.log('')
printTable(
  [
    'case',
    'kfk/kcat time',
    'runs kfk <= kcat',
    'same, no NODE_EXTRA_CA_CERTS',
    'runs',
    'kfk/kcat CPU',
    'kfk/perf time',
    'kfk rate / perf own rate',
    'kfk faster than console by',
  ],
  ratios,
)

console.log('')
printTable(
  [
    'case',
    `brokers' CPU in the runs of kfk / kfk no extra CA / kcat`,
    `kfk wall / CPU bound (${availableParallelism()} cores)`,
    'kfk no extra CA',
    'kcat',
  ],
  bounds,
)

function deleteTopics(names) {
  spawnSync(process.execPath, [KFK, 'topics', 'delete', ...names, '-y', '--if-exists', '-b', bootstrap], {stdio: 'ignore'})
}
