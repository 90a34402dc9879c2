/**
 * kfk offsets and kfk records delete against the real cluster, with records of
 * known timestamps; the numbers are compared with GetOffsetShell's.
 */
import assert from 'node:assert/strict'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {after, before, test} from 'node:test'
import {KafkaClient} from '../../src/core/kafkajs/client.js'
import {resolveSettings} from '../../src/config/settings.js'
import {kfk, testBootstrap, uniqueName} from '../helpers/cli.js'
import {javaTool} from '../helpers/java-tools.js'

const topic = uniqueName('kfk-offsets')
const T0 = Date.UTC(2024, 0, 1)
// partition 0: 5 records at T0, T0+1000 ... ; partition 1: 2 records; partition 2: empty
const counts = [5, 2, 0]

before(async () => {
  // retention.ms=-1: the records carry 2024 timestamps, and the broker's retention check (every 5 min)
  // would otherwise delete them mid-suite, moving the log start offset under the test.
  assert.equal((await kfk(['topics', 'create', topic, '-p', '3', '-r', '2', '--config', 'retention.ms=-1'])).code, 0)
  const client = new KafkaClient(resolveSettings({'bootstrap-server': testBootstrap()}))
  try {
    const producer = client.kafka.producer()
    await producer.connect()
    for (const [partition, n] of counts.entries()) {
      if (n === 0) continue
      await producer.send({
        topic,
        messages: Array.from({length: n}, (_, i) => ({partition, value: `v${i}`, timestamp: String(T0 + i * 1000)})),
      })
    }
    await producer.disconnect()
  } finally {
    await client.close()
  }
})
after(async () => {
  await kfk(['topics', 'delete', topic, '--yes', '--if-exists'])
})

async function offsets(args: string[]) {
  const r = await kfk(['offsets', ...args, '--json'])
  assert.equal(r.code, 0, r.stderr)
  return JSON.parse(r.stdout).offsets as Array<{topic: string; partition: number; offset: number | null; timestamp: number | null}>
}

/** GetOffsetShell prints topic:partition:offset, leaving out partitions without an answer. */
async function getOffsetShell(time: string, select: string[] = ['--topic', topic]): Promise<Map<number, number>> {
  const r = await javaTool('org.apache.kafka.tools.GetOffsetShell', ['--bootstrap-server', testBootstrap(), ...select, '--time', time])
  assert.equal(r.code, 0, r.stderr)
  return new Map([...r.stdout.matchAll(/^.+:(\d+):(-?\d+)$/gm)].map((m) => [Number(m[1]), Number(m[2])]))
}

const asMap = (list: Array<{partition: number; offset: number | null}>) =>
  new Map(list.filter((o) => o.offset !== null).map((o) => [o.partition, o.offset as number]))

test('latest, earliest, max-timestamp and a time agree with GetOffsetShell', async () => {
  const latest = await offsets([topic])
  assert.deepEqual(
    latest.map((o) => o.offset),
    counts,
  )
  assert.deepEqual(asMap(latest), await getOffsetShell('latest'))
  const earliest = await offsets([topic, '--time', 'earliest'])
  assert.deepEqual(
    earliest.map((o) => o.offset),
    [0, 0, 0],
  )
  const max = await offsets([topic, '--time', 'max-timestamp'])
  assert.deepEqual(
    max.map((o) => [o.offset, o.timestamp]),
    [
      [4, T0 + 4000],
      [1, T0 + 1000],
      [null, null],
    ],
  )
  assert.deepEqual(asMap(max), await getOffsetShell('max-timestamp'))
  const at = await offsets([topic, '--time', new Date(T0 + 1500).toISOString()])
  assert.deepEqual(
    at.map((o) => o.offset),
    [2, null, null],
    'first record at or after the time; none in p1 and p2',
  )
  assert.deepEqual(at[0]?.timestamp, T0 + 2000)
  assert.deepEqual(asMap(at), await getOffsetShell(String(T0 + 1500)))
})

test('partition selection spellings', async () => {
  assert.deepEqual(
    (await offsets([`${topic}:1,2`])).map((o) => o.partition),
    [1, 2],
  )
  assert.deepEqual(
    (await offsets([`${topic}:0-1`])).map((o) => o.partition),
    [0, 1],
  )
  assert.deepEqual(
    (await offsets(['--topic', topic, '--partitions', '0'])).map((o) => o.offset),
    [5],
  )
  assert.deepEqual(
    (await offsets(['--topic-partitions', `${topic}:1`, '--time', '-2'])).map((o) => o.offset),
    [0],
  )
})

