// Median wall time of `kfk groups describe G` beside kafka-consumer-groups.sh
// (ConsumerGroupCommand --describe --group G) against the same cluster.
//   node bench/groups-describe.mjs -b host:port --group G [--runs N]
// Without --group, a group is made first: a topic with 6 partitions, 600 records,
// offsets committed from the admin side (kfk groups reset-offsets --execute).
import {spawnSync} from 'node:child_process'
import {argValue, javaTool, KFK, medianMs, printTable} from './lib.mjs'

const bootstrap = argValue('-b', process.env.KAFKA_BOOTSTRAP_SERVERS ?? 'localhost:9092')
const runs = Number(argValue('--runs', '11'))
const node = process.execPath
let group = argValue('--group')
let cleanup = () => {}

function must(cmd, args, input) {
  const r = spawnSync(cmd, args, {input, encoding: 'utf8', stdio: [input ? 'pipe' : 'ignore', 'pipe', 'pipe']})
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`)
  return r.stdout
}

if (!group) {
  const topic = `kfk-bench-groups-${Date.now().toString(36)}`
  group = `${topic}-g`
  const [java, args] = javaTool('org.apache.kafka.tools.TopicCommand', [
    '--bootstrap-server',
    bootstrap,
    '--create',
    '--topic',
    topic,
    '--partitions',
    '6',
    '--replication-factor',
    '1',
  ])
  must(java, args)
  const [jp, pargs] = javaTool('org.apache.kafka.tools.ConsoleProducer', ['--bootstrap-server', bootstrap, '--topic', topic])
  must(jp, pargs, Array.from({length: 600}, (_, i) => `r${i}`).join('\n') + '\n')
  must(node, [
    KFK,
    'groups',
    'reset-offsets',
    group,
    '--topic',
    topic,
    '--to-offset',
    '40',
    '--execute',
    '--yes',
    '--allow-new-topics',
    '-b',
    bootstrap,
  ])
  cleanup = () => {
    const [j, a] = javaTool('org.apache.kafka.tools.TopicCommand', ['--bootstrap-server', bootstrap, '--delete', '--topic', topic])
    spawnSync(j, a, {stdio: 'ignore'})
    spawnSync(node, [KFK, 'groups', 'delete', group, '--yes', '-b', bootstrap], {stdio: 'ignore'})
  }
}

try {
  const rows = []
  rows.push(['kfk groups describe', medianMs(node, [KFK, 'groups', 'describe', group, '-b', bootstrap], {runs})])
  rows.push(['kfk groups describe --json', medianMs(node, [KFK, 'groups', 'describe', group, '--json', '-b', bootstrap], {runs})])
  const [java, args] = javaTool('org.apache.kafka.tools.consumer.group.ConsumerGroupCommand', [
    '--bootstrap-server',
    bootstrap,
    '--describe',
    '--group',
    group,
  ])
  rows.push(['kafka-consumer-groups --describe (Java)', medianMs(java, args, {runs: Math.min(runs, 7)})])
  const base = rows[2][1]
  console.log(`group ${group}, median of ${runs} runs (Java: ${Math.min(runs, 7)}), against ${bootstrap}\n`)
  printTable(
    ['command', 'median ms', 'x Java'],
    rows.map(([name, ms]) => [name, ms.toFixed(0), (ms / base).toFixed(2)]),
  )
} finally {
  cleanup()
}
