// Startup benchmark: median wall time of `kfk --version`, `kfk --help`,
// `kfk cluster describe`, and one record produced and consumed (beside kcat),
// beside `node -e 0` and the Java tools doing the same job.
//   node bench/startup.mjs [-b host:port] [--runs N]
// Needs a running broker for the describe rows (kfk cluster up).
import {argValue, EXTRA_CA_SET, javaTool, KFK, medianMs, printTable, WITHOUT_EXTRA_CA} from './lib.mjs'

const bootstrap = argValue('-b', process.env.KAFKA_BOOTSTRAP_SERVERS ?? 'localhost:9092')
const runs = Number(argValue('--runs', '11'))
const node = process.execPath
const base = medianMs(node, ['-e', '0'], {runs})
const rows = [['node -e 0', base]]
rows.push(['kfk --version', medianMs(node, [KFK, '--version'], {runs})])
rows.push(['kfk --help', medianMs(node, [KFK, '--help'], {runs})])
rows.push(['kfk cluster describe', medianMs(node, [KFK, 'cluster', 'describe', '-b', bootstrap], {runs})])
// One record in and out, as a loop or a pipeline stage does: kfk beside kcat.
const topic = `bench-startup-${Date.now().toString(36)}`
medianMs(node, [KFK, 'topics', 'create', topic, '-p', '1', '-r', '1', '-b', bootstrap], {runs: 0})
rows.push(['kfk produce (one record)', medianMs(node, [KFK, 'produce', topic, '-b', bootstrap], {runs, input: 'a\n'})])
if (EXTRA_CA_SET) {
  const noCa = {runs, env: WITHOUT_EXTRA_CA}
  rows.push(['node -e 0, no NODE_EXTRA_CA_CERTS', medianMs(node, ['-e', '0'], noCa)])
  rows.push([
    'kfk produce (one record), no NODE_EXTRA_CA_CERTS',
    medianMs(node, [KFK, 'produce', topic, '-b', bootstrap], {...noCa, input: 'a\n'}),
  ])
}
rows.push(['kcat -P (one record)', medianMs('kcat', ['-P', '-b', bootstrap, '-t', topic], {runs, input: 'a\n'})])
rows.push(['kfk consume -e --from-beginning', medianMs(node, [KFK, 'consume', topic, '-e', '--from-beginning', '-b', bootstrap], {runs})])
rows.push(['kcat -C -e', medianMs('kcat', ['-C', '-e', '-b', bootstrap, '-t', topic], {runs})])
medianMs(node, [KFK, 'topics', 'delete', topic, '-y', '-b', bootstrap], {runs: 0})
try {
  const [java, args] = javaTool('org.apache.kafka.tools.ClusterTool', ['cluster-id', '--bootstrap-server', bootstrap])
  rows.push(['ClusterTool cluster-id (Java)', medianMs(java, args, {runs: Math.min(runs, 5)})])
  const [java2, args2] = javaTool('org.apache.kafka.tools.MetadataQuorumCommand', ['--bootstrap-server', bootstrap, 'describe', '--status'])
  rows.push(['kafka-metadata-quorum --status (Java)', medianMs(java2, args2, {runs: Math.min(runs, 5)})])
} catch (error) {
  console.error(`Java tools skipped: ${error.message.split('\n')[0]}`)
}
console.log(`median of ${runs} runs, against ${bootstrap}\n`)
printTable(
  ['command', 'median ms', 'x node -e 0'],
  rows.map(([name, ms]) => [name, ms.toFixed(0), (ms / base).toFixed(2)]),
)
