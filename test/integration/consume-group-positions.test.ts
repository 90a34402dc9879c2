/**
 * A group keeps its place on every partition it was given, not only on those
 * it read from: as Java's consumer, kfk commits the position of each assigned
 * partition (where the next read resumes, a reset position included) when it
 * stops, so records produced to a quiet partition while the group is away are
 * read by its next run, never skipped.
 */
import {after, test} from 'node:test'
import assert from 'node:assert/strict'
import {spawn, type ChildProcess} from 'node:child_process'
import {kfk, testBootstrap, uniqueName, ROOT} from '../helpers/cli.js'
import {until} from '../helpers/until.js'
import {closeAdmin, deleteTopics} from '../helpers/admin-client.js'
import {topicMaker} from '../helpers/topics.js'

const topics: string[] = []
const children = new Set<ChildProcess>()
const topic = topicMaker('cgpos', topics)
after(async () => {
  for (const c of children) c.kill('SIGKILL')
  await deleteTopics(topics)
  await closeAdmin()
})

async function produceTo(t: string, partition: number, values: string[]): Promise<void> {
  const r = await kfk(['produce', t, '-p', String(partition)], {input: values.join('\n') + '\n'})
  assert.equal(r.code, 0, r.stderr)
}

/** The partitions and committed offsets `kfk groups describe --json` lists for the group. */
async function described(group: string): Promise<Map<number, number | null>> {
  const r = await kfk(['groups', 'describe', group, '--json'])
  assert.equal(r.code, 0, r.stderr)
  const doc = JSON.parse(r.stdout) as {groups: Array<{partitions: Array<{partition: number; currentOffset: number | null}>}>}
  return new Map(doc.groups[0]!.partitions.map((p) => [p.partition, p.currentOffset]))
}

for (const protocol of ['classic', 'consumer'] as const) {
  const group = (name: string) => ['--group', uniqueName(name), '--group-protocol', protocol]

  test(
    `${protocol}: Ctrl-C after reading one partition keeps the quiet one's place: records produced to it meanwhile are read next time`,
    {
      timeout: 120_000,
    },
    async () => {
      const t = await topic(2)
      const g = group('cgpos-int')
      const child = spawn(process.execPath, [`${ROOT}/bin/run.js`, 'consume', t, ...g, '--format', '%p %v\\n'], {
        env: {...process.env, KAFKA_BOOTSTRAP_SERVERS: testBootstrap(), NO_COLOR: '1'},
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      children.add(child)
      let out = ''
      let err = ''
      child.stdout!.on('data', (d: Buffer) => void (out += d.toString()))
      child.stderr!.on('data', (d: Buffer) => void (err += d.toString()))
      const closed = new Promise<number | null>((resolve) => child.on('close', resolve))
      // Produce to partition 0 until the member, once assigned, prints a record: then it holds both partitions.
      let n = 0
      await until(
        'the member reads partition 0',
        async () => {
          if (out.includes('0 first')) return true
          await produceTo(t, 0, [`first${n++}`])
          return undefined
        },
        60_000,
      )
      child.kill('SIGINT')
      assert.equal(await closed, 130, err)
      const committed = await described(g[1]!)
      assert.deepEqual([...committed.keys()].sort(), [0, 1], `groups describe lists both partitions: ${[...committed]}`)
      assert.equal(committed.get(1), 0, 'the quiet partition is committed at its position')
      // While the group is away: one record to the quiet partition, one to the other.
      await produceTo(t, 1, ['quiet'])
      await produceTo(t, 0, ['busy'])
      const next = await kfk(['consume', t, ...g, '-e', '--format', '%p %v\\n'], {timeoutMs: 60_000})
      assert.equal(next.code, 0, next.stderr)
      assert.deepEqual(next.stdout.split('\n').filter(Boolean).sort(), ['0 busy', '1 quiet'])
    },
  )

  test(
    `${protocol}: a run that read nothing (idle timeout) keeps the group's place: both records produced after it are read`,
    {
      timeout: 120_000,
    },
    async () => {
      const t = await topic(1)
      const g = group('cgpos-idle')
      const first = await kfk(['consume', t, ...g, '--timeout-ms', '3000'], {timeoutMs: 60_000})
      assert.equal(first.code, 0, first.stderr)
      assert.equal(first.stdout, '')
      await produceTo(t, 0, ['a', 'b'])
      const next = await kfk(['consume', t, ...g, '-e'], {timeoutMs: 60_000})
      assert.equal(next.code, 0, next.stderr)
      assert.equal(next.stdout, 'a\nb\n')
    },
  )

  test(
    `${protocol}: -e with every partition already at its end commits that end, so later records are read`,
    {timeout: 120_000},
    async () => {
      const t = await topic(3)
      for (let p = 0; p < 3; p++) await produceTo(t, p, [`old${p}`])
      const g = group('cgpos-end')
      const first = await kfk(['consume', t, ...g, '-e'], {timeoutMs: 60_000})
      assert.equal(first.code, 0, first.stderr)
      assert.equal(first.stdout, '')
      assert.deepEqual(
        [...(await described(g[1]!))].sort((a, b) => a[0] - b[0]),
        [
          [0, 1],
          [1, 1],
          [2, 1],
        ],
      )
      for (let p = 0; p < 3; p++) await produceTo(t, p, [`new${p}`])
      const next = await kfk(['consume', t, ...g, '-e'], {timeoutMs: 60_000})
      assert.equal(next.code, 0, next.stderr)
      assert.deepEqual(next.stdout.split('\n').filter(Boolean).sort(), ['new0', 'new1', 'new2'])
    },
  )

  test(
    `${protocol}: -n stops mid-partition: the commit is the last record written, the other partitions keep their place`,
    {
      timeout: 120_000,
    },
    async () => {
      const t = await topic(2)
      await produceTo(t, 0, ['x0', 'x1', 'x2', 'x3'])
      const g = group('cgpos-n')
      const first = await kfk(['consume', t, ...g, '--from-beginning', '-n', '2'], {timeoutMs: 60_000})
      assert.equal(first.code, 0, first.stderr)
      assert.equal(first.stdout, 'x0\nx1\n')
      await produceTo(t, 1, ['y0'])
      const next = await kfk(['consume', t, ...g, '-e'], {timeoutMs: 60_000})
      assert.equal(next.code, 0, next.stderr)
      assert.deepEqual(next.stdout.split('\n').filter(Boolean).sort(), ['x2', 'x3', 'y0'])
    },
  )
}

test("--offset-reset error refuses a group without committed offsets, as Java's auto.offset.reset=none", async () => {
  const t = await topic(1)
  await produceTo(t, 0, ['r0', 'r1'])
  const g = uniqueName('cgpos-none')
  const refused = await kfk(['consume', t, '--group', g, '--offset-reset', 'error', '-e'], {timeoutMs: 60_000})
  assert.equal(refused.code, 1, refused.stderr)
  assert.match(refused.stderr, new RegExp(`^error: group '${g}' has no committed offset for ${t}:0 \\(--offset-reset error\\)`, 'm'))
  assert.equal(refused.stdout, '')
  const placed = await kfk(['groups', 'reset-offsets', g, '--topic', t, '--to-offset', '1', '--execute'])
  assert.equal(placed.code, 0, placed.stderr)
  const read = await kfk(['consume', t, '--group', g, '--offset-reset', 'error', '-e'], {timeoutMs: 60_000})
  assert.equal(read.code, 0, read.stderr)
  assert.equal(read.stdout, 'r1\n')
})
