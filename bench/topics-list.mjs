// kfk topics list vs Apache Kafka's kafka-topics --list (TopicCommand) against the same broker.
// Wall time of whole processes, as a user waits for them. Not a test: prints a table.
//
//   node bench/topics-list.mjs [--bootstrap host:port] [--runs N] [--libs DIR]
// Needs a build (npm run build); java on PATH (or JAVA_HOME).
import {spawnSync} from 'node:child_process'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import {kafkaLibs} from './lib.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const {values} = parseArgs({
  options: {
    bootstrap: {type: 'string', default: process.env.KAFKA_BOOTSTRAP_SERVERS ?? '127.0.0.1:9092'},
    runs: {type: 'string', default: '7'},
    libs: {type: 'string', default: process.env.KFK_KAFKA_LIBS ?? kafkaLibs()},
  },
})
const runs = Number(values.runs)
const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java'

const tools = [
  {
    name: 'kfk topics list',
    cmd: process.execPath,
    args: [join(root, 'bin/run.js'), 'topics', 'list', '--bootstrap-server', values.bootstrap],
  },
  {
    name: 'kafka-topics --list',
    cmd: java,
    args: ['-cp', join(values.libs, '*'), 'org.apache.kafka.tools.TopicCommand', '--bootstrap-server', values.bootstrap, '--list'],
  },
]

function time(tool) {
  const started = process.hrtime.bigint()
  const r = spawnSync(tool.cmd, tool.args, {encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}})
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  if (r.status !== 0) throw new Error(`${tool.name} failed (exit ${r.status}): ${r.stderr}`)
  return {ms, topics: r.stdout.trim().split('\n').filter(Boolean).length}
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

const results = tools.map((tool) => ({tool, samples: [], topics: 0}))
time(tools[0]) // warm the file cache once for each, not counted
time(tools[1])
for (let i = 0; i < runs; i++) {
  // Interleave so background load hits both tools alike.
  for (const r of results) {
    const {ms, topics} = time(r.tool)
    r.samples.push(ms)
    r.topics = topics
  }
}

console.log(`bootstrap ${values.bootstrap}, ${runs} runs each, median wall time`)
console.log(`${'tool'.padEnd(22)}${'median ms'.padStart(10)}${'min ms'.padStart(9)}${'max ms'.padStart(9)}${'topics'.padStart(8)}`)
for (const r of results) {
  console.log(
    `${r.tool.name.padEnd(22)}${median(r.samples).toFixed(0).padStart(10)}${Math.min(...r.samples)
      .toFixed(0)
      .padStart(9)}${Math.max(...r.samples)
      .toFixed(0)
      .padStart(9)}${String(r.topics).padStart(8)}`,
  )
}
console.log(`kafka-topics / kfk: ${(median(results[1].samples) / median(results[0].samples)).toFixed(1)}x`)
