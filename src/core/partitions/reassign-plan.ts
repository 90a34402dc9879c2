/**
 * The pure side of partition reassignment (kafka-reassign-partitions): its two
 * JSON formats, checks of a plan against the cluster, Kafka's replica
 * placement for --generate (AdminUtils.assignReplicasToBrokers, rack-aware or
 * not), and the throttled-replica lists for --throttle. No I/O here.
 */
import {usageError} from '../../cli/errors.js'
import {compareTp} from '../topic-partition.js'

/** One partition's wanted replicas, as in the reassignment JSON. */
export interface PartitionAssignment {
  topic: string
  partition: number
  replicas: number[]
  /** A log dir per replica ("any": wherever it is), when the plan names some. */
  logDirs?: string[]
}

/** kafka-reassign-partitions' JSON, compact and in its key order, partitions by topic and partition; readable by either tool. */
export function formatAssignmentJson(assignments: readonly PartitionAssignment[]): string {
  const partitions = [...assignments]
    .sort(compareTp)
    .map((a) => ({topic: a.topic, partition: a.partition, replicas: a.replicas, log_dirs: a.replicas.map(() => 'any')}))
  return JSON.stringify({version: 1, partitions})
}

/** A reassignment JSON file: {"version":1,"partitions":[{"topic","partition","replicas","log_dirs"?}]}. */
export function parseAssignmentJson(text: string, source: string): PartitionAssignment[] {
  const doc = parseJsonObject(text, source)
  const partitions = doc.partitions ?? []
  if (!Array.isArray(partitions)) throw usageError(`${source}: "partitions" is not a list`)
  return partitions.map((p: unknown) => {
    const item = p as {topic?: unknown; partition?: unknown; replicas?: unknown; log_dirs?: unknown}
    const where = `${source}: ${JSON.stringify(p)}`
    if (typeof item?.topic !== 'string' || item.topic === '') throw usageError(`${where} has no "topic" name`)
    if (!Number.isInteger(item.partition) || (item.partition as number) < 0) throw usageError(`${where} has no "partition" number`)
    if (!Array.isArray(item.replicas) || !item.replicas.every((r) => Number.isInteger(r) && r >= 0))
      throw usageError(`${where}: "replicas" is not a list of broker ids`)
    if (item.log_dirs !== undefined) {
      if (
        !Array.isArray(item.log_dirs) ||
        item.log_dirs.length !== item.replicas.length ||
        item.log_dirs.some((d) => typeof d !== 'string')
      )
        throw usageError(`${where}: "log_dirs" must list one directory (or "any") per replica`)
      // Kafka 4.2+ writes each replica's current dir in --generate's current assignment: kept, and
      // checked against the brokers (kfk does not move replicas between dirs).
      if (item.log_dirs.some((d) => d !== 'any'))
        return {
          topic: item.topic,
          partition: item.partition as number,
          replicas: item.replicas as number[],
          logDirs: item.log_dirs as string[],
        }
    }
    return {topic: item.topic, partition: item.partition as number, replicas: item.replicas as number[]}
  })
}

/** A topics-to-move JSON file: {"topics":[{"topic":"foo"}],"version":1}. */
export function parseTopicsToMoveJson(text: string, source: string): string[] {
  const doc = parseJsonObject(text, source)
  const topics = doc.topics ?? []
  if (!Array.isArray(topics)) throw usageError(`${source}: "topics" is not a list`)
  const names = topics.map((t: unknown) => {
    const name = (t as {topic?: unknown})?.topic
    if (typeof name !== 'string' || name === '') throw usageError(`${source}: ${JSON.stringify(t)} has no "topic" name`)
    return name
  })
  const twice = names.filter((n, i) => names.indexOf(n) !== i)
  if (twice.length > 0) throw usageError(`${source} names topic ${[...new Set(twice)].join(', ')} more than once`)
  return names
}

