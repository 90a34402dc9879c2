/**
 * consume --tail, --grep (value, key, header), --count and %T{iso} on a
 * 3-partition topic of 150,000 records: the records shown are exactly the
 * ones asked for, skipped ones are counted, counts equal the log, and a group
 * reading with --grep commits past what it skipped.
 */
import assert from 'node:assert/strict'
import {before, test} from 'node:test'
import {kfk, uniqueName} from '../helpers/cli.js'
import {fillPartitions, spawnKfk, valueOf} from '../helpers/consume-check.js'
import {until} from '../helpers/until.js'

const PARTITIONS = 3
const PER_PARTITION = 50_000
const topic = uniqueName('tail-grep')
const keyed = uniqueName('grep-keyed')

before(async () => {
  assert.equal((await kfk(['topics', 'create', topic, '-p', String(PARTITIONS)])).code, 0)
  await fillPartitions(topic, PARTITIONS, PER_PARTITION)
  // Timestamps from May 2024: without retention.ms=-1 the broker rolls and deletes their segments (7 days).
  assert.equal((await kfk(['topics', 'create', keyed, '-p', '1', '--config', 'retention.ms=-1'])).code, 0)
  const lines = []
  for (let i = 0; i < 1000; i++)
    lines.push(
      JSON.stringify({
        key: `user-${i % 10}`,
        value: `event ${i}`,
        headers: [['source', i % 2 === 0 ? 'batch' : 'web']],
        timestamp: 1714564800000 + i,
      }),
    )
  // A tombstone and a binary value: a null value matches no --grep, a binary one is not text.
  lines.push(JSON.stringify({key: 'user-1', value: null}))
  lines.push(JSON.stringify({key: 'user-1', value: {base64: Buffer.from([0xff, 0xfe, 0x00]).toString('base64')}}))
  const r = await kfk(['produce', keyed, '--input', 'jsonl'], {input: lines.join('\n') + '\n'})
  assert.equal(r.code, 0, r.stderr)
})

test('--tail 5: the last five records of each partition, then exit 0', async () => {
  const r = await kfk(['consume', topic, '--tail', '5', '--format', '%p %o %v\\n'])
  assert.equal(r.code, 0, r.stderr)
  const lines = r.stdout.trim().split('\n').sort()
  const expected = []
  for (let p = 0; p < PARTITIONS; p++) for (let o = PER_PARTITION - 5; o < PER_PARTITION; o++) expected.push(`${p} ${o} ${valueOf(p, o)}`)
  assert.deepEqual(lines, expected.sort())
})

test('--tail 2 --follow: the last records, then new ones as they come; Ctrl-C ends it with 130', async () => {
  const followed = uniqueName('tail-follow')
  assert.equal((await kfk(['topics', 'create', followed, '-p', '1'])).code, 0)
  assert.equal((await kfk(['produce', followed], {input: 'one\ntwo\nthree\n'})).code, 0)
  const run = spawnKfk(['consume', followed, '--tail', '2', '--follow', '--format', '%v\\n'])
  const text = () => Buffer.concat(run.stdout).toString('latin1')
  await until('the last two records', async () => (text() === 'two\nthree\n' ? true : undefined))
  const p = await kfk(['produce', followed], {input: 'followed\n'})
  assert.equal(p.code, 0, p.stderr)
  await until('the new record', async () => (text() === 'two\nthree\nfollowed\n' ? true : undefined))
  run.child.kill('SIGINT')
  assert.equal(await run.exit, 130)
})

test('--grep keeps matching values only, in order, and counts what it skipped', async () => {
  const r = await kfk(['consume', topic, '--from-beginning', '-e', '--grep', 'r00000001[0-9]-', '--format', '%p %o\\n'])
  assert.equal(r.code, 0, r.stderr)
  const lines = r.stdout.trim().split('\n')
  assert.equal(lines.length, PARTITIONS * 10)
  for (let p = 0; p < PARTITIONS; p++)
    assert.deepEqual(
      lines.filter((l) => l.startsWith(`${p} `)),
      Array.from({length: 10}, (_, i) => `${p} ${10 + i}`),
    )
  assert.match(r.stderr, new RegExp(`${PARTITIONS * PER_PARTITION - PARTITIONS * 10} record\\(s\\) did not match`))
})

