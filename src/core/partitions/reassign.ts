/**
 * Partition reassignment against the cluster (kafka-reassign-partitions):
 * generate a plan, start it (with replication throttles), follow it until
 * done, cancel it, list what is moving. Moves go through the controller
 * (AlterPartitionReassignments); sizes come from each broker's log dirs.
 */
import {anyBroker} from '../kafkajs/cluster.js'
import type {RawCluster} from '../kafkajs/types.js'
import {setTimeout as sleep} from 'node:timers/promises'
import {KfkError, usageError} from '../../cli/errors.js'
import type {KafkaClient} from '../kafkajs/client.js'
import {alterConfigs, type ConfigChange} from '../configs/configs.js'
import {alterPartitionReassignments} from '../protocol/alter-partition-reassignments.js'
import {describeCluster} from '../protocol/describe-cluster.js'
import {describeLogDirs} from '../protocol/describe-log-dirs.js'
import {listPartitionReassignments, type OngoingReassignment} from '../protocol/list-partition-reassignments.js'
import {fetchMetadata} from '../protocol/metadata.js'
import {throwIfDenied, topicsNotFound} from './not-found.js'
import {groupByTopic} from './topic-partitions.js'
import {assignReplicas, checkPlan, throttledReplicas, type Move, type PartitionAssignment} from './reassign-plan.js'
import {compareTp} from '../topic-partition.js'

export type {OngoingReassignment, PartitionAssignment}

/** Broker configs the throttles use; --verify and --cancel delete them again. */
const BROKER_THROTTLES = [
  'leader.replication.throttled.rate',
  'follower.replication.throttled.rate',
  'replica.alter.log.dirs.io.max.bytes.per.second',
]
const TOPIC_THROTTLES = ['leader.replication.throttled.replicas', 'follower.replication.throttled.replicas']

/** One partition of a plan: where its replicas are, where they go, and the bytes each new replica copies. */
export interface PlannedMove {
  topic: string
  partition: number
  from: number[]
  to: number[]
  adding: number[]
  removing: number[]
  /** The partition's size on its biggest replica, as a decimal string: what each added replica copies. */
  bytes: number
}

interface ClusterView {
  brokers: Array<{id: number; rack: string | null}>
  /** topic -> replicas per partition */
  replicas: Map<string, number[][]>
}

async function view(cluster: RawCluster, topics: readonly string[]): Promise<ClusterView> {
  const broker = await anyBroker(cluster)
  const [info, metadata] = await Promise.all([describeCluster(broker), fetchMetadata(broker, [...new Set(topics)])])
  throwIfDenied(metadata.topics)
  const missing = [...new Set(topics)].filter((t) => !metadata.topics.some((m) => m.name === t && m.errorCode === 0))
  if (missing.length > 0) throw topicsNotFound(missing)
  const replicas = new Map(
    metadata.topics.map((t) => [t.name, [...t.partitions].sort((a, b) => a.partition - b.partition).map((p) => p.replicas)]),
  )
  return {brokers: info.brokers.map((b) => ({id: b.nodeId, rack: b.rack})).sort((a, b) => a.id - b.id), replicas}
}

const assignmentOf = (v: ClusterView): PartitionAssignment[] =>
  [...v.replicas].flatMap(([topic, parts]) => parts.map((replicas, partition) => ({topic, partition, replicas})))

/** --generate: the topics' current assignment and a new one over `brokerIds`, placed as Kafka places new topics. */
export async function generatePlan(
  client: KafkaClient,
  topics: readonly string[],
  brokerIds: readonly number[],
  options: {rackAware: boolean; random?: (n: number) => number},
): Promise<{current: PartitionAssignment[]; proposed: PartitionAssignment[]}> {
  return client.run('generate a reassignment', async () => {
    const v = await view(await client.cluster(), topics)
    const unknown = brokerIds.filter((id) => !v.brokers.some((b) => b.id === id))
    if (unknown.length > 0)
      throw usageError(
        `--broker-list names broker ${unknown.join(', ')}, not in the cluster`,
        `Its brokers are: ${v.brokers.map((b) => b.id).join(', ')}.`,
      )
    const targets = v.brokers.filter((b) => brokerIds.includes(b.id))
    const proposed = [...v.replicas].flatMap(([topic, parts]) =>
      assignReplicas(targets, parts.length, parts[0]?.length ?? 1, options).map((replicas, partition) => ({topic, partition, replicas})),
    )
    return {current: assignmentOf(v), proposed}
  })
}

