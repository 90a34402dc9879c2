/**
 * Produce's line habits end to end: --tombstone deletes keys (null values on
 * the wire, shown by consume as null.literal), ignore.error says how many
 * lines it passed over, invalid base64 in JSONL stops at its line, --sync
 * writes in order.
 */
import assert from 'node:assert/strict'
import {test} from 'node:test'
import {kfk, uniqueName} from '../helpers/cli.js'

const jsonl = async (topic: string) => {
  const r = await kfk(['consume', topic, '--from-beginning', '-e', '--output', 'jsonl'])
  assert.equal(r.code, 0, r.stderr)
  return r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as {key: string | null; value: string | null})
}

test('--tombstone: each line is a key with a null value; consume shows it as null.literal', async () => {
  const topic = uniqueName('tombstone')
  assert.equal((await kfk(['topics', 'create', topic, '-p', '1', '--config', 'cleanup.policy=compact'])).code, 0)
  assert.equal((await kfk(['produce', topic, '-K', ':'], {input: 'a:1\nb:2\nc:3\n'})).code, 0)
  const del = await kfk(['produce', topic, '--tombstone'], {input: 'a\nc\n'})
  assert.equal(del.code, 0, del.stderr)
  const replay = await kfk(['produce', topic, '--tombstone', '-K', ':'], {input: 'b:2\n'})
  assert.equal(replay.code, 0, replay.stderr)
  assert.deepEqual(
    (await jsonl(topic)).map((r) => [r.key, r.value]),
    [
      ['a', '1'],
      ['b', '2'],
      ['c', '3'],
      ['a', null],
      ['c', null],
      ['b', null],
    ],
  )
  const shown = await kfk([
    'consume',
    topic,
    '--from-beginning',
    '-e',
    '--property',
    'print.key=true',
    '--property',
    'null.literal=<deleted>',
  ])
  assert.deepEqual(shown.stdout.trim().split('\n').slice(3), ['a\t<deleted>', 'c\t<deleted>', 'b\t<deleted>'])
})

test('ignore.error=true counts the lines it passed over (JSONL: skipped; text: sent whole)', async () => {
  const topic = uniqueName('ignore-error')
  assert.equal((await kfk(['topics', 'create', topic, '-p', '1'])).code, 0)
  const input = ['{"value":"one"}', 'not json', '{"value":{"base64":"%%%"}}', '{"value":"two"}'].join('\n') + '\n'
  const r = await kfk(['produce', topic, '--input', 'jsonl', '--property', 'ignore.error=true', '--json'], {input})
  assert.equal(r.code, 0, r.stderr)
  const doc = JSON.parse(r.stdout) as {records: number; ignoredLines: number}
  assert.deepEqual([doc.records, doc.ignoredLines], [2, 2])
  assert.match(r.stderr, /ignore\.error: 2 line\(s\) did not parse \(skipped\)/)
  const text = await kfk(
    ['produce', topic, '--property', 'parse.key=true', '--property', 'key.separator=:', '--property', 'ignore.error=true'],
    {
      input: 'k:v\nwhole line\n',
    },
  )
  assert.equal(text.code, 0, text.stderr)
  assert.match(text.stderr, /ignore\.error: 1 line\(s\) did not parse \(sent whole as the value/)
  assert.deepEqual(
    (await jsonl(topic)).map((x) => [x.key, x.value]),
    [
      [null, 'one'],
      [null, 'two'],
      ['k', 'v'],
      [null, 'whole line'],
    ],
  )
})

test('invalid base64 in JSONL input: exit 1 naming the line; the lines before it are written, none after', async () => {
  const topic = uniqueName('bad-base64')
  assert.equal((await kfk(['topics', 'create', topic, '-p', '1'])).code, 0)
  const input = ['{"value":"one"}', '{"value":{"base64":"aGVsbG8=x"}}', '{"value":"three"}'].join('\n') + '\n'
  const r = await kfk(['produce', topic, '--input', 'jsonl'], {input})
  assert.equal(r.code, 1)
  assert.match(r.stderr, /line 2: value: "aGVsbG8=x" is not valid base64/)
  assert.deepEqual(
    (await jsonl(topic)).map((x) => x.value),
    ['one'],
  )
})

test('--sync: every line written, in order', async () => {
  const topic = uniqueName('sync')
  assert.equal((await kfk(['topics', 'create', topic, '-p', '1'])).code, 0)
  const lines = Array.from({length: 500}, (_, i) => `line ${i}`)
  const r = await kfk(['produce', topic, '--sync'], {input: lines.join('\n') + '\n'})
  assert.equal(r.code, 0, r.stderr)
  assert.deepEqual(
    (await jsonl(topic)).map((x) => x.value),
    lines,
  )
})
