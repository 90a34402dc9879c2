/** Bad input to kfk produce / kfk consume: one clear sentence, a hint, the right exit code, nothing lost silently. */
import {after, test} from 'node:test'
import assert from 'node:assert/strict'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {kfk, uniqueName} from '../helpers/cli.js'
import {closeAdmin, deleteTopics} from '../helpers/admin-client.js'
import {topicMaker} from '../helpers/topics.js'

const topics: string[] = []
const topic = topicMaker('pe', topics)
after(async () => {
  await deleteTopics(topics)
  await closeAdmin()
})

test("a topic that does not exist: produce lets the brokers create it as Java's producer does (auto.create.topics.enable, Kafka's default), and says so; consume does not", async () => {
  const missing = uniqueName('pe-missing')
  topics.push(missing)
  const c = await kfk(['consume', missing, '-e'])
  assert.equal(c.code, 1)
  assert.match(c.stderr, new RegExp(`error: topic '${missing}' does not exist`))
  assert.match(c.stderr, /hint:/)
  const again = await kfk(['consume', missing, '-e'])
  assert.match(again.stderr, /does not exist/, 'still absent: consume created nothing')
  const p = await kfk(['produce', missing], {input: 'x\n'})
  assert.equal(p.code, 0, p.stderr)
  assert.match(
    p.stderr,
    new RegExp(`^warning: topic '${missing}' did not exist: the brokers created it \\(auto\\.create\\.topics\\.enable\\)`, 'm'),
  )
  const read = await kfk(['consume', missing, '--from-beginning', '-e'])
  assert.equal(read.stdout, 'x\n')
})

test('usage errors: --group with --partition, bad offset, bad time, bad format', async () => {
  const t = await topic(2)
  const gp = await kfk(['consume', t, '--group', 'g', '--partition', '0'])
  assert.equal(gp.code, 2)
  assert.match(gp.stderr, /--group cannot be combined with --partition/)
  const off = await kfk(['consume', t, '--offset', 'soon'])
  assert.equal(off.code, 2)
  assert.match(off.stderr, /"soon" is not an offset/)
  const time = await kfk(['consume', t, '--offset', '@yesterday'])
  assert.equal(time.code, 2)
  assert.match(time.stderr, /"yesterday" is not a time/)
  const fmt = await kfk(['consume', t, '--format', '%q'])
  assert.equal(fmt.code, 2)
  assert.match(fmt.stderr, /unknown format token "%q"/)
})

test('--partition out of range names the partition count', async () => {
  const t = await topic(2)
  const c = await kfk(['consume', t, '--partition', '5', '-e'])
  assert.equal(c.code, 1)
  assert.match(c.stderr, /partition 5 does not exist: topic '.*' has 2 partitions \(0-1\)/)
  const p = await kfk(['produce', t, '--partition', '2'], {input: 'x\n'})
  assert.equal(p.code, 1)
  assert.match(p.stderr, /partition 2 does not exist/)
})

test('malformed JSONL names the line; ignore.error skips it; counts are reported', async () => {
  const t = await topic(1)
  const input = '{"value":"a"}\n{"value":"b"}\n{oops\n{"value":"d"}\n'
  const strict = await kfk(['produce', t, '--input', 'jsonl'], {input})
  assert.equal(strict.code, 1)
  assert.match(strict.stderr, /line 3: not valid JSON/)
  assert.match(strict.stderr, /2 records acknowledged; input read to line 3/)
  const lenient = await kfk(['produce', t, '--input', 'jsonl', '--property', 'ignore.error=true'], {input})
  assert.equal(lenient.code, 0, lenient.stderr)
  const c = await kfk(['consume', t, '--from-beginning', '-e'])
  assert.equal(c.stdout, 'a\nb\na\nb\nd\n')
})

test('a JSONL line without "value", or with a field kfk does not know, is refused naming the line, never sent as a tombstone', async () => {
  const t = await topic(1)
  for (const [line, reason] of [
    ['{"key":"k"}', /line 2: no "value" field \(a tombstone says "value": null\)/],
    ['{"key":"k","vaule":"v"}', /line 2: unknown field "vaule" \(fields: topic, partition/],
  ] as const) {
    const r = await kfk(['produce', t, '--input', 'jsonl'], {input: `{"value":"a"}\n${line}\n`})
    assert.equal(r.code, 1, r.stderr)
    assert.match(r.stderr, reason)
  }
  const c = await kfk(['consume', t, '--from-beginning', '-e', '--output', 'jsonl'])
  assert.deepEqual(
    c.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).value),
    ['a', 'a'],
  )
})

