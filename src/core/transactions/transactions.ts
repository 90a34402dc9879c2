/**
 * Transactions (kafka-transactions): what each coordinator is running, the
 * open transactions on a partition, hanging ones (open on a partition while no
 * coordinator will ever end them), and aborting one with a marker written on
 * the partition's leader, as Java's Admin.abortTransaction does.
 */
import {UnsupportedApi} from '../kafkajs/versions.js'
import {anyBroker} from '../kafkajs/cluster.js'
import type {RawCluster} from '../kafkajs/types.js'
import {KfkError, usageError} from '../../cli/errors.js'
import type {KafkaClient} from '../kafkajs/client.js'
import {describeCluster} from '../protocol/describe-cluster.js'
import {describeProducers as describeProducersRequest, type ActiveProducer} from '../protocol/describe-producers.js'
import {COORDINATOR_MOVED, Coordinator, TRANSACTION_COORDINATOR} from '../coordinator.js'
import {isKafkaError} from '../protocol/kafka-errors.js'
import {describeTransactions} from '../protocol/describe-transactions.js'
import {fetchMetadata} from '../protocol/metadata.js'
import {listTransactions as listTransactionsRequest} from '../protocol/list-transactions.js'
import {writeAbortMarker} from '../protocol/write-txn-markers.js'
import {partitionNotFound, throwIfDenied, topicsNotFound} from '../partitions/not-found.js'
import {groupByTopic} from '../partitions/topic-partitions.js'
import {requireBrokers} from '../brokers/known-brokers.js'

export interface TransactionListing {
  transactionalId: string
  coordinator: number
  producerId: string
  state: string
}

/** Every transaction each broker coordinates (kafka-transactions list), by transactional id. */
export async function listTransactions(
  client: KafkaClient,
  filter: {durationMs?: number; transactionalIdPattern?: string; states?: string[]},
): Promise<TransactionListing[]> {
  return client.run('list transactions', async () => {
    const cluster = await client.cluster()
    const {brokers} = await describeCluster(await anyBroker(cluster))
    const listed = await Promise.all(
      brokers.map(async (b) => {
        const broker = await cluster.findBroker({nodeId: b.nodeId})
        const {transactions: found, unknownStates} = await listTransactionsRequest(broker, {
          states: filter.states ?? [],
          producerIds: [],
          durationMs: filter.durationMs,
          transactionalIdPattern: filter.transactionalIdPattern,
        }).catch((error: Error) => {
          if (error instanceof UnsupportedApi && error.offered)
            throw new KfkError(
              `broker ${b.nodeId} cannot filter transactions by ${filter.transactionalIdPattern !== undefined ? 'id pattern (Kafka 4.1+)' : 'duration (Kafka 3.8+)'}`,
              {hint: 'Leave the filter out, or grep the full list.'},
            )
          throw error
        })
        if (unknownStates.length > 0)
          throw usageError(
            `unknown transaction state ${unknownStates.map((st) => `'${st}'`).join(', ')}`,
            'States: Empty, Ongoing, PrepareCommit, PrepareAbort, CompleteCommit, CompleteAbort, Dead, PrepareEpochFence.',
          )
        return found.map((t) => ({
          transactionalId: t.transactionalId,
          coordinator: b.nodeId,
          producerId: t.producerId.toString(),
          state: t.state,
        }))
      }),
    )
    return listed.flat().sort((a, b) => a.transactionalId.localeCompare(b.transactionalId))
  })
}

export interface TransactionDescription {
  coordinatorId: number
  transactionalId: string
  producerId: string
  producerEpoch: number
  state: string
  timeoutMs: number
  /** null when no transaction is running. */
  startTimeMs: number | null
  durationMs: number | null
  /** "topic-partition" of each partition in the transaction, sorted. */
  partitions: string[]
}

