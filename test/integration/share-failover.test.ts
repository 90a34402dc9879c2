/**
 * kfk consume --share-group through a broker failure, on a 3-node cluster of
 * its own (a node is killed, so it cannot share the suite's cluster): 36,000
 * records in 3 partitions (replication 3, min.insync.replicas 2), kill -9 the
 * leader of a partition mid-read. Share groups promise at-least-once: every
 * record is delivered; records whose acknowledgement died with the leader
 * come again, only from the partitions it led (Kafka 4.4 persists a record's
 * state when it is acknowledged, not when it is acquired, so the new leader
 * hands them out with delivery count 1 again, or more); once the read ends
 * every record is acknowledged (the group's lag is 0).
 */
import assert from 'node:assert/strict'
import {test} from 'node:test'
import {uniqueName} from '../helpers/cli.js'
import {ownCluster} from '../helpers/own-cluster.js'
import {fillPartitions, spawnKfk, until, valueOf} from '../helpers/consume-check.js'

const NAME = 'kfk-share-failover'
const PORT = '21092'
const cluster = ownCluster(NAME, PORT)
const {onCluster, leaders, pidOf} = cluster
const PARTITIONS = 3
const PER_PARTITION = 12_000
const TOTAL = PARTITIONS * PER_PARTITION

test('kill -9 of a partition leader mid-read: every record delivered, repeats only from the partitions it led, lag 0 after', async () => {
  const topic = uniqueName('share-failover')
  const created = await onCluster(['topics', 'create', topic, '-p', String(PARTITIONS), '-r', '3', '--config', 'min.insync.replicas=2'])
  assert.equal(created.code, 0, created.stderr)
  const env = {KAFKA_BOOTSTRAP_SERVERS: cluster.bootstrap()}
  await fillPartitions(topic, PARTITIONS, PER_PARTITION, env)
  const group = uniqueName('share-failover')
  const reset = await onCluster(['configs', 'alter', '--group', group, '--add-config', 'share.auto.offset.reset=earliest'])
  assert.equal(reset.code, 0, reset.stderr)

  const run = spawnKfk(['consume', topic, '--share-group', group, '--format', '%p %o %d %v\\n'], env, {pauseAtFirstData: true})
  const seen = new Map<string, number[]>()
  let parsed = 0
  let rest = ''
  const parse = () => {
    const chunks = run.stdout.slice(parsed)
    parsed = run.stdout.length
    const lines = (rest + Buffer.concat(chunks).toString()).split('\n')
    rest = lines.pop()!
    for (const line of lines) {
      const [p, o, d, v] = line.split(' ') as [string, string, string, string]
      assert.equal(v, valueOf(Number(p), Number(o)), `value at ${p}:${o}`)
      const k = `${p}:${o}`
      seen.set(k, [...(seen.get(k) ?? []), Number(d)])
    }
  }
  let exit: number | null
  let led: number[] = []
  const started = Date.now()
  try {
    await until('the first records', async () => (run.stdout.length > 0 ? true : undefined))
    const before = await leaders(topic)
    const victim = before[0]!
    led = before.flatMap((l, p) => (l === victim ? [p] : []))
    process.kill(await pidOf(victim), 'SIGKILL')
    run.child.stdout.resume()
    await until(
      'every record delivered',
      async () => {
        parse()
        return seen.size === TOTAL ? true : undefined
      },
      60_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}: ${seen.size} of ${TOTAL} after ${Date.now() - started} ms; stderr: ${Buffer.concat(run.stderr)}`)
    })
  } finally {
    run.child.kill('SIGINT')
    exit = await run.exit
  }
  parse()
  const stderr = Buffer.concat(run.stderr).toString()
  assert.equal(exit, 130, stderr)
  const repeats = [...seen].filter(([, counts]) => counts.length > 1)
  const elsewhere = repeats.filter(([k]) => !led.includes(Number(k.split(':')[0])))
  assert.deepEqual(elsewhere.slice(0, 10), [], `records delivered again from partitions the killed node did not lead (${led})`)
  // Every record printed was acknowledged: nothing is left for the group.
  const lag = await until('the group to have lag 0', async () => {
    const r = await onCluster(['groups', 'describe', group, '--json'])
    if (r.code !== 0) return undefined
    const total = JSON.parse(r.stdout).groups[0].totalLag as number | null
    return total === 0 ? total : undefined
  })
  assert.equal(lag, 0)
  console.log(`share failover: ${seen.size} records, ${repeats.length} delivered again, ${Date.now() - started} ms; ${stderr.trim()}`)
})
