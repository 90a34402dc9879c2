/**
 * Where group-less consume starts and goes on: a start outside the log is a
 * one-line note, and OFFSET_OUT_OF_RANGE mid-read (records deleted under a
 * paused reader) follows --offset-reset and says so on stderr.
 */
import assert from 'node:assert/strict'
import {test} from 'node:test'
import {kfk, uniqueName} from '../helpers/cli.js'
import {fillPartitions, spawnKfk, valueOf} from '../helpers/consume-check.js'
import {until} from '../helpers/until.js'

const RECORDS = 100_000
const DELETED_BELOW = 80_000

/** Starts a paused read, deletes records below DELETED_BELOW under it, then lets it go on. */
async function readAcrossDeletion(topic: string, extra: string[]) {
  const run = spawnKfk(['consume', topic, '-e', '--format', '%o %v\\n', ...extra], {}, {pauseAtFirstData: true})
  await until('the first records', async () => (run.stdout.length > 0 ? true : undefined))
  const del = await kfk(['records', 'delete', topic, '--partition', '0', '--before-offset', String(DELETED_BELOW), '--yes'])
  run.child.stdout.resume()
  assert.equal(del.code, 0, del.stderr)
  const code = await run.exit
  const offsets = Buffer.concat(run.stdout)
    .toString()
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [o, v] = line.split(' ') as [string, string]
      assert.equal(v, valueOf(0, Number(o)))
      return Number(o)
    })
  return {code, offsets, stderr: Buffer.concat(run.stderr).toString()}
}

test('OFFSET_OUT_OF_RANGE mid-read: earliest (the --from-beginning default) goes on at the new log start and says so', async () => {
  const topic = uniqueName('oor-earliest')
  assert.equal((await kfk(['topics', 'create', topic, '-p', '1'])).code, 0)
  await fillPartitions(topic, 1, RECORDS)
  const r = await readAcrossDeletion(topic, ['--from-beginning'])
  assert.equal(r.code, 0, r.stderr)
  // In order, contiguous up to the jump, then exactly the new log start to the end.
  const jump = r.offsets.findIndex((o, i) => i > 0 && o !== r.offsets[i - 1]! + 1)
  assert.ok(jump > 0, 'the read crossed the deletion')
  assert.deepEqual(r.offsets.slice(0, jump), [...Array(jump).keys()])
  assert.equal(r.offsets[jump], DELETED_BELOW)
  assert.equal(r.offsets.at(-1), RECORDS - 1)
  assert.equal(r.offsets.length, jump + RECORDS - DELETED_BELOW)
  assert.match(
    r.stderr,
    new RegExp(
      `partition 0: offset ${r.offsets[jump - 1]! + 1} is out of range \\(the log holds ${DELETED_BELOW} to ${RECORDS}\\); --offset-reset earliest: reading on from ${DELETED_BELOW}`,
    ),
  )
})

test('--offset-reset error stops with one line naming topic, partition and offset, exit 1', async () => {
  const topic = uniqueName('oor-error')
  assert.equal((await kfk(['topics', 'create', topic, '-p', '1'])).code, 0)
  await fillPartitions(topic, 1, RECORDS)
  const r = await readAcrossDeletion(topic, ['--offset', '0', '--offset-reset', 'error'])
  assert.equal(r.code, 1)
  assert.match(
    r.stderr,
    new RegExp(
      `^error: topic "${topic}" partition 0: offset \\d+ is out of range \\(the log holds ${DELETED_BELOW} to ${RECORDS}\\)$`,
      'm',
    ),
  )
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace')
  assert.deepEqual(r.offsets, [...Array(r.offsets.length).keys()], 'what was read is in order from 0')
})

test('a start past the end or before the log start is a one-line note, not silent', async () => {
  const topic = uniqueName('start-outside')
  assert.equal((await kfk(['topics', 'create', topic, '-p', '1'])).code, 0)
  await fillPartitions(topic, 1, 20)
  assert.equal((await kfk(['records', 'delete', topic, '--partition', '0', '--before-offset', '5', '--yes'])).code, 0)
  const past = await kfk(['consume', topic, '--offset', '500', '-e', '--format', '%o\\n'])
  assert.equal(past.code, 0, past.stderr)
  assert.equal(past.stdout, '')
  assert.match(past.stderr, /^note: topic "[^"]+" partition 0: --offset 500 is past the end \(the log holds 5 to 20\); starting at 20$/m)
  const before = await kfk(['consume', topic, '--offset', '2', '-e', '--format', '%o\\n'])
  assert.equal(before.code, 0, before.stderr)
  assert.equal(before.stdout, [...Array(15).keys()].map((i) => `${i + 5}\n`).join(''))
  assert.match(
    before.stderr,
    /^note: topic "[^"]+" partition 0: --offset 2 is before the log start \(the log holds 5 to 20\); starting at 5$/m,
  )
})
