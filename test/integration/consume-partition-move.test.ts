/**
 * Group-less consume never skips when a partition moves away mid-read: the
 * old broker's Fetch answer then carries records for one partition and
 * NOT_LEADER_OR_FOLLOWER for the other. kfk used to advance the first
 * partition's position, throw at the second and drop the decoded records.
 * The move is a replica reassignment off broker 1 (a mere leader election
 * would not do: Fetch v11 may read from any in-sync follower, KIP-392), on
 * the shared cluster (no node is stopped), while the reader holds kfk back.
 */
import assert from 'node:assert/strict'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {test} from 'node:test'
import {kfk, testBootstrap, uniqueName} from '../helpers/cli.js'
import {javaTool} from '../helpers/java-tools.js'
import {assertEveryRecordOnce, fillPartitions, spawnKfk} from '../helpers/consume-check.js'
import {until} from '../helpers/until.js'

const PER_PARTITION = 150_000

test('a partition moving to other brokers mid-consume loses no record of the partition that stayed (300k records)', async () => {
  const topic = uniqueName('leader-move')
  // Both partitions led by broker 1, so one Fetch carries both.
  assert.equal((await kfk(['topics', 'create', topic, '--replica-assignment', '1:2,1:2'])).code, 0)
  await fillPartitions(topic, 2, PER_PARTITION)

  const run = spawnKfk(['consume', topic, '--from-beginning', '-e', '--format', '%p %o %v\\n'], {}, {pauseAtFirstData: true})
  await until('the first records', async () => (run.stdout.length > 0 ? true : undefined))

  const dir = mkdtempSync(join(tmpdir(), 'kfk-move-'))
  const plan = join(dir, 'plan.json')
  writeFileSync(plan, JSON.stringify({version: 1, partitions: [{topic, partition: 1, replicas: [2, 3]}]}))
  const reassign = await javaTool('org.apache.kafka.tools.reassign.ReassignPartitionsCommand', [
    '--bootstrap-server',
    testBootstrap(),
    '--reassignment-json-file',
    plan,
    '--execute',
  ])
  assert.equal(reassign.code, 0, reassign.stderr + reassign.stdout)
  await until('the move to finish', async () => {
    const v = await javaTool('org.apache.kafka.tools.reassign.ReassignPartitionsCommand', [
      '--bootstrap-server',
      testBootstrap(),
      '--reassignment-json-file',
      plan,
      '--verify',
    ])
    return /is completed/.test(v.stdout) ? true : undefined
  })
  await until('partition 1 to leave broker 1', async () => {
    const d = JSON.parse((await kfk(['topics', 'describe', topic, '--json'])).stdout)
    return d.topics[0].partitionDetails[1].replicas.includes(1) ? undefined : true
  })

  run.child.stdout.resume()
  const code = await run.exit
  const stderr = Buffer.concat(run.stderr).toString()
  assert.equal(code, 0, stderr)
  assertEveryRecordOnce(Buffer.concat(run.stdout).toString(), 2, PER_PARTITION)
})