function parseJsonObject(text: string, source: string): Record<string, unknown> {
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch (error) {
    throw usageError(`${source} is not JSON (${(error as Error).message})`)
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw usageError(`${source} is not a JSON object`)
  const version = (doc as {version?: unknown}).version ?? 1
  if (version !== 1) throw usageError(`${source}: version ${JSON.stringify(version)} is not supported (only 1)`)
  return doc as Record<string, unknown>
}

/**
 * Checks a plan before anything changes (usage errors naming the value): not
 * empty, no partition twice, no replica list empty or with a broker twice,
 * every broker live, every topic and partition existing.
 */
export function checkPlan(
  plan: readonly PartitionAssignment[],
  brokers: readonly number[],
  partitionCounts: ReadonlyMap<string, number>,
): void {
  if (plan.length === 0) throw usageError('the reassignment names no partition')
  const seen = new Set<string>()
  for (const a of plan) {
    const name = `${a.topic}-${a.partition}`
    if (seen.has(name)) throw usageError(`partition ${name} is named more than once in the reassignment`)
    seen.add(name)
    if (a.replicas.length === 0) throw usageError(`partition ${name} has an empty replica list`)
    const twice = a.replicas.filter((r, i) => a.replicas.indexOf(r) !== i)
    if (twice.length > 0) throw usageError(`partition ${name} lists broker ${twice[0]} twice: ${a.replicas.join(',')}`)
    const unknown = a.replicas.find((r) => !brokers.includes(r))
    if (unknown !== undefined)
      throw usageError(`partition ${name} names broker ${unknown}, which is not in the cluster`, `Its brokers are: ${brokers.join(', ')}.`)
    const count = partitionCounts.get(a.topic)
    if (count === undefined) throw usageError(`topic '${a.topic}' in the reassignment does not exist`, 'See: kfk topics list')
    if (a.partition >= count)
      throw usageError(
        `partition ${name} does not exist: topic '${a.topic}' has ${count} partition${count === 1 ? '' : 's'} (0-${count - 1})`,
      )
  }
}

export interface BrokerPlacement {
  id: number
  rack: string | null
}

/**
 * Kafka's replica placement (AdminUtils.assignReplicasToBrokers): a random
 * first broker and shift, then round-robin with the shift growing every
 * full turn; rack-aware when brokers have racks (each replica on another rack
 * while racks remain). `random(n)` draws an integer in [0, n).
 */
export function assignReplicas(
  brokers: readonly BrokerPlacement[],
  partitions: number,
  replicationFactor: number,
  options: {rackAware: boolean; random?: (n: number) => number},
): number[][] {
  const random = options.random ?? ((n: number) => Math.floor(Math.random() * n))
  if (partitions <= 0) throw usageError('the number of partitions must be larger than 0')
  if (replicationFactor <= 0) throw usageError('the replication factor must be larger than 0')
  if (replicationFactor > brokers.length)
    throw usageError(`replication factor ${replicationFactor} is larger than the ${brokers.length} broker(s) to place on`)
  const racked = brokers.filter((b) => b.rack !== null)
  if (!options.rackAware || racked.length === 0)
    return rackUnaware(
      brokers.map((b) => b.id),
      partitions,
      replicationFactor,
      random,
    )
  if (racked.length < brokers.length)
    throw usageError('not all brokers have rack information', 'Add --disable-rack-aware to place replicas without racks.')
  return rackAware(brokers, partitions, replicationFactor, random)
}

const replicaIndex = (first: number, shift: number, j: number, n: number) => (first + (1 + ((shift + j) % (n - 1)))) % n

function rackUnaware(ids: readonly number[], partitions: number, rf: number, random: (n: number) => number): number[][] {
  const n = ids.length
  const startIndex = random(n)
  let shift = random(n)
  const out: number[][] = []
  for (let p = 0; p < partitions; p++) {
    if (p > 0 && p % n === 0) shift++
    const first = (p + startIndex) % n
    out.push([ids[first]!, ...Array.from({length: rf - 1}, (_, j) => ids[replicaIndex(first, shift, j, n)]!)])
  }
  return out
}

function rackAware(brokers: readonly BrokerPlacement[], partitions: number, rf: number, random: (n: number) => number): number[][] {
  const rackOf = new Map(brokers.map((b) => [b.id, b.rack!]))
  const racks = [...new Set(rackOf.values())].sort()
  // Brokers alternating between racks (racks by name, brokers by id within each).
  const perRack = racks.map((rack) =>
    brokers
      .filter((b) => b.rack === rack)
      .map((b) => b.id)
      .sort((a, b) => a - b),
  )
  const arranged: number[] = []
  for (let round = 0; arranged.length < brokers.length; round++)
    for (const ids of perRack) if (round < ids.length) arranged.push(ids[round]!)
  const n = arranged.length
  const startIndex = random(n)
  let shift = random(n)
  const out: number[][] = []
  for (let p = 0; p < partitions; p++) {
    if (p > 0 && p % n === 0) shift++
    const first = (p + startIndex) % n
    const leader = arranged[first]!
    const replicas = [leader]
    const racksWith = new Set([rackOf.get(leader)])
    const brokersWith = new Set([leader])
    let k = 0
    for (let j = 0; j < rf - 1; j++) {
      for (;;) {
        const b = arranged[replicaIndex(first, shift * racks.length, k, n)]!
        const rack = rackOf.get(b)
        k++
        if ((!racksWith.has(rack) || racksWith.size === racks.length) && (!brokersWith.has(b) || brokersWith.size === n)) {
          replicas.push(b)
          racksWith.add(rack)
          brokersWith.add(b)
          break
        }
      }
    }
    out.push(replicas)
  }
  return out
}

/** A partition being moved: its replicas before (sources) and the ones being added (destinations). */
export interface Move {
  topic: string
  partition: number
  sources: number[]
  destinations: number[]
}

/**
 * The throttled-replica lists kafka-reassign-partitions sets for --throttle:
 * per topic, "partition:broker" for every source replica (leaders send) and
 * for every destination that is not a source (followers fetch), sorted as
 * strings and joined with commas, as the Java tool writes them.
 */
export function throttledReplicas(moves: readonly Move[]): Map<string, {leader: string; follower: string}> {
  const out = new Map<string, {leader: string; follower: string}>()
  for (const topic of new Set(moves.map((m) => m.topic))) {
    const ofTopic = moves.filter((m) => m.topic === topic)
    const leader = ofTopic.flatMap((m) => m.sources.map((b) => `${m.partition}:${b}`))
    const follower = ofTopic.flatMap((m) => m.destinations.filter((b) => !m.sources.includes(b)).map((b) => `${m.partition}:${b}`))
    out.set(topic, {leader: [...new Set(leader)].sort().join(','), follower: [...new Set(follower)].sort().join(',')})
  }
  return out
}
