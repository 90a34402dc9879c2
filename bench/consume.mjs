// Consume benchmark (the cases of the consume issue): kfk beside kcat and the
// Java console consumer on the same cluster in one run. Wall time of the whole
// command reading a topic to its end, peak RSS, and kfk's time as a ratio of
// kcat's (<= 1.00 is the goal).
//   node bench/consume.mjs -b host:port[,...] [--records 1000000] [--only NAME] [--no-java]
// Needs a built kfk (npm run build), kcat and java on PATH.
import {spawn, spawnSync} from 'node:child_process'
import {join} from 'node:path'
import {argValue, KFK, kafkaLibs, printTable} from './lib.mjs'

const bootstrap = argValue('-b', argValue('--bootstrap-server', process.env.KAFKA_BOOTSTRAP_SERVERS ?? 'localhost:9092'))
const million = Number(argValue('--records', '1000000'))
const only = argValue('--only', '')
const withJava = !process.argv.includes('--no-java')
const suffix = Date.now().toString(36)
const JAVA = (main, ...args) => ['java', ['-Xmx512m', '-cp', join(kafkaLibs(), '*'), main, ...args]]

const cases = [
  {name: '1M x 100 B from 6 partitions', records: million, size: 100, group: false},
  {name: '200k x 1 KB from 6 partitions', records: million / 5, size: 1000, group: false},
  {name: 'group: 1M x 100 B from 6 partitions', records: million, size: 100, group: true},
].filter((c) => !only || c.name.includes(only))

/** A topic of `records` records made with kfk produce from a generated stream. */
function fill(c) {
  const topic = `bench-c-${suffix}-${c.size}`
  const made = spawnSync(process.execPath, [KFK, 'topics', 'create', topic, '-p', '6', '-r', '1', '-b', bootstrap, '--if-not-exists'], {
    encoding: 'utf8',
  })
  if (made.status !== 0) throw new Error(made.stderr)
  const gen = `const b="x".repeat(${c.size - 11});let s="";for(let i=0;i<${c.records};i++){s+=String(i).padStart(10,"0")+"-"+b+"\\n";if(s.length>1<<20){process.stdout.write(s);s=""}}process.stdout.write(s)`
  const r = spawnSync('bash', ['-c', `node -e '${gen}' | node ${KFK} produce ${topic} -b ${bootstrap}`], {encoding: 'utf8'})
  if (r.status !== 0) throw new Error(r.stderr)
  return topic
}

function run([cmd, args]) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {stdio: ['ignore', 'pipe', 'pipe']})
    let lines = 0
    child.stdout.on('data', (d) => {
      for (let i = d.indexOf(10); i !== -1; i = d.indexOf(10, i + 1)) lines++
    })
    let peak = 0
    let stderr = ''
    child.stderr.on('data', (d) => (stderr += d))
    const poll = setInterval(
      () =>
        (peak = Math.max(peak, Number(spawnSync('ps', ['-o', 'rss=', '-p', String(child.pid)], {encoding: 'utf8'}).stdout.trim()) || 0)),
      50,
    )
    const started = process.hrtime.bigint()
    child.on('close', (code) => {
      clearInterval(poll)
      if (code !== 0) return reject(new Error(`${cmd} exited ${code}: ${stderr.slice(-400)}`))
      resolve({ms: Number(process.hrtime.bigint() - started) / 1e6, rssMb: peak / 1024, lines})
    })
  })
}

const rows = []
const ratios = []
const topics = new Map()
for (const c of cases) {
  const topic = topics.get(c.size) ?? fill(c)
  topics.set(c.size, topic)
  const group = (tool) => `bench-c-${tool}-${suffix}-${rows.length}`
  const kfk = await run([
    process.execPath,
    [KFK, 'consume', topic, '-b', bootstrap, '--from-beginning', '-e', ...(c.group ? ['--group', group('kfk')] : [])],
  ])
  const kcat = await run([
    'kcat',
    c.group
      ? ['-b', bootstrap, '-G', group('kcat'), '-X', 'auto.offset.reset=earliest', '-e', '-q', topic]
      : ['-C', '-b', bootstrap, '-t', topic, '-o', 'beginning', '-e', '-q'],
  ])
  const java = withJava
    ? await run(
        JAVA(
          'org.apache.kafka.tools.consumer.ConsoleConsumer',
          '--bootstrap-server',
          bootstrap,
          '--topic',
          topic,
          '--from-beginning',
          '--max-messages',
          String(c.records),
          ...(c.group ? ['--group', group('java')] : []),
        ),
      )
    : undefined
  for (const [tool, r] of [
    ['kfk', kfk],
    ['kcat', kcat],
    ['java', java],
  ])
    if (r && r.lines !== c.records) console.error(`warning: ${tool} printed ${r.lines} of ${c.records} records in "${c.name}"`)
  const rate = (r) => (r ? Math.round(c.records / (r.ms / 1000)).toLocaleString('en-US') : '-')
  const sec = (r) => (r ? `${(r.ms / 1000).toFixed(2)} s` : '-')
  rows.push([c.name, sec(kfk), sec(kcat), sec(java), rate(kfk), rate(kcat), Math.round(kfk.rssMb), Math.round(kcat.rssMb)])
  ratios.push([c.name, (kfk.ms / kcat.ms).toFixed(2), java ? (java.ms / kfk.ms).toFixed(1) + 'x' : '-', kfk.ms <= kcat.ms ? 'yes' : 'NO'])
}
printTable(['case', 'kfk', 'kcat', 'java console', 'kfk rec/s', 'kcat rec/s', 'kfk RSS MB', 'kcat RSS MB'], rows)
console.log('')
printTable(['case', 'kfk/kcat time', 'kfk faster than console by', 'kfk <= kcat'], ratios)
console.error(`(topics bench-c-${suffix}-* and groups bench-c-*-${suffix}-* left on the cluster)`)