/** One transactional id's state on its coordinator (kafka-transactions describe). */
export async function describeTransaction(client: KafkaClient, transactionalId: string): Promise<TransactionDescription> {
  return client.run('describe the transaction', async () => {
    const cluster = await client.cluster()
    const coordinator = await new Coordinator(cluster, transactionalId, TRANSACTION_COORDINATOR).find()
    const [t] = await describeTransactions(coordinator, [transactionalId])
    if (!t) throw new KfkError(`the coordinator gave no answer for transactional id '${transactionalId}'`)
    if (t.error) {
      if (isKafkaError(t.errorCode, 'TRANSACTIONAL_ID_NOT_FOUND'))
        throw new KfkError(`transactional id '${transactionalId}' does not exist`, {hint: 'See: kfk transactions list'})
      throw t.error
    }
    const started = t.startTimeMs >= 0 ? t.startTimeMs : null
    return {
      coordinatorId: coordinator.nodeId ?? -1,
      transactionalId,
      producerId: t.producerId.toString(),
      producerEpoch: t.producerEpoch,
      state: t.state,
      timeoutMs: t.timeoutMs,
      startTimeMs: started,
      durationMs: started === null ? null : Date.now() - started,
      partitions: t.partitions.flatMap((p) => p.partitions.map((n) => `${p.topic}-${n}`)).sort(),
    }
  })
}

export interface ProducerState {
  producerId: string
  producerEpoch: number
  /** -1 when the broker has none for this producer. */
  coordinatorEpoch: number
  lastSequence: number
  lastTimestamp: number
  /** The first offset of the producer's open transaction on this partition; null when none is open. */
  currentTransactionStartOffset: number | null
}

const stateOf = (p: ActiveProducer): ProducerState => ({
  producerId: p.producerId.toString(),
  producerEpoch: p.producerEpoch,
  coordinatorEpoch: p.coordinatorEpoch < 0 ? -1 : p.coordinatorEpoch,
  lastSequence: p.lastSequence,
  lastTimestamp: p.lastTimestamp,
  currentTransactionStartOffset: p.currentTxnStartOffset >= 0n ? Number(p.currentTxnStartOffset) : null,
})

/** The leader of each partition of `topics` (checked to exist), and their replicas. */
async function layout(cluster: RawCluster, topics: readonly string[]) {
  const metadata = await fetchMetadata(await anyBroker(cluster), [...new Set(topics)])
  throwIfDenied(metadata.topics)
  const missing = [...new Set(topics)].filter((t) => !metadata.topics.some((m) => m.name === t && m.errorCode === 0))
  if (missing.length > 0) throw topicsNotFound(missing)
  return metadata.topics.flatMap((t) =>
    t.partitions.map((p) => ({topic: t.name, partition: p.partition, leader: p.leader, replicas: p.replicas})),
  )
}

/** The active producers of a partition, on its leader or on `brokerId` (a follower's view). */
export async function describeProducers(
  client: KafkaClient,
  topic: string,
  partition: number,
  brokerId?: number,
): Promise<ProducerState[]> {
  return client.run('describe producers', async () => {
    const cluster = await client.cluster()
    const parts = await layout(cluster, [topic])
    const p = parts.find((x) => x.partition === partition)
    if (!p) throw partitionNotFound(topic, partition, parts.length)
    if (brokerId !== undefined) await requireBrokers(cluster, [brokerId])
    const target = brokerId ?? p.leader
    if (target < 0) throw new KfkError(`partition ${topic}-${partition} has no leader to ask`, {hint: 'Give --broker-id of a replica.'})
    const [answer] = await describeProducersRequest(await cluster.findBroker({nodeId: target}), [{topic, partitions: [partition]}])
    if (!answer) throw new KfkError(`broker ${target} gave no answer for ${topic}-${partition}`)
    if (answer.error)
      throw new KfkError(
        `broker ${target} could not describe the producers of ${topic}-${partition}: ${answer.message ?? answer.error.message}`,
      )
    return answer.producers.map(stateOf)
  })
}

export interface AbortSpec {
  topic: string
  partition: number
  producerId: string
  producerEpoch: number
  coordinatorEpoch: number
}

/**
 * Aborts the open transaction that starts at `startOffset` on a partition
 * (or the one of the given producer id and epochs): an abort marker written on
 * the partition's leader. Needs ClusterAction on the cluster.
 */