test('--grep with -n: stops after N matches; --json says how many were skipped', async () => {
  const r = await kfk(['consume', topic, '-p', '1', '--from-beginning', '--grep', '7-', '-n', '4', '--json'])
  assert.equal(r.code, 0, r.stderr)
  const doc = JSON.parse(r.stdout) as {count: number; skipped: number; stoppedBy: string; records: Array<{offset: number; value: string}>}
  assert.equal(doc.stoppedBy, 'max-messages')
  assert.equal(doc.count, 4)
  assert.deepEqual(
    doc.records.map((rec) => rec.offset),
    [7, 17, 27, 37],
  )
  // Read up to offset 37 and no further: 38 records, 34 of them skipped.
  assert.equal(doc.skipped, 34)
})

test('--grep-key and --grep-header combine; nulls and binary values match nothing', async () => {
  const r = await kfk([
    'consume',
    keyed,
    '--from-beginning',
    '-e',
    '--grep-key',
    '^user-[13]$',
    '--grep-header',
    'source=^web$',
    '--format',
    '%k %v\\n',
  ])
  assert.equal(r.code, 0, r.stderr)
  const lines = r.stdout.trim().split('\n')
  // Keys user-1 and user-3 are odd i, so all of them came from "web": 200 records.
  assert.equal(lines.length, 200)
  assert.ok(lines.every((l) => /^user-[13] event \d+$/.test(l)))
  const tomb = await kfk(['consume', keyed, '--from-beginning', '-e', '--grep', '.*', '--count', '--json'])
  assert.equal(tomb.code, 0, tomb.stderr)
  const doc = JSON.parse(tomb.stdout) as {count: number; skipped: number}
  // '.*' matches every text value, the binary one too (as its replacement characters), not the tombstone.
  assert.equal(doc.count, 1001)
  assert.equal(doc.skipped, 1)
})

test('--count: records per partition equal the log, as numbers in --json; from an offset or a tail too', async () => {
  const r = await kfk(['consume', topic, '--count', '--json'])
  assert.equal(r.code, 0, r.stderr)
  const doc = JSON.parse(r.stdout) as {count: number; partitions: Array<{partition: number; records: number; start: number; end: number}>}
  assert.equal(doc.count, PARTITIONS * PER_PARTITION)
  assert.deepEqual(
    doc.partitions.map((p) => [p.partition, p.records, p.start, p.end]),
    Array.from({length: PARTITIONS}, (_, p) => [p, PER_PARTITION, 0, PER_PARTITION]),
  )
  const text = await kfk(['consume', topic, '--count', '--offset', '-100'])
  assert.equal(text.code, 0, text.stderr)
  assert.match(text.stdout, new RegExp(`total ${PARTITIONS * 100}\\n$`))
  const grep = await kfk(['consume', topic, '--count', '-p', '2', '--grep', 'r00000000[0-4]-'])
  assert.match(grep.stdout, /total 5\n$/)
})

test('--grep in a group commits past the skipped records: lag 0 afterwards', async () => {
  const group = uniqueName('grep-group')
  const r = await kfk(['consume', topic, '--group', group, '--from-beginning', '-e', '--grep', 'r000049999-', '--format', '%p %o\\n'])
  assert.equal(r.code, 0, r.stderr)
  assert.deepEqual(r.stdout.trim().split('\n').sort(), ['0 49999', '1 49999', '2 49999'])
  const d = await kfk(['groups', 'describe', group, '--json'])
  const g = (JSON.parse(d.stdout) as {groups: Array<{totalLag: number}>}).groups[0]!
  assert.equal(g.totalLag, 0)
})

test('%T{iso} and %T{local} print the timestamp as ISO-8601', async () => {
  const r = await kfk(['consume', keyed, '--from-beginning', '-n', '2', '--format', '%T %T{iso} %T{local}\\n'], {env: {TZ: 'Asia/Kolkata'}})
  assert.equal(r.code, 0, r.stderr)
  assert.deepEqual(r.stdout.trim().split('\n'), [
    '1714564800000 2024-05-01T12:00:00.000Z 2024-05-01T17:30:00.000+05:30',
    '1714564800001 2024-05-01T12:00:00.001Z 2024-05-01T17:30:00.001+05:30',
  ])
})

test('bad --grep, --tail with --offset and --count with --group are usage errors naming the value', async () => {
  const bad = await kfk(['consume', topic, '--grep', '(unclosed'])
  assert.equal(bad.code, 2)
  assert.match(bad.stderr, /"\(unclosed" is not a regular expression/)
  assert.equal((await kfk(['consume', topic, '--tail', '3', '--offset', '5'])).code, 2)
  assert.equal((await kfk(['consume', topic, '--count', '--group', 'g'])).code, 2)
  const fmt = await kfk(['consume', topic, '--formatter', 'kafka.tools.LoggingMessageFormatter'])
  assert.equal(fmt.code, 2)
  assert.match(fmt.stderr, /--formatter kafka\.tools\.LoggingMessageFormatter/)
})