// kafka-get-offsets' own spellings mean what they mean there: ranges exclude their end, open ranges, --topic a regex.
test("kafka-get-offsets' --topic-partitions ranges, --topic regex and --time -4/-5/-6 select what GetOffsetShell selects", async () => {
  const escaped = topic.replaceAll('-', '\\-')
  const selections: Array<[string[], number[]]> = [
    [['--topic-partitions', `${topic}:0-1`], [0]],
    [
      ['--topic-partitions', `${topic}:1-`],
      [1, 2],
    ],
    [
      ['--topic-partitions', `${topic}:-2`],
      [0, 1],
    ],
    [
      ['--topic-partitions', `${topic}:2,${topic}:0`],
      [0, 2],
    ],
    [
      ['--topic', `${escaped.slice(0, -3)}.*`],
      [0, 1, 2],
    ],
    [['--topic', `${escaped.slice(0, -3)}.*`, '--partitions', '1'], [1]],
  ]
  for (const [select, partitions] of selections) {
    const ours = await offsets([...select, '--time', '-1'])
    assert.deepEqual(
      ours.map((o) => o.partition),
      partitions,
      select.join(' '),
    )
    assert.deepEqual(asMap(ours), await getOffsetShell('-1', select), select.join(' '))
  }
  for (const time of ['-4', 'earliest-local', '-5', '-6']) {
    const ours = await offsets([topic, '--time', time])
    assert.deepEqual(asMap(ours), await getOffsetShell(time), `--time ${time}`)
  }
  const none = await kfk(['offsets', '--topic', 'no-such-topic-.*'])
  assert.equal(none.code, 1, none.stderr)
  assert.match(none.stderr, /^error: no topic partition matches 'no-such-topic-\.\*'/m)
})

test('offsets bad input', async () => {
  const cases: Array<[string[], number, RegExp]> = [
    [[topic, '--time', 'yesterday'], 2, /--time 'yesterday' is not/],
    [[`${topic}:x`], 2, /'x' in TOPIC '.*' is not a partition/],
    [['--topic-partitions', `${topic}:x`], 2, /'.*:x' in --topic-partitions '.*' is not TOPIC, TOPIC:P, TOPIC:FROM-TO/],
    [[`${topic}:7`], 1, /partition 7 does not exist: topic '.*' has 3 partitions \(0-2\)/],
    [[uniqueName('kfk-none')], 1, /does not exist/],
    [['--topic', '('], 2, /--topic '\(' is not a valid regular expression/],
  ]
  for (const [args, code, message] of cases) {
    const r = await kfk(['offsets', ...args])
    assert.equal(r.code, code, `${args.join(' ')}: ${r.stderr}`)
    assert.match(r.stderr, message)
  }
})

test('records delete: --before-offset and --offset-json-file move the low watermark', async () => {
  const unconfirmed = await kfk(['records', 'delete', topic, '--partition', '0', '--before-offset', '2'])
  assert.equal(unconfirmed.code, 2, 'no terminal and no --yes: refused')
  assert.match(
    unconfirmed.stderr,
    new RegExp(`refusing to delete the records before offset 2 of ${topic}:0 \\(this cannot be undone\\) without --yes`),
  )
  assert.deepEqual(
    (await offsets([`${topic}:0`, '--time', 'earliest'])).map((o) => o.offset),
    [0],
    'nothing deleted',
  )
  const r = await kfk(['records', 'delete', topic, '--partition', '0', '--before-offset', '2', '--yes', '--json'])
  assert.equal(r.code, 0, r.stderr)
  assert.deepEqual(
    JSON.parse(r.stdout).results.map((x: {partition: number; lowWatermark: number}) => [x.partition, x.lowWatermark]),
    [[0, 2]],
  )
  assert.deepEqual(
    (await offsets([`${topic}:0`, '--time', 'earliest'])).map((o) => o.offset),
    [2],
  )
  assert.equal((await getOffsetShell('earliest')).get(0), 2)
  const dir = mkdtempSync(join(tmpdir(), 'kfk-del-'))
  const file = join(dir, 'offsets.json')
  writeFileSync(
    file,
    JSON.stringify({
      partitions: [
        {topic, partition: 0, offset: 3},
        {topic, partition: 1, offset: -1},
      ],
      version: 1,
    }),
  )
  const j = await kfk(['records', 'delete', '--offset-json-file', file, '--yes'])
  assert.equal(j.code, 0, j.stderr)
  assert.match(j.stdout, new RegExp(`${topic}\\s+0\\s+3`))
  assert.match(j.stdout, new RegExp(`${topic}\\s+1\\s+2`))
  assert.deepEqual(
    (await offsets([topic, '--time', 'earliest'])).map((o) => o.offset),
    [3, 2, 0],
  )
  const beyond = await kfk(['records', 'delete', topic, '--partition', '0', '--before-offset', '99', '--yes'])
  assert.equal(beyond.code, 1)
  assert.match(beyond.stderr, new RegExp(`${topic}:0: OFFSET_OUT_OF_RANGE`))
  writeFileSync(file, '{"partitions": [')
  const bad = await kfk(['records', 'delete', '--offset-json-file', file])
  assert.equal(bad.code, 2)
  assert.match(bad.stderr, /is not valid JSON/)
})