/** Checks a plan against the cluster and says, per partition, what moves where and how many bytes. */
export async function planMoves(client: KafkaClient, plan: readonly PartitionAssignment[]): Promise<PlannedMove[]> {
  return client.run('read the current assignment', async () => {
    const cluster = await client.cluster()
    const topics = [...new Set(plan.map((p) => p.topic))]
    const v = await view(cluster, topics).catch((error: unknown) => {
      // A plan naming a missing topic is bad input, like a missing broker.
      if (error instanceof KfkError && /does not exist/.test(error.message)) throw usageError(error.message, error.hint)
      throw error
    })
    checkPlan(
      plan,
      v.brokers.map((b) => b.id),
      new Map([...v.replicas].map(([t, parts]) => [t, parts.length])),
    )
    const dirs = new Map<string, string>()
    const sizes = await partitionSizes(cluster, v, topics, dirs)
    // A log dir named for a replica must be the one it is in: kfk moves replicas between brokers only.
    for (const p of plan)
      p.logDirs?.forEach((dir, i) => {
        const broker = p.replicas[i]!
        if (dir !== 'any' && dirs.get(`${p.topic}-${p.partition}-${broker}`) !== dir)
          throw usageError(
            `the plan puts ${p.topic}-${p.partition} on broker ${broker} in log dir ${dir}, where it is not: kfk does not move replicas between log dirs`,
            'Give "any" for that replica, or use kafka-reassign-partitions for moves between log dirs.',
          )
      })
    return [...plan].sort(compareTp).map((p) => {
      const from = v.replicas.get(p.topic)![p.partition]!
      return {
        topic: p.topic,
        partition: p.partition,
        from,
        to: p.replicas,
        adding: p.replicas.filter((b) => !from.includes(b)),
        removing: from.filter((b) => !p.replicas.includes(b)),
        bytes: Number(sizes.get(`${p.topic}-${p.partition}`) ?? 0n),
      }
    })
  })
}

/** The size of each replica ("topic-partition-broker" -> bytes) from every broker's log dirs; `dirs` gets each replica's dir. */
async function replicaSizes(
  cluster: RawCluster,
  brokers: readonly number[],
  topics: ReadonlyArray<{topic: string; partitions: number[]}>,
  dirs?: Map<string, string>,
) {
  const out = new Map<string, bigint>()
  await Promise.all(
    brokers.map(async (id) => {
      // A broker that is down (the one being drained, often) has no sizes to give.
      const described = await cluster
        .findBroker({nodeId: id})
        .then((broker) => describeLogDirs(broker, topics))
        .catch(() => [])
      for (const d of described)
        for (const p of d.partitions)
          if (!p.isFuture) {
            out.set(`${p.topic}-${p.partition}-${id}`, p.size)
            dirs?.set(`${p.topic}-${p.partition}-${id}`, d.logDir)
          }
    }),
  )
  return out
}

async function partitionSizes(
  cluster: RawCluster,
  v: ClusterView,
  topics: readonly string[],
  dirs: Map<string, string>,
): Promise<Map<string, bigint>> {
  const request = topics.map((topic) => ({topic, partitions: v.replicas.get(topic)!.map((_, i) => i)}))
  const sizes = await replicaSizes(
    cluster,
    v.brokers.map((b) => b.id),
    request,
    dirs,
  )
  const out = new Map<string, bigint>()
  for (const [key, size] of sizes) {
    const partition = key.slice(0, key.lastIndexOf('-'))
    if (size > (out.get(partition) ?? -1n)) out.set(partition, size)
  }
  return out
}

/** Reassignments in progress: of the named partitions, or all. */
export async function listReassignments(
  client: KafkaClient,
  partitions?: ReadonlyArray<{topic: string; partition: number}>,
): Promise<OngoingReassignment[]> {
  return client.run('list reassignments', async () => {
    const cluster = await client.cluster()
    const ongoing = await listPartitionReassignments(
      await anyBroker(cluster),
      partitions ? groupByTopic(partitions) : null,
      client.settings.timeoutMs,
    )
    return ongoing.sort(compareTp)
  })
}

export interface StartResult {
  topic: string
  partition: number
  error?: string
}

/**
 * --execute: refuses while other reassignments run (unless `additional`),
 * sets the throttles (as kafka-reassign-partitions: every moving partition's
 * source and destination replicas, on their topics and brokers), then starts
 * every partition's move. Returns each partition's start, and the assignment before it (to roll back to).
 */
