/**
 * Fetch fairness: a broker fills a fetch answer partition by partition, in the
 * order asked, and hands a whole batch larger than the per-partition limit only
 * to the first partition with data. kfk moves the partitions that just returned
 * records to the back of the next request (as the Java consumer does), so a
 * partition listed behind a busy one is served within a response or two
 * instead of after the busy one is drained. The test writes batches of 512 KB,
 * twice the 256 KB partition limit of a fetch.
 */
import assert from 'node:assert/strict'
import {test} from 'node:test'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {kfk, uniqueName} from '../helpers/cli.js'

const VALUE = 'v'.repeat(10_000)

test('a partition behind a busy one on the same broker is read within the first responses, not after the busy one drains', async () => {
  const topic = uniqueName('kfk-fair')
  // Both partitions on broker 1, so one fetch asks for both.
  assert.equal((await kfk(['topics', 'create', topic, '--replica-assignment', '1,1'])).code, 0)
  const line = (partition: number, i: number) => JSON.stringify({partition, key: `${partition}-${i}`, value: VALUE})
  // Partition 0: 2,000 records of 10 KB (about 40 batches of 512 KB); partition 1: 50 (one batch).
  const input = [...Array.from({length: 2000}, (_, i) => line(0, i)), ...Array.from({length: 50}, (_, i) => line(1, i))].join('\n') + '\n'
  // From a file with a long linger, so every batch is a full 512 KB whatever the machine's speed.
  const file = join(mkdtempSync(join(tmpdir(), 'kfk-fair-')), 'records.jsonl')
  writeFileSync(file, input)
  const produced = await kfk(['produce', topic, '--input', 'jsonl', '--file', file, '--linger-ms', '200', '--batch-size', '512000'])
  assert.equal(produced.code, 0, produced.stderr)

  // 400 records are about 8 answers' worth of partition 0; all of partition 1 must be among them.
  const r = await kfk(['consume', topic, '--from-beginning', '--max-messages', '400', '--format', '%p %k\\n'])
  assert.equal(r.code, 0, r.stderr)
  const rows = r.stdout.trim().split('\n')
  assert.equal(rows.length, 400)
  const fromOne = rows.filter((row) => row.startsWith('1 '))
  assert.deepEqual(
    fromOne,
    Array.from({length: 50}, (_, i) => `1 1-${i}`),
    'partition 1 was read in full and in order',
  )
  // Each partition still in order.
  const fromZero = rows.filter((row) => row.startsWith('0 ')).map((row) => Number(row.split('-')[1]))
  assert.deepEqual(
    fromZero,
    fromZero.map((_, i) => i),
  )
})