export async function abortTransaction(
  client: KafkaClient,
  target: {topic: string; partition: number} & (
    {startOffset: bigint} | {producerId: bigint; producerEpoch: number; coordinatorEpoch: number}
  ),
): Promise<AbortSpec> {
  const spec: AbortSpec =
    'startOffset' in target
      ? await (async () => {
          const producers = await describeProducers(client, target.topic, target.partition)
          const open = producers.find((p) => p.currentTransactionStartOffset === Number(target.startOffset))
          if (!open)
            throw new KfkError(
              `no open transaction starts at offset ${target.startOffset} on partition ${target.topic}-${target.partition}`,
              {
                hint: `See the open ones: kfk transactions describe-producers --topic ${target.topic} --partition ${target.partition}`,
              },
            )
          return {
            topic: target.topic,
            partition: target.partition,
            producerId: open.producerId,
            producerEpoch: open.producerEpoch,
            coordinatorEpoch: Math.max(0, open.coordinatorEpoch),
          }
        })()
      : {
          topic: target.topic,
          partition: target.partition,
          producerId: target.producerId.toString(),
          producerEpoch: target.producerEpoch,
          coordinatorEpoch: Math.max(0, target.coordinatorEpoch),
        }
  return client.run('abort the transaction', async () => {
    const cluster = await client.cluster()
    const p = (await layout(cluster, [spec.topic])).find((x) => x.partition === spec.partition)
    if (!p) throw partitionNotFound(spec.topic, spec.partition, 0)
    if (p.leader < 0) throw new KfkError(`partition ${spec.topic}-${spec.partition} has no leader to write the abort marker on`)
    await writeAbortMarker(await cluster.findBroker({nodeId: p.leader}), {
      producerId: BigInt(spec.producerId),
      producerEpoch: spec.producerEpoch,
      coordinatorEpoch: spec.coordinatorEpoch,
      topic: spec.topic,
      partition: spec.partition,
    })
    return spec
  })
}

export interface OpenTransaction {
  topic: string
  partition: number
  producerId: string
  producerEpoch: number
  coordinatorEpoch: number
  startOffset: number
  lastTimestamp: number
}

export interface HangingTransaction extends OpenTransaction {
  /** The producer's transactional id, when a coordinator knows it. */
  transactionalId: string | null
  /** Why it hangs: no coordinator knows the producer, or its transaction leaves this partition out. */
  reason: 'unknown-producer' | 'partition-not-in-transaction'
  durationMinutes: number
}

/**
 * kafka-transactions find-hanging's rule: an open transaction older than the
 * longest transaction timeout is hanging when no coordinator knows its
 * producer, or the coordinator's transaction does not include the partition:
 * nothing will ever write its end marker there.
 */
export function hangingOf(
  open: readonly OpenTransaction[],
  idsByProducer: ReadonlyMap<string, string>,
  descriptions: ReadonlyMap<string, {partitions: string[]} | null>,
  now: number,
): HangingTransaction[] {
  return open.flatMap((o): HangingTransaction[] => {
    const id = idsByProducer.get(o.producerId) ?? null
    const description = id === null ? null : (descriptions.get(id) ?? null)
    const base = {...o, transactionalId: id, durationMinutes: Math.floor((now - o.lastTimestamp) / 60_000)}
    if (description === null) return [{...base, reason: 'unknown-producer'}]
    if (!description.partitions.includes(`${o.topic}-${o.partition}`)) return [{...base, reason: 'partition-not-in-transaction'}]
    return []
  })
}

/**
 * The partitions of a transactional id's transaction on its coordinator, or
 * null when the coordinator does not know the id (only then: a coordinator
 * that is loading or moving is asked again, and any other error fails the
 * search rather than call a live transaction hanging).
 */
