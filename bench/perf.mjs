// Load-test tools side by side: `kfk perf produce` beside ProducerPerformance and
// `kfk perf consume` beside ConsumerPerformance, on the same topic of the same
// cluster in one run. Prints each tool's own reported rate and kfk's as a ratio
// of Java's (>= 1.00: kfk is as fast or faster).
//   node bench/perf.mjs -b host:port[,...] [--records 1000000] [--size 100] [--partitions 6] [--rf 1]
// Needs a built kfk (npm run build) and java on PATH.
import {spawnSync} from 'node:child_process'
import {join} from 'node:path'
import {argValue, KFK, kafkaLibs, printTable} from './lib.mjs'

const bootstrap = argValue('-b', argValue('--bootstrap-server', process.env.KAFKA_BOOTSTRAP_SERVERS ?? 'localhost:9092'))
const records = argValue('--records', '1000000')
const size = argValue('--size', '100')
const partitions = argValue('--partitions', '6')
const rf = argValue('--rf', '1')
const topic = `bench-perf-${Date.now().toString(36)}`

function run(cmd, args) {
  const r = spawnSync(cmd, args, {encoding: 'utf8', maxBuffer: 1 << 26})
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`)
  return r.stdout.trim().split('\n').at(-1)
}
const kfk = (...args) => run(process.execPath, [KFK, ...args, '-b', bootstrap])
const java = (main, ...args) => run('java', ['-Xmx1g', '-cp', join(kafkaLibs(), '*'), main, ...args])

kfk('topics', 'create', topic, '-p', partitions, '-r', rf)
const produceArgs = ['--topic', topic, '--num-records', records, '--record-size', size, '--throughput', '-1']
const rate = (line) => Number(/, ([\d.]+) records\/sec/.exec(line)[1])
const rows = []

const javaProduce = java(
  'org.apache.kafka.tools.ProducerPerformance',
  ...produceArgs,
  '--producer-props',
  `bootstrap.servers=${bootstrap}`,
  'acks=all',
)
const kfkProduce = kfk('perf', 'produce', ...produceArgs, '--producer-props', 'acks=all')
rows.push([
  'produce records/s',
  rate(kfkProduce).toFixed(0),
  rate(javaProduce).toFixed(0),
  (rate(kfkProduce) / rate(javaProduce)).toFixed(2),
])
const latency = (line) => /([\d.]+) ms avg latency, [\d.]+ ms max latency, (\d+) ms 50th, (\d+) ms 95th, (\d+) ms 99th/.exec(line)
const [, kAvg, k50, , k99] = latency(kfkProduce)
const [, jAvg, j50, , j99] = latency(javaProduce)
rows.push(['produce avg / p50 / p99 latency ms', `${kAvg} / ${k50} / ${k99}`, `${jAvg} / ${j50} / ${j99}`, ''])

// Both topics now hold 2 x records: each consumer reads them all, in a new group.
const total = String(2 * Number(records))
const csvRate = (line) => Number(line.split(', ')[5])
const javaConsume = java(
  'org.apache.kafka.tools.ConsumerPerformance',
  '--bootstrap-server',
  bootstrap,
  '--topic',
  topic,
  '--messages',
  total,
)
const kfkConsume = kfk('perf', 'consume', '--topic', topic, '--messages', total)
rows.push([
  'consume records/s',
  csvRate(kfkConsume).toFixed(0),
  csvRate(javaConsume).toFixed(0),
  (csvRate(kfkConsume) / csvRate(javaConsume)).toFixed(2),
])

console.log(`${records} records of ${size} B, ${partitions} partitions, replication ${rf}, acks=all`)
printTable(['measure', 'kfk', 'Java', 'kfk/Java'], rows)
kfk('topics', 'delete', topic, '--yes')