export async function startReassignment(
  client: KafkaClient,
  moves: readonly PlannedMove[],
  options: {throttle?: number; additional: boolean},
): Promise<{started: StartResult[]; throttledBrokers: number[]; rollback: PartitionAssignment[]}> {
  return client.run('start the reassignment', async () => {
    const cluster = await client.cluster()
    const ongoing = await listPartitionReassignments(await anyBroker(cluster), null, client.settings.timeoutMs)
    if (ongoing.length > 0 && !options.additional)
      throw new KfkError(
        `${ongoing.length} partition reassignment(s) already in progress (${ongoing.map((o) => `${o.topic}-${o.partition}`).join(', ')}); nothing was started`,
        {hint: 'Follow them with --verify (or --list), or add --additional to start this one beside them (also to change the throttle).'},
      )
    let throttledBrokers: number[] = []
    // If the start fails, throttles this run set are removed again (unless other moves, which they also serve, run).
    const undo = async (error: unknown): Promise<never> => {
      if (options.throttle !== undefined && ongoing.length === 0)
        await clearThrottles(
          client,
          moves.map((m) => ({topic: m.topic, partition: m.partition, replicas: m.to})),
        ).catch(() => undefined)
      throw error
    }
    if (options.throttle !== undefined) throttledBrokers = await setThrottles(client, ongoing, moves, options.throttle).catch(undo)
    const results = await alterPartitionReassignments(
      await anyBroker(cluster),
      moves.map((m) => ({topic: m.topic, partition: m.partition, replicas: m.to})),
      client.settings.timeoutMs,
    ).catch(undo)
    const started = moves.map((m) => {
      const r = results.find((x) => x.topic === m.topic && x.partition === m.partition)
      const error = r?.error ? (r.message ?? r.error.message) : undefined
      return {topic: m.topic, partition: m.partition, ...(error ? {error} : {})}
    })
    const rollback = moves.map((m) => ({topic: m.topic, partition: m.partition, replicas: m.from}))
    return {started, throttledBrokers, rollback}
  })
}

async function setThrottles(client: KafkaClient, ongoing: readonly OngoingReassignment[], moves: readonly PlannedMove[], rate: number) {
  const all = new Map<string, Move>()
  for (const o of ongoing)
    all.set(`${o.topic}-${o.partition}`, {
      topic: o.topic,
      partition: o.partition,
      sources: o.replicas.filter((r) => !o.addingReplicas.includes(r)),
      destinations: o.addingReplicas,
    })
  for (const m of moves) {
    const key = `${m.topic}-${m.partition}`
    const sources = all.get(key)?.sources ?? m.from
    all.set(key, {topic: m.topic, partition: m.partition, sources, destinations: m.to.filter((b) => !sources.includes(b))})
  }
  const brokers = [...new Set([...all.values()].flatMap((m) => [...m.sources, ...m.destinations]))].sort((a, b) => a - b)
  const changes: ConfigChange[] = [
    ...[...throttledReplicas([...all.values()])].map(([topic, lists]): ConfigChange => ({
      entityType: 'topics',
      entityName: topic,
      set: {'leader.replication.throttled.replicas': lists.leader, 'follower.replication.throttled.replicas': lists.follower},
      delete: [],
    })),
    ...brokers.map((id): ConfigChange => ({
      entityType: 'brokers',
      entityName: String(id),
      set: {'leader.replication.throttled.rate': String(rate), 'follower.replication.throttled.rate': String(rate)},
      delete: [],
    })),
  ]
  const failed = (await alterConfigs(client, changes)).filter((r) => !r.ok)
  if (failed.length > 0)
    throw new KfkError(
      `could not set the throttle: ${failed.map((f) => `${f.entityType} ${f.entityName} (${f.error})`).join('; ')}; nothing was moved`,
    )
  return brokers
}

/** Deletes the throttle configs from every broker (and those the plan names) and from the plan's topics. */
export async function clearThrottles(
  client: KafkaClient,
  plan: readonly PartitionAssignment[],
): Promise<{brokers: number[]; topics: string[]}> {
  return client.run('clear the throttles', async () => {
    const info = await describeCluster(await anyBroker(await client.cluster()))
    const brokers = [...new Set([...info.brokers.map((b) => b.nodeId), ...plan.flatMap((p) => p.replicas)])]
      .filter((id) => info.brokers.some((b) => b.nodeId === id))
      .sort((a, b) => a - b)
    const topics = [...new Set(plan.map((p) => p.topic))].sort()
    const changes: ConfigChange[] = [
      ...brokers.map((id): ConfigChange => ({entityType: 'brokers', entityName: String(id), set: {}, delete: BROKER_THROTTLES})),
      ...topics.map((topic): ConfigChange => ({entityType: 'topics', entityName: topic, set: {}, delete: TOPIC_THROTTLES})),
    ]
    const failed = (await alterConfigs(client, changes)).filter((r) => !r.ok)
    if (failed.length > 0)
      throw new KfkError(`could not clear the throttle: ${failed.map((f) => `${f.entityType} ${f.entityName} (${f.error})`).join('; ')}`)
    return {brokers, topics}
  })
}

