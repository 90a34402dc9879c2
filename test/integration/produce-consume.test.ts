/**
 * kfk produce and kfk consume end to end against the test cluster: formats,
 * offsets, stopping rules, JSONL round trip, group-less reading that leaves
 * no group behind, and `| head` exiting quietly.
 */
import {after, test} from 'node:test'
import assert from 'node:assert/strict'
import {kfk, uniqueName} from '../helpers/cli.js'
import {adminClient, closeAdmin, deleteTopics} from '../helpers/admin-client.js'
import {kfkShell, sh} from '../helpers/shell.js'
import {topicMaker} from '../helpers/topics.js'

const topics: string[] = []
const topic = topicMaker('pc', topics)
after(async () => {
  await deleteTopics(topics)
  await closeAdmin()
})

test('produce keyed lines, consume them back with a kcat-style format and -e', async () => {
  const t = await topic(1)
  const p = await kfk(['produce', t, '--key-separator', ':', '--header', 'src=test'], {input: 'k1:v1\nk2:v2\nk3:v:3\n'})
  assert.equal(p.code, 0, p.stderr)
  assert.match(p.stderr, /produced 3 records/)
  assert.equal(p.stdout, '')
  const c = await kfk(['consume', t, '--from-beginning', '-e', '--format', '%p %o %k=%v %h\\n'])
  assert.equal(c.code, 0, c.stderr)
  assert.equal(c.stdout, '0 0 k1=v1 src=test\n0 1 k2=v2 src=test\n0 2 k3=v:3 src=test\n')
})

test('offsets: N, -N, @time, latest with --timeout-ms, --max-messages, --partition', async () => {
  const t = await topic(2)
  const lines = Array.from({length: 10}, (_, i) => `v${i}`).join('\n')
  assert.equal((await kfk(['produce', t, '--partition', '1'], {input: lines})).code, 0)
  const at = await kfk(['consume', t, '--partition', '1', '--offset', '7', '-e'])
  assert.equal(at.stdout, 'v7\nv8\nv9\n')
  const fromEnd = await kfk(['consume', t, '--offset', '-2', '-e'])
  assert.equal(fromEnd.stdout, 'v8\nv9\n')
  const byTime = await kfk(['consume', t, '--offset', '@-1h', '--max-messages', '3'])
  assert.equal(byTime.code, 0, byTime.stderr)
  assert.equal(byTime.stdout, 'v0\nv1\nv2\n')
  const none = await kfk(['consume', t, '--offset', 'latest', '--timeout-ms', '1500'])
  assert.equal(none.code, 0, none.stderr)
  assert.equal(none.stdout, '')
  const p0 = await kfk(['consume', t, '--partition', '0', '--from-beginning', '-e'])
  assert.equal(p0.stdout, '')
  assert.equal(p0.code, 0)
})

test('several topics, and --pattern, in one consume', async () => {
  const a = await topic(1)
  const b = await topic(1)
  await kfk(['produce', a], {input: 'from-a\n'})
  await kfk(['produce', b], {input: 'from-b\n'})
  const both = await kfk(['consume', a, b, '--from-beginning', '-e', '--format', '%t %v\n'])
  assert.equal(both.code, 0, both.stderr)
  assert.deepEqual(both.stdout.trim().split('\n').sort(), [`${a} from-a`, `${b} from-b`].sort())
  const escaped = a.replace(/[-]/g, '\\-')
  const byPattern = await kfk(['consume', '--pattern', `${escaped}|${b.replace(/[-]/g, '\\-')}`, '--from-beginning', '-e'])
  assert.equal(byPattern.code, 0, byPattern.stderr)
  assert.deepEqual(byPattern.stdout.trim().split('\n').sort(), ['from-a', 'from-b'])
})

