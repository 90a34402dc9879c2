/**
 * Group-less consume honours --isolation-level on real transactions: Apache
 * Kafka's TransactionalMessageCopier copies a partition in transactions and
 * aborts some at random (then copies those records again). read_committed
 * shows each input record exactly once, in order; read_uncommitted shows the
 * aborted copies too, as the Java consumer does.
 */
import assert from 'node:assert/strict'
import {test} from 'node:test'
import {kfk, testBootstrap, uniqueName} from '../helpers/cli.js'
import {javaTool} from '../helpers/java-tools.js'
import {fillPartitions, valueOf} from '../helpers/consume-check.js'

const RECORDS = 20_000

test('read_committed skips aborted transactions and control records; read_uncommitted shows aborted records', async () => {
  const input = uniqueName('iso-in')
  const output = uniqueName('iso-out')
  for (const t of [input, output]) assert.equal((await kfk(['topics', 'create', t, '-p', '1'])).code, 0)
  await fillPartitions(input, 1, RECORDS)
  const copy = await javaTool(
    'org.apache.kafka.tools.TransactionalMessageCopier',
    [
      '--broker-list',
      testBootstrap(),
      '--input-topic',
      input,
      '--input-partition',
      '0',
      '--output-topic',
      output,
      '--transactional-id',
      uniqueName('tx'),
      '--consumer-group',
      uniqueName('copier'),
      '--transaction-size',
      '500',
      '--enable-random-aborts',
    ],
    {timeoutMs: 240_000},
  )
  assert.equal(copy.code, 0, copy.stderr.slice(-2000))

  const committed = await kfk(['consume', output, '--from-beginning', '-e', '--isolation-level', 'read_committed', '--format', '%v\\n'])
  assert.equal(committed.code, 0, committed.stderr)
  assert.deepEqual(
    committed.stdout.split('\n').filter(Boolean),
    Array.from({length: RECORDS}, (_, i) => valueOf(0, i)),
  )

  const all = await kfk(['consume', output, '--from-beginning', '-e', '--isolation-level', 'read_uncommitted', '--format', '%v\\n'])
  assert.equal(all.code, 0, all.stderr)
  const values = all.stdout.split('\n').filter(Boolean)
  // More records than were copied: the copier did abort some transactions, and they show.
  assert.ok(values.length > RECORDS, `aborted copies are visible read_uncommitted (${values.length} records)`)
  assert.deepEqual([...new Set(values)].sort(), committed.stdout.split('\n').filter(Boolean).sort())
})
