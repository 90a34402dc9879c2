/**
 * Group-less consume through broker failures, on a 3-node cluster of its own
 * (nodes are killed and restarted, so it cannot share the suite's cluster):
 * kill -9 the leader of partitions mid-read, then, with that node back, stop
 * another leader gracefully mid-read; in a group (classic and KIP-848), kill -9
 * a leader mid-read. Each time every record of 6 partitions (replication 3) is
 * read exactly once, in order per partition, and a group ends with lag 0.
 */
import assert from 'node:assert/strict'
import {test} from 'node:test'
import {uniqueName} from '../helpers/cli.js'
import {ownCluster} from '../helpers/own-cluster.js'
import {assertEveryRecordOnce, fillPartitions, spawnKfk, until} from '../helpers/consume-check.js'

const NAME = 'kfk-consume-chaos'
const PORT = '20492'
const cluster = ownCluster(NAME, PORT)
const {local, onCluster} = cluster
const PARTITIONS = 6
const PER_PARTITION = 50_000

const {leaders, pidOf} = cluster

/** Reads the whole topic with -e while `fail` runs against the paused reader; checks every record. */
async function readThrough(t: string, fail: () => Promise<void>, extra: string[] = []): Promise<void> {
  const run = spawnKfk(
    ['consume', t, '--from-beginning', '-e', '--format', '%p %o %v\\n', ...extra],
    {KAFKA_BOOTSTRAP_SERVERS: cluster.bootstrap()},
    {pauseAtFirstData: true},
  )
  await until('the first records', async () => (run.stdout.length > 0 ? true : undefined))
  try {
    await fail()
  } finally {
    run.child.stdout.resume()
  }
  const code = await run.exit
  const stderr = Buffer.concat(run.stderr).toString()
  assert.equal(code, 0, stderr)
  assertEveryRecordOnce(Buffer.concat(run.stdout).toString(), PARTITIONS, PER_PARTITION)
}

test('kill -9 of a leader, then a graceful stop of another, mid-consume: every record once, in order (300k records)', async () => {
  const t = uniqueName('consume-chaos')
  assert.equal((await onCluster(['topics', 'create', t, '-p', String(PARTITIONS), '-r', '3'])).code, 0)
  await fillPartitions(t, PARTITIONS, PER_PARTITION, {KAFKA_BOOTSTRAP_SERVERS: cluster.bootstrap()})

  const killed = (await leaders(t))[0]!
  await readThrough(t, async () => {
    process.kill(await pidOf(killed), 'SIGKILL')
  })

  const start = await local(['cluster', 'start-node', String(killed), '--name', NAME])
  assert.equal(start.code, 0, start.stderr)
  await until(
    'the restarted node to lead again or follow',
    async () =>
      (await onCluster(['topics', 'describe', t, '--under-replicated-partitions', '--json'])).stdout.includes(t) ? undefined : true,
    120_000,
  )
  const stopped = (await leaders(t)).find((l) => l !== killed)!
  try {
    await readThrough(t, async () => {
      const stop = await local(['cluster', 'stop-node', String(stopped), '--name', NAME])
      assert.equal(stop.code, 0, stop.stderr)
    })
  } finally {
    const again = await local(['cluster', 'start-node', String(stopped), '--name', NAME])
    assert.equal(again.code, 0, again.stderr)
  }
})

for (const protocol of ['classic', 'consumer']) {
  test(`group mode (${protocol}): kill -9 of a leader mid-consume: every record once, in order, and the group's lag 0`, async () => {
    const t = uniqueName('consume-chaos-group')
    assert.equal((await onCluster(['topics', 'create', t, '-p', String(PARTITIONS), '-r', '3'])).code, 0)
    await fillPartitions(t, PARTITIONS, PER_PARTITION, {KAFKA_BOOTSTRAP_SERVERS: cluster.bootstrap()})
    await until(
      'every replica in sync',
      async () =>
        (await onCluster(['topics', 'describe', '--under-replicated-partitions', '--json'])).stdout.includes('"name"') ? undefined : true,
      120_000,
    )
    const group = uniqueName('consume-chaos-group')
    const victim = (await leaders(t))[1]!
    try {
      await readThrough(t, async () => void process.kill(await pidOf(victim), 'SIGKILL'), ['--group', group, '--group-protocol', protocol])
    } finally {
      const start = await local(['cluster', 'start-node', String(victim), '--name', NAME])
      assert.equal(start.code, 0, start.stderr)
    }
    const described = await until('the group described', async () => {
      const r = await onCluster(['groups', 'describe', group, '--json'])
      return r.code === 0 ? JSON.parse(r.stdout).groups[0] : undefined
    })
    assert.equal(described.totalLag, 0, JSON.stringify(described.partitions))
  })
}