test('jsonl round trip copies bytes, keys, headers, partitions and timestamps losslessly', async () => {
  const a = await topic(3)
  const b = await topic(3)
  const base = Date.now() - 60_000
  const records = [
    {
      key: 'k',
      value: 'plain',
      headers: [
        ['h', 'x'],
        ['h', 'y'],
      ],
      partition: 2,
      timestamp: base + 0,
    },
    {
      key: {base64: Buffer.from([0xff, 0x00, 0xc3]).toString('base64')},
      value: {base64: Buffer.from([0x80, 0x81]).toString('base64')},
      headers: [
        ['bin', {base64: 'gA=='}],
        ['nul', null],
      ],
      partition: 0,
      timestamp: base + 1,
    },
    {key: null, value: null, headers: [], partition: 1, timestamp: base + 2},
    {key: '', value: 'ünïcödé ✓', headers: [], partition: 1, timestamp: base + 3},
  ]
  const input = records.map((r) => JSON.stringify(r)).join('\n') + '\n'
  const p = await kfk(['produce', a, '--input', 'jsonl'], {input})
  assert.equal(p.code, 0, p.stderr)
  const first = await kfk(['consume', a, '--from-beginning', '-e', '--output', 'jsonl'])
  assert.equal(first.code, 0, first.stderr)
  const copy = await kfk(['produce', b, '--input', 'jsonl'], {input: first.stdout})
  assert.equal(copy.code, 0, copy.stderr)
  const second = await kfk(['consume', b, '--from-beginning', '-e', '--output', 'jsonl'])
  assert.equal(second.code, 0, second.stderr)
  const strip = (s: string) =>
    s
      .trim()
      .split('\n')
      .map((l) => ({...JSON.parse(l), topic: undefined}))
      .sort((x, y) => x.timestamp - y.timestamp)
  assert.deepEqual(strip(second.stdout), strip(first.stdout))
  const got = strip(first.stdout)
  assert.equal(got.length, 4)
  for (const [i, r] of records.entries()) {
    assert.deepEqual(
      {key: got[i].key, value: got[i].value, headers: got[i].headers, partition: got[i].partition, timestamp: got[i].timestamp},
      r,
    )
  }
})

test('without --group nothing is committed and no group is left behind', async () => {
  const t = await topic(1)
  await kfk(['produce', t], {input: 'a\nb\n'})
  const c = await kfk(['consume', t, '--from-beginning', '-e'])
  assert.equal(c.stdout, 'a\nb\n')
  const admin = await adminClient().admin()
  const {groups} = await admin.listGroups()
  for (const g of groups) {
    const offsets = await admin.fetchOffsets({groupId: g.groupId, topics: [t]}).catch(() => [])
    for (const o of offsets)
      assert.ok(
        o.partitions.every((p) => p.offset === '-1'),
        `group ${g.groupId} has offsets on ${t}`,
      )
  }
})

test('| head -3 exits 0 quietly', async () => {
  const t = await topic(1)
  // More than a pipe buffer holds, so a write after head has gone meets EPIPE (an idle reader cannot be noticed by any tool).
  await kfk(['produce', t], {input: Array.from({length: 200_000}, (_, i) => `line-${i}`).join('\n')})
  const r = await sh(`${kfkShell()} consume ${t} --from-beginning | head -3`, {timeoutMs: 30_000})
  assert.equal(r.code, 0, r.stderr)
  assert.equal(r.stdout.toString(), 'line-0\nline-1\nline-2\n')
  assert.equal(r.stderr, '')
})

test('group mode commits what was written and continues from there', async () => {
  const t = await topic(1)
  const group = uniqueName('pc-group')
  await kfk(['produce', t], {input: 'r0\nr1\nr2\nr3\nr4\n'})
  const first = await kfk(['consume', t, '--group', group, '--from-beginning', '--max-messages', '2'])
  assert.equal(first.code, 0, first.stderr)
  assert.equal(first.stdout, 'r0\nr1\n')
  const admin = await adminClient().admin()
  const [committed] = await admin.fetchOffsets({groupId: group, topics: [t]})
  assert.equal(committed!.partitions[0]!.offset, '2')
  const rest = await kfk(['consume', t, '--group', group, '-e'])
  assert.equal(rest.code, 0, rest.stderr)
  assert.equal(rest.stdout, 'r2\nr3\nr4\n')
  await admin.deleteGroups([group]).catch(() => {})
})

