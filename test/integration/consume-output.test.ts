/**
 * What consume writes arrives whole: --json streamed through a slow pipe at
 * 400k records, --json after Ctrl-C, and a full disk (/dev/full) as one line
 * and exit 1. Every check reads the data back: each record once, in order
 * per partition.
 */
import assert from 'node:assert/strict'
import {mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {before, test} from 'node:test'
import {kfk, ROOT, testBootstrap, uniqueName} from '../helpers/cli.js'
import {runProcess} from '../helpers/process.js'
import {assertEveryRecordOnce, fillPartitions, spawnKfk, valueOf} from '../helpers/consume-check.js'
import {until} from '../helpers/until.js'

const PARTITIONS = 4
const PER_PARTITION = 100_000
const topic = uniqueName('consume-output')

before(async () => {
  assert.equal((await kfk(['topics', 'create', topic, '-p', String(PARTITIONS)])).code, 0)
  await fillPartitions(topic, PARTITIONS, PER_PARTITION)
})

interface JsonDoc {
  count: number
  stoppedBy: string
  partitions: Array<{partition: number; next: number}>
  records: Array<{partition: number; offset: number; value: string}>
}

/** The document's records as `%p %o %v` lines, checked against what was produced. */
function asLines(doc: JsonDoc): string {
  return doc.records.map((r) => `${r.partition} ${r.offset} ${r.value}`).join('\n')
}

/** kfk in a shell pipeline; its own exit code comes back through a file. */
async function pipeline(kfkArgs: string, rest: string) {
  const dir = mkdtempSync(join(tmpdir(), 'kfk-pipe-'))
  const codeFile = join(dir, 'code')
  const r = await runProcess('sh', ['-c', `(node ${ROOT}/bin/run.js ${kfkArgs}; echo $? > ${codeFile}) ${rest}`], {
    env: {...process.env, NO_COLOR: '1', KAFKA_BOOTSTRAP_SERVERS: testBootstrap()},
  })
  return {...r, kfkCode: Number(readFileSync(codeFile, 'utf8'))}
}

test('--json through a slow pipe is one whole document of 400k records, each once in order', async () => {
  const r = await pipeline(`consume ${topic} --from-beginning -e --json`, '| (sleep 3; cat)')
  assert.equal(r.kfkCode, 0, r.stderr)
  const doc = JSON.parse(r.stdout) as JsonDoc
  assert.equal(doc.count, PARTITIONS * PER_PARTITION)
  assert.equal(doc.stoppedBy, 'end')
  assert.deepEqual(
    doc.partitions.map((p) => p.next),
    new Array(PARTITIONS).fill(PER_PARTITION),
  )
  assertEveryRecordOnce(asLines(doc), PARTITIONS, PER_PARTITION)
})

test('--json and Ctrl-C: a whole document with stoppedBy "interrupt", exit 130', async () => {
  // No -e, so the read goes on until the interrupt; the reader is slow, so it is mid-read.
  const run = spawnKfk(['consume', topic, '--from-beginning', '--json'], {}, {pauseAtFirstData: true})
  await until('the first records', async () => (run.stdout.length > 0 ? true : undefined))
  run.child.kill('SIGINT')
  run.child.stdout.resume()
  assert.equal(await run.exit, 130, Buffer.concat(run.stderr).toString())
  const doc = JSON.parse(Buffer.concat(run.stdout).toString()) as JsonDoc
  assert.equal(doc.stoppedBy, 'interrupt')
  assert.equal(doc.count, doc.records.length)
  assert.ok(doc.count > 0)
  // What was printed is a prefix of each partition, without gaps or repeats.
  const next = new Array<number>(PARTITIONS).fill(0)
  for (const rec of doc.records) {
    assert.equal(rec.offset, next[rec.partition]!++)
    assert.equal(rec.value, valueOf(rec.partition, rec.offset))
  }
})

test('a full disk (/dev/full) is one line and exit 1, no stack trace, in text and --json', async () => {
  for (const json of ['', ' --json']) {
    const r = await pipeline(`consume ${topic} --from-beginning -e${json}`, '> /dev/full')
    assert.equal(r.kfkCode, 1, `${json}: ${r.stderr}`)
    assert.match(r.stderr, /^error: cannot write to stdout: ENOSPC: no space left on device/m)
    assert.doesNotMatch(r.stderr, /\n\s+at |Node\.js v/, 'no stack trace')
  }
})