export interface PartitionProgress {
  topic: string
  partition: number
  state: 'completed' | 'in-progress' | 'differs'
  /** The replicas now (the full set while moving). */
  replicas: number[]
  target: number[]
  /** While moving: bytes the added replicas hold so far, and the bytes they need (the biggest replica's size each). */
  copiedBytes?: number
  totalBytes?: number
}

/** --verify: each partition of the plan completed, still moving (with bytes copied), or done with other replicas. */
export async function verifyReassignment(
  client: KafkaClient,
  plan: readonly PartitionAssignment[],
): Promise<{partitions: PartitionProgress[]; otherOngoing: number}> {
  return client.run('verify the reassignment', async () => {
    const cluster = await client.cluster()
    const ongoing = await listPartitionReassignments(await anyBroker(cluster), null, client.settings.timeoutMs)
    const topics = [...new Set(plan.map((p) => p.topic))]
    const replicasOf = (m: Awaited<ReturnType<typeof fetchMetadata>>, p: PartitionAssignment) =>
      m.topics.find((t) => t.name === p.topic)?.partitions.find((x) => x.partition === p.partition)?.replicas ?? []
    const sameAs = (current: number[], target: number[]) => current.length === target.length && current.every((b, i) => b === target[i])
    const settled = plan.filter((p) => !ongoing.some((o) => o.topic === p.topic && o.partition === p.partition))
    // A move the controller has just ended may not be on the broker asked yet: a partition that
    // differs is read again for a few seconds before it is reported as different.
    let metadata = await fetchMetadata(await anyBroker(cluster), topics)
    const until = Date.now() + Math.min(5000, client.settings.timeoutMs / 2)
    while (settled.some((p) => !sameAs(replicasOf(metadata, p), p.replicas)) && Date.now() < until) {
      await sleep(250)
      metadata = await fetchMetadata(await anyBroker(cluster), topics)
    }
    const moving = plan.filter((p) => ongoing.some((o) => o.topic === p.topic && o.partition === p.partition))
    const sizes =
      moving.length > 0
        ? await replicaSizes(cluster, [...new Set(ongoing.flatMap((o) => o.replicas))], groupByTopic(moving))
        : new Map<string, bigint>()
    const partitions = [...plan].sort(compareTp).map((p): PartitionProgress => {
      const o = ongoing.find((x) => x.topic === p.topic && x.partition === p.partition)
      if (o) {
        const size = (b: number) => sizes.get(`${p.topic}-${p.partition}-${b}`) ?? 0n
        const full = o.replicas.filter((b) => !o.addingReplicas.includes(b)).reduce((max, b) => (size(b) > max ? size(b) : max), 0n)
        const copied = o.addingReplicas.reduce((sum, b) => sum + (size(b) < full ? size(b) : full), 0n)
        return {
          topic: p.topic,
          partition: p.partition,
          state: 'in-progress',
          replicas: o.replicas,
          target: p.replicas,
          copiedBytes: Number(copied),
          totalBytes: Number(full * BigInt(o.addingReplicas.length)),
        }
      }
      const current = replicasOf(metadata, p)
      return {
        topic: p.topic,
        partition: p.partition,
        state: sameAs(current, p.replicas) ? 'completed' : 'differs',
        replicas: current,
        target: p.replicas,
      }
    })
    const otherOngoing = ongoing.filter((o) => !plan.some((p) => p.topic === o.topic && p.partition === o.partition)).length
    return {partitions, otherOngoing}
  })
}

export interface CancelResult {
  topic: string
  partition: number
  outcome: 'cancelled' | 'not-moving' | 'failed'
  error?: string
}

/** --cancel: stops each of the plan's partitions that is still moving; its replicas go back to what they were. */
export async function cancelReassignment(client: KafkaClient, plan: readonly PartitionAssignment[]): Promise<CancelResult[]> {
  return client.run('cancel the reassignment', async () => {
    const cluster = await client.cluster()
    const ongoing = await listPartitionReassignments(await anyBroker(cluster), groupByTopic(plan), client.settings.timeoutMs)
    const moving = plan.filter((p) => ongoing.some((o) => o.topic === p.topic && o.partition === p.partition))
    const results =
      moving.length > 0
        ? await alterPartitionReassignments(
            await anyBroker(cluster),
            moving.map((p) => ({topic: p.topic, partition: p.partition, replicas: null})),
            client.settings.timeoutMs,
          )
        : []
    return [...plan].sort(compareTp).map((p): CancelResult => {
      const r = results.find((x) => x.topic === p.topic && x.partition === p.partition)
      if (!r) return {topic: p.topic, partition: p.partition, outcome: 'not-moving'}
      if (r.error) return {topic: p.topic, partition: p.partition, outcome: 'failed', error: r.message ?? r.error.message}
      return {topic: p.topic, partition: p.partition, outcome: 'cancelled'}
    })
  })
}
