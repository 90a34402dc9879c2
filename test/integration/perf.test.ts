import assert from 'node:assert/strict'
import {test} from 'node:test'
import {kfk, testBootstrap, uniqueName} from '../helpers/cli.js'
import {javaTool} from '../helpers/java-tools.js'
import {logEnd} from '../helpers/topics.js'

/**
 * kfk perf produce / consume on the suite cluster: the Java tools' report
 * lines, and the facts behind them (what was written and read), beside
 * ProducerPerformance and ConsumerPerformance on the same topic. No timing is
 * asserted; the rates are for the closing note and bench/perf.mjs.
 */
const RECORDS = 200_000
const PRODUCE_WINDOW = /^\d+ records sent, [\d.]+ records\/sec \([\d.]+ MB\/sec\), [\d.]+ ms avg latency, [\d.]+ ms max latency\.$/
const PRODUCE_TOTAL =
  /^(\d+) records sent, [\d.]+ records\/sec \([\d.]+ MB\/sec\), [\d.]+ ms avg latency, [\d.]+ ms max latency, (\d+) ms 50th, (\d+) ms 95th, (\d+) ms 99th, (\d+) ms 99\.9th\.$/

test('perf produce: ProducerPerformance’s lines; exactly N records of the record size land; percentiles in order', async () => {
  const topic = uniqueName('perf')
  assert.equal((await kfk(['topics', 'create', topic, '-p', '3', '-r', '3'])).code, 0)
  const r = await kfk([
    'perf',
    'produce',
    '--topic',
    topic,
    '--num-records',
    String(RECORDS),
    '--record-size',
    '100',
    '--throughput',
    '-1',
    '--producer-props',
    'acks=all',
    'linger.ms=5',
    '--reporting-interval',
    '200',
  ])
  assert.equal(r.code, 0, r.stderr)
  const lines = r.stdout.trim().split('\n')
  const total = PRODUCE_TOTAL.exec(lines.at(-1)!)
  assert.ok(total, lines.at(-1))
  assert.equal(Number(total[1]), RECORDS)
  const [p50, p95, p99, p999] = total.slice(2).map(Number)
  assert.ok(p50! <= p95! && p95! <= p99! && p99! <= p999!, lines.at(-1))
  for (const line of lines.slice(0, -1)) assert.match(line, PRODUCE_WINDOW)
  assert.equal(await logEnd(topic), RECORDS)

  // The Java tool on the same topic, for the same facts.
  const java = await javaTool(
    'org.apache.kafka.tools.ProducerPerformance',
    [
      '--topic',
      topic,
      '--num-records',
      String(RECORDS),
      '--record-size',
      '100',
      '--throughput',
      '-1',
      '--producer-props',
      `bootstrap.servers=${testBootstrap()}`,
      'acks=all',
    ],
    {timeoutMs: 120_000},
  )
  assert.equal(java.code, 0, java.stderr)
  assert.match(java.stdout.trim().split('\n').at(-1)!, PRODUCE_TOTAL)
  assert.equal(await logEnd(topic), 2 * RECORDS)

  // --json, a paced run and the payload check.
  const paced = await kfk([
    'perf',
    'produce',
    '--topic',
    topic,
    '--num-records',
    '2000',
    '--record-size',
    '10',
    '--throughput',
    '4000',
    '--json',
  ])
  assert.equal(paced.code, 0, paced.stderr)
  const doc = JSON.parse(paced.stdout) as {total: {records: number; recordsPerSec: number}}
  assert.equal(doc.total.records, 2000)
  assert.ok(doc.total.recordsPerSec < 8000, `paced at 4000/s, not ${doc.total.recordsPerSec}`)
  const bad = await kfk(['perf', 'produce', '--topic', topic, '--num-records', '10'])
  assert.equal(bad.code, 2, bad.stderr)
  assert.match(bad.stderr, /--record-size BYTES or --payload-file FILE/)
})

test('perf consume: ConsumerPerformance’s CSV, every record read through a group, beside the Java tool', async () => {
  const topic = uniqueName('perf-read')
  assert.equal((await kfk(['topics', 'create', topic, '-p', '3', '-r', '1'])).code, 0)
  const fill = await kfk(['perf', 'produce', '--topic', topic, '--num-records', String(RECORDS), '--record-size', '100', '--json'])
  assert.equal(fill.code, 0, fill.stderr)

  const group = uniqueName('perf-group')
  const r = await kfk(['perf', 'consume', '--topic', topic, '--messages', String(RECORDS), '--group', group])
  assert.equal(r.code, 0, r.stderr)
  const [header, row] = r.stdout.trim().split('\n')
  assert.equal(
    header,
    'start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec',
  )
  const cells = row!.split(', ')
  assert.equal(cells.length, 10)
  assert.match(cells[0]!, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d:\d{3}$/)
  assert.equal(Number(cells[4]), RECORDS)
  assert.equal(Number(cells[2]).toFixed(4), ((RECORDS * 100) / (1024 * 1024)).toFixed(4))
  // The group committed what it read: no lag left.
  const lag = await kfk(['groups', 'describe', group, '--json'])
  assert.equal(JSON.parse(lag.stdout).groups[0].totalLag, 0)

  const java = await javaTool(
    'org.apache.kafka.tools.ConsumerPerformance',
    ['--bootstrap-server', testBootstrap(), '--topic', topic, '--messages', String(RECORDS)],
    {timeoutMs: 120_000},
  )
  assert.equal(java.code, 0, java.stderr)
  const javaRow = java.stdout.trim().split('\n').at(-1)!.split(', ')
  assert.equal(javaRow.length, 10)
  assert.equal(javaRow[4], cells[4])
  assert.equal(javaRow[2], cells[2])

  const detailed = await kfk([
    'perf',
    'consume',
    '--topic',
    topic,
    '--messages',
    '1000',
    '--show-detailed-stats',
    '--hide-header',
    '--timeout',
    '3000',
    '--json',
  ])
  assert.equal(detailed.code, 0, detailed.stderr)
  assert.equal(JSON.parse(detailed.stdout).messages, 1000)
})