test('a key separator missing from a line: Kafka semantics with and without ignore.error', async () => {
  const t = await topic(1)
  const strict = await kfk(['produce', t, '--property', 'parse.key=true', '--property', 'key.separator=:'], {input: 'k:v\nnokey\n'})
  assert.equal(strict.code, 1)
  assert.match(strict.stderr, /line 2: no key separator ":" found/)
  const lenient = await kfk(
    ['produce', t, '--property', 'parse.key=true', '--property', 'key.separator=:', '--property', 'ignore.error=true'],
    {input: 'nokey\n'},
  )
  assert.equal(lenient.code, 0, lenient.stderr)
  const c = await kfk(['consume', t, '--from-beginning', '-e', '--format', '[%k][%v]\\n'])
  assert.equal(c.stdout, '[k][v]\n[][nokey]\n')
})

test('a record over max.message.bytes names the record and the limit', async () => {
  const t = await topic(1, {configs: {'max.message.bytes': '2000'}})
  const big = 'x'.repeat(5000)
  const p = await kfk(['produce', t], {input: `small\n${big}\nafter\n`})
  assert.equal(p.code, 1)
  assert.match(p.stderr, /line 2: the line is over 2000 bytes, the topic's max\.message\.bytes/)
  assert.match(p.stderr, /1 record acknowledged/)
  // The hinted fix works: ignore.error skips such lines, counts them, and sends the rest.
  assert.match(p.stderr, /skip bad lines with --property ignore\.error=true/)
  const skipped = await kfk(['produce', t, '--property', 'ignore.error=true', '--json'], {
    input: `a\n${big}\nb\n${'k:'.padEnd(1990, 'v')}\n`,
  })
  assert.equal(skipped.code, 0, skipped.stderr)
  assert.match(skipped.stderr, /warning: ignore\.error: 2 line\(s\) over the topic's max\.message\.bytes were skipped \(not sent\)/)
  const summary = JSON.parse(skipped.stdout)
  assert.equal(summary.records, 2)
  assert.equal(summary.oversizedLines, 2)
  const c = await kfk(['consume', t, '--from-beginning', '-e'])
  assert.equal(c.stdout, 'small\na\nb\n')
})

test('unreachable brokers fail within the timeout with exit 1', async () => {
  const p = await kfk(['produce', 'whatever', '--timeout', '2000'], {input: 'x\n', env: {KAFKA_BOOTSTRAP_SERVERS: '127.0.0.1:1'}})
  assert.equal(p.code, 1)
  assert.match(p.stderr, /cannot reach Kafka at 127\.0\.0\.1:1/)
  const c = await kfk(['consume', 'whatever', '-e', '--timeout', '2000'], {env: {KAFKA_BOOTSTRAP_SERVERS: '127.0.0.1:1'}})
  assert.equal(c.code, 1)
  assert.match(c.stderr, /cannot reach Kafka/)
})

test('a codec that fails (its native module does not load) fails the partition at once with its error, nothing written, each record counted', async () => {
  const t = await topic(1)
  // What a machine without snappy's native binary does: require('snappy') throws.
  const preload = join(mkdtempSync(join(tmpdir(), 'kfk-codec-')), 'break-snappy.cjs')
  writeFileSync(
    preload,
    `const Module = require('module'); const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === 'snappy') throw new Error('Cannot find native binding for snappy (simulated)');
  return load.call(this, request, ...rest);
};
`,
  )
  const lines = Array.from({length: 1000}, (_, i) => `v${i}`).join('\n') + '\n'
  // The old code waited out the delivery timeout and blamed the broker ("no answer from broker N").
  const p = await kfk(['produce', t, '--compression', 'snappy', '--request-timeout', '5000', '--delivery-timeout', '20000', '--json'], {
    input: lines,
    env: {NODE_OPTIONS: `--require ${preload}`},
  })
  assert.equal(p.code, 1, p.stderr)
  assert.match(p.stderr, /compressing a batch failed: Cannot find native binding for snappy \(simulated\)/)
  assert.doesNotMatch(p.stderr, /delivery timeout/)
  const summary = JSON.parse(p.stdout)
  assert.equal(summary.records, 0)
  assert.equal(summary.notWritten, 1000)
  const offsets = await kfk(['offsets', t, '--json'])
  assert.equal(JSON.parse(offsets.stdout).offsets[0].offset, 0)
})