async function transactionPartitions(cluster: RawCluster, id: string): Promise<{partitions: string[]} | null> {
  const [t] = await new Coordinator(cluster, id, TRANSACTION_COORDINATOR).call((coordinator) => describeTransactions(coordinator, [id]), {
    attempts: 9,
    moved: ([answer]) => answer !== undefined && isKafkaError(answer.errorCode, ...COORDINATOR_MOVED),
  })
  if (!t) throw new KfkError(`the coordinator of transactional id '${id}' gave no answer`)
  if (t.errorCode === 0) return {partitions: t.partitions.flatMap((p) => p.partitions.map((n) => `${p.topic}-${n}`))}
  if (isKafkaError(t.errorCode, 'TRANSACTIONAL_ID_NOT_FOUND')) return null
  throw new KfkError(`could not describe transactional id '${id}': ${t.error?.message ?? `error code ${t.errorCode}`}`, {
    hint: 'Nothing was judged hanging; try again once the coordinator is available.',
  })
}

/** Hanging transactions on the partitions of a topic (or one of them), or on every partition a broker replicates. */
export async function findHanging(
  client: KafkaClient,
  scope: {topic?: string; partition?: number; brokerId?: number; maxTransactionTimeoutMinutes: number},
): Promise<HangingTransaction[]> {
  if (scope.topic === undefined && scope.brokerId === undefined)
    throw usageError('find-hanging needs --topic or --broker-id to limit the search')
  if (scope.partition !== undefined && scope.topic === undefined) throw usageError('--partition needs --topic')
  return client.run('find hanging transactions', async () => {
    const cluster = await client.cluster()
    if (scope.brokerId !== undefined) await requireBrokers(cluster, [scope.brokerId])
    const topics =
      scope.topic !== undefined ? [scope.topic] : (await fetchMetadata(await anyBroker(cluster), null)).topics.map((t) => t.name)
    let parts = await layout(cluster, topics)
    if (scope.partition !== undefined) {
      const count = parts.length
      parts = parts.filter((p) => p.partition === scope.partition)
      if (parts.length === 0) throw partitionNotFound(scope.topic!, scope.partition, count)
    } else if (scope.brokerId !== undefined) parts = parts.filter((p) => p.replicas.includes(scope.brokerId!))
    // Ask each partition's leader (or the given broker) for its producers, one request per broker.
    const byBroker = new Map<number, Array<{topic: string; partition: number}>>()
    for (const p of parts) {
      const broker = scope.brokerId ?? p.leader
      if (broker >= 0) byBroker.set(broker, [...(byBroker.get(broker) ?? []), p])
    }
    const now = Date.now()
    const maxMs = scope.maxTransactionTimeoutMinutes * 60_000
    const open: OpenTransaction[] = []
    for (const [brokerId, list] of byBroker) {
      const answers = await describeProducersRequest(await cluster.findBroker({nodeId: brokerId}), groupByTopic(list))
      for (const a of answers) {
        if (a.error)
          throw new KfkError(
            `broker ${brokerId} could not describe the producers of ${a.topic}-${a.partition}: ${a.message ?? a.error.message}`,
          )
        for (const p of a.producers)
          if (p.currentTxnStartOffset >= 0n && now - p.lastTimestamp > maxMs)
            open.push({
              topic: a.topic,
              partition: a.partition,
              producerId: p.producerId.toString(),
              producerEpoch: p.producerEpoch,
              coordinatorEpoch: p.coordinatorEpoch < 0 ? -1 : p.coordinatorEpoch,
              startOffset: Number(p.currentTxnStartOffset),
              lastTimestamp: p.lastTimestamp,
            })
      }
    }
    if (open.length === 0) return []
    // Which transactional id each producer has, from every coordinator; then those transactions.
    const producerIds = [...new Set(open.map((o) => BigInt(o.producerId)))]
    const {brokers} = await describeCluster(await anyBroker(cluster))
    const idsByProducer = new Map<string, string>()
    for (const b of brokers) {
      const {transactions: listed} = await listTransactionsRequest(await cluster.findBroker({nodeId: b.nodeId}), {states: [], producerIds})
      for (const t of listed) idsByProducer.set(t.producerId.toString(), t.transactionalId)
    }
    const descriptions = new Map<string, {partitions: string[]} | null>()
    for (const id of new Set(idsByProducer.values())) descriptions.set(id, await transactionPartitions(cluster, id))
    return hangingOf(open, idsByProducer, descriptions, Date.now()).sort(
      (a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition || a.producerId.localeCompare(b.producerId),
    )
  })
}