test('Ctrl-C in group mode commits what was written and exits 130 promptly', async () => {
  const t = await topic(1)
  const group = uniqueName('pc-sigint')
  await kfk(['produce', t], {input: 'a\nb\nc\n'})
  const {spawn} = await import('node:child_process')
  const cmd = kfkShell().split(' ')
  const child = spawn(cmd[0]!, [...cmd.slice(1), 'consume', t, '--group', group, '--from-beginning'], {
    env: {...process.env, KAFKA_BOOTSTRAP_SERVERS: (await import('../helpers/cli.js')).testBootstrap(), NO_COLOR: '1'},
  })
  let out = ''
  await new Promise<void>((resolve) =>
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString()
      if (out === 'a\nb\nc\n') resolve()
    }),
  )
  const code = await new Promise<number | null>((resolve) => {
    child.on('close', (c) => resolve(c))
    child.kill('SIGINT')
  })
  assert.equal(code, 130)
  const admin = await adminClient().admin()
  const [committed] = await admin.fetchOffsets({groupId: group, topics: [t]})
  assert.equal(committed!.partitions[0]!.offset, '3')
  await admin.deleteGroups([group]).catch(() => {})
})

test('-e stops at the high-water marks of the start while a producer keeps writing, with and without a group', async () => {
  const {spawn} = await import('node:child_process')
  const {ROOT, testBootstrap} = await import('../helpers/cli.js')
  const t = await topic(2)
  assert.equal((await kfk(['produce', t], {input: Array.from({length: 200}, (_, i) => `old-${i}`).join('\n')})).code, 0)
  const endOffsets = async () => {
    const r = await kfk(['offsets', t, '--json'])
    assert.equal(r.code, 0, r.stderr)
    return (JSON.parse(r.stdout).offsets as Array<{offset: number}>).reduce((sum, p) => sum + Number(p.offset), 0)
  }
  // A producer that keeps writing through the whole test: kfk produce fed a line every 5 ms.
  const writer = spawn(process.execPath, [`${ROOT}/bin/run.js`, 'produce', t, '--linger-ms', '0'], {
    env: {...process.env, KAFKA_BOOTSTRAP_SERVERS: testBootstrap()},
    stdio: ['pipe', 'ignore', 'ignore'],
  })
  let n = 0
  const feed = setInterval(() => writer.stdin.write(`live-${n++}\n`), 5)
  try {
    for (let i = 0; i < 100 && (await endOffsets()) <= 200; i++) await new Promise((resolve) => setTimeout(resolve, 100))
    for (const mode of [[], ['--group', uniqueName('pc-e-group')]]) {
      const before = await endOffsets()
      const c = await kfk(['consume', t, '--from-beginning', '-e', ...mode], {timeoutMs: 60_000})
      const after = await endOffsets()
      assert.equal(c.code, 0, `${mode.join(' ')}: ${c.stderr}`)
      const count = c.stdout.split('\n').filter(Boolean).length
      assert.ok(after > before, 'the producer kept writing while kfk read')
      assert.ok(
        count >= before && count <= after,
        `${mode.join(' ') || 'no group'}: read ${count}, high-water marks summed ${before} before and ${after} after`,
      )
    }
  } finally {
    clearInterval(feed)
    writer.stdin.end()
    writer.kill()
  }
})

test('on a terminal with nothing piped in, produce prompts with > for each record, like the console producer', async () => {
  const {onTty} = await import('../helpers/tty.js')
  const t = await topic(1)
  const r = await onTty(['produce', t], {
    steps: [
      {waitFor: '>', send: 'hello\r'},
      {waitFor: '>', send: 'from a terminal\r'},
      {waitFor: '>', send: '\u0004'},
    ],
  })
  assert.equal(r.code, 0, r.out)
  const c = await kfk(['consume', t, '--from-beginning', '-e'])
  assert.equal(c.stdout, 'hello\nfrom a terminal\n')
})

test('piped records are data, never a missing argument: produce -t TOPIC keeps every line; no topic at all is a usage error', async () => {
  const t = await topic(1)
  const p = await kfk(['produce', '-t', t], {input: 'first\nsecond\n'})
  assert.equal(p.code, 0, p.stderr)
  assert.equal((await kfk(['consume', t, '--from-beginning', '-e'])).stdout, 'first\nsecond\n')
  const none = await kfk(['produce'], {input: `${t}\n`})
  assert.equal(none.code, 2)
  assert.match(none.stderr, /^error: no topic given$/m)
  const node = await kfk(['cluster', 'stop-node', '--name', 'kfk-nonexistent'], {input: '2\n', cluster: false})
  assert.equal(node.code, 2)
  assert.match(node.stderr, /^error: missing argument: id \(Node id\)$/m)
})
