import {createPartitions, deleteTopics as deleteTopicsOn} from '../kafkajs/broker-calls.js'
import {setTimeout as sleep} from 'node:timers/promises'
import {KfkError, usageError} from '../../cli/errors.js'
import type {KafkaClient} from '../kafkajs/client.js'
import {principalOf} from '../errors.js'
import {isKafkaError} from '../protocol/kafka-errors.js'
import {checkTopicConfigs, checkTopicName, collisionKey, hasCollisionChars} from './rules.js'
import {fetchMetadata, type TopicMetadata} from '../protocol/metadata.js'
import {createTopicsRequest} from '../protocol/create-topics.js'
import {brokerIds, clusterMetadata} from './topics.js'
import {topicsNotFound} from '../partitions/not-found.js'

/** Create, delete and grow topics; one result per topic, nothing thrown for one topic's failure. */
export interface TopicSpec {
  name: string
  partitions?: number
  replicationFactor?: number
  replicaAssignment?: number[][]
  configs?: Record<string, string>
}

export type ItemStatus = 'created' | 'exists' | 'valid' | 'deleted' | 'absent' | 'altered' | 'failed'

export interface ItemResult {
  topic: string
  status: ItemStatus
  ok: boolean
  error: string | null
  partitions?: number
  replicationFactor?: number
}

export interface CreateOutcome {
  results: ItemResult[]
  warnings: string[]
}

type KafkaFailure = {type?: string; message?: string}

/** The Kafka error in what a topic request threw: the cause of kfk's wrapper, the first of kafkajs's aggregate. */
function kafkaFailure(error: unknown): KafkaFailure {
  const e = ((error as KfkError).cause ?? error) as KafkaFailure & {errors?: KafkaFailure[]}
  return e.errors?.[0] ?? e
}

function describeKafkaError(failure: KafkaFailure): string {
  return [failure.type, failure.message].filter(Boolean).join(': ')
}

/** One item's failure; a refusal by the authorizer names the principal and the operation. */
function itemError(client: KafkaClient, error: unknown, operation: 'Create' | 'Delete' | 'Alter', topic: string): string {
  const failure = kafkaFailure(error)
  const text = describeKafkaError(failure)
  const denied = isKafkaError(failure, 'TOPIC_AUTHORIZATION_FAILED', 'CLUSTER_AUTHORIZATION_FAILED') && failure.type
  if (denied) return `${principalOf(client.errorContext)} is not allowed to ${operation} topic "${topic}" (${denied})`
  return text || (error as Error).message
}

/** Checks what can be checked before any topic is created, so a typo creates nothing. */
export function validateSpecs(specs: readonly TopicSpec[], brokers: readonly number[]): void {
  for (const spec of specs) {
    checkTopicName(spec.name)
    if (spec.partitions !== undefined && spec.partitions < 1)
      throw usageError(`--partitions ${spec.partitions}: a topic needs at least 1 partition`)
    if (spec.replicationFactor !== undefined) {
      if (spec.replicationFactor < 1) throw usageError(`--replication-factor ${spec.replicationFactor}: at least 1 replica is needed`)
      if (spec.replicationFactor > brokers.length) {
        throw usageError(
          `--replication-factor ${spec.replicationFactor} is larger than the number of brokers (${brokers.length})`,
          `Use at most ${brokers.length}.`,
        )
      }
    }
    if (spec.replicaAssignment) {
      if (spec.partitions !== undefined || spec.replicationFactor !== undefined) {
        throw usageError(
          '--replica-assignment cannot be combined with --partitions or --replication-factor',
          'The assignment sets both: one entry per partition, replicas separated by ":".',
        )
      }
      const missing = spec.replicaAssignment.flat().find((id) => !brokers.includes(id))
      if (missing !== undefined)
        throw usageError(`--replica-assignment names broker ${missing}, which is not in the cluster (brokers: ${brokers.join(', ')})`)
    }
    checkTopicConfigs(spec.configs ?? {})
  }
}

/** Whether the topic as the cluster now describes it has the partitions and replication `spec` asked for. */
async function asAsked(client: KafkaClient, spec: TopicSpec): Promise<boolean> {
  const topic = (await clusterMetadata(client, [spec.name]).catch(() => undefined))?.topics.find((t) => t.name === spec.name)
  if (!topic || topic.errorCode !== 0) return false
  const partitions = spec.replicaAssignment?.length ?? spec.partitions
  const replication = spec.replicaAssignment?.[0]?.length ?? spec.replicationFactor
  return (
    (partitions === undefined || topic.partitions.length === partitions) &&
    (replication === undefined || topic.partitions.every((p) => p.replicas.length === replication))
  )
}

export async function createTopics(
  client: KafkaClient,
  specs: readonly TopicSpec[],
  options: {ifNotExists?: boolean; validateOnly?: boolean} = {},
): Promise<CreateOutcome> {
  const brokers = await brokerIds(client)
  validateSpecs(specs, brokers)
  const existing = await clusterMetadata(client, null)
  const warnings: string[] = []
  const clashes = new Map<string, string>()
  for (const spec of specs) {
    if (!hasCollisionChars(spec.name)) continue
    const clash = existing.topics.find((t) => t.name !== spec.name && collisionKey(t.name) === collisionKey(spec.name))
    if (clash) clashes.set(spec.name, clash.name)
    else
      warnings.push(
        `topic '${spec.name}' contains '.' or '_'; topics differing only in those would collide in metric names (use one or the other, not both)`,
      )
  }
  const results = await Promise.all(
    specs.map(async (spec): Promise<ItemResult> => {
      const clash = clashes.get(spec.name)
      if (clash)
        return {
          topic: spec.name,
          status: 'failed',
          ok: false,
          error: `topic '${spec.name}' collides with existing topic '${clash}' ('.' and '_' are the same in Kafka's metric names), so Kafka refuses it`,
        }
      try {
        await client.run(`create topic ${spec.name}`, async () => {
          // The controller directly: kafkajs's admin first refreshes metadata for every topic and fails while any partition is leaderless.
          const controller = await (await client.cluster()).findControllerBroker()
          const [created] = await createTopicsRequest(
            controller,
            [
              {
                name: spec.name,
                numPartitions: spec.replicaAssignment ? -1 : (spec.partitions ?? -1),
                replicationFactor: spec.replicaAssignment ? -1 : (spec.replicationFactor ?? -1),
                assignments: spec.replicaAssignment ?? [],
                configs: spec.configs ?? {},
              },
            ],
            {timeoutMs: client.settings.timeoutMs, validateOnly: options.validateOnly ?? false},
          )
          if (created?.error) throw created.error
          if (!options.validateOnly)
            await untilEveryBrokerShows(
              client,
              spec.name,
              (t) => t !== undefined && t.errorCode === 0 && t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0),
            )
        })
        return {topic: spec.name, status: options.validateOnly ? 'valid' : 'created', ok: true, error: null}
      } catch (error) {
        const failure = kafkaFailure(error)
        if (isKafkaError(failure, 'TOPIC_ALREADY_EXISTS')) {
          if (options.ifNotExists) return {topic: spec.name, status: 'exists', ok: true, error: null}
          if (!options.validateOnly && !existing.topics.some((t) => t.name === spec.name) && (await asAsked(client, spec))) {
            // It did not exist a moment ago and now has the shape asked for: a broker forwards CreateTopics to the
            // controller and re-sends it when that connection drops, so our own request can come back "exists".
            warnings.push(
              `topic '${spec.name}': the controller answered that it exists although it did not a moment before (a retried request); it has the partitions and replication asked for`,
            )
            return {topic: spec.name, status: 'created', ok: true, error: null}
          }
          return {
            topic: spec.name,
            status: 'failed',
            ok: false,
            error: `topic '${spec.name}' already exists (use --if-not-exists to skip it)`,
          }
        }
        return {topic: spec.name, status: 'failed', ok: false, error: itemError(client, error, 'Create', spec.name)}
      }
    }),
  )
  await fillShapes(client, results)
  if (options.validateOnly) {
    for (const r of results) {
      const spec = specs.find((s) => s.name === r.topic)!
      if (r.status === 'valid') {
        r.partitions = spec.replicaAssignment?.length ?? spec.partitions
        r.replicationFactor = spec.replicaAssignment?.[0]?.length ?? spec.replicationFactor
      }
    }
  }
  return {results, warnings}
}

/** Adds the real partition count and replication factor of created/existing topics. */
async function fillShapes(client: KafkaClient, results: ItemResult[]): Promise<void> {
  const names = results.filter((r) => r.status === 'created' || r.status === 'exists' || r.status === 'altered').map((r) => r.topic)
  if (names.length === 0) return
  const meta = await clusterMetadata(client, names)
  for (const r of results) {
    const t = meta.topics.find((m) => m.name === r.topic && m.errorCode === 0)
    if (!t) continue
    r.partitions = t.partitions.length
    r.replicationFactor = t.partitions[0]?.replicas.length ?? 0
  }
}

export async function deleteTopics(
  client: KafkaClient,
  names: readonly string[],
  options: {ifExists?: boolean; allowInternal?: boolean} = {},
): Promise<ItemResult[]> {
  const meta = await clusterMetadata(client, names)
  return Promise.all(
    names.map(async (name): Promise<ItemResult> => {
      const t = meta.topics.find((m) => m.name === name)
      if (!t || t.errorCode !== 0) {
        return options.ifExists
          ? {topic: name, status: 'absent', ok: true, error: null}
          : {topic: name, status: 'failed', ok: false, error: topicsNotFound([name]).message}
      }
      if (t.isInternal && !options.allowInternal) {
        return {
          topic: name,
          status: 'failed',
          ok: false,
          error: `'${name}' is an internal topic; refusing to delete it without --allow-internal`,
        }
      }
      try {
        await client.run(`delete topic ${name}`, async () => {
          const controller = await (await client.cluster()).findControllerBroker()
          await deleteTopicsOn(controller, {topics: [name], timeout: client.settings.timeoutMs})
          await untilEveryBrokerShows(client, name, (t) => t === undefined || t.errorCode !== 0)
        })
        return {topic: name, status: 'deleted', ok: true, error: null}
      } catch (error) {
        return {
          topic: name,
          status: 'failed',
          ok: false,
          error: itemError(client, error, 'Delete', name),
        }
      }
    }),
  )
}

/** Grows a topic to `count` partitions; shrinking is refused (Kafka cannot). */
export async function addPartitions(
  client: KafkaClient,
  topic: string,
  count: number,
  options: {validateOnly?: boolean} = {},
): Promise<ItemResult> {
  if (count < 1) throw usageError(`--partitions ${count}: a topic needs at least 1 partition`)
  const meta = await clusterMetadata(client, [topic])
  const t = meta.topics.find((m) => m.name === topic)
  if (!t || t.errorCode !== 0) throw topicsNotFound([topic])
  const current = t.partitions.length
  if (count < current)
    throw usageError(
      `--partitions ${count}: topic '${topic}' has ${current} partitions and Kafka cannot remove partitions`,
      `Use a count above ${current}.`,
    )
  if (count === current) return {topic, status: 'exists', ok: true, error: null, partitions: current}
  try {
    await client.run(`add partitions to ${topic}`, async () => {
      const controller = await (await client.cluster()).findControllerBroker()
      await createPartitions(controller, {
        topicPartitions: [{topic, count, assignments: []}],
        validateOnly: options.validateOnly ?? false,
        timeout: client.settings.timeoutMs,
      })
    })
  } catch (error) {
    return {topic, status: 'failed', ok: false, error: itemError(client, error, 'Alter', topic)}
  }
  return {topic, status: options.validateOnly ? 'valid' : 'altered', ok: true, error: null, partitions: count}
}

/**
 * Read-your-writes for topic changes: polls every broker's metadata until each
 * shows `topic` as `settled` says (a created topic has leaders everywhere, a
 * deleted one is gone everywhere). Brokers learn of changes at slightly
 * different times, and the next command (or this one's summary) may ask any of
 * them. Bounded by client.run's deadline.
 */
async function untilEveryBrokerShows(
  client: KafkaClient,
  topic: string,
  settled: (view: TopicMetadata | undefined) => boolean,
): Promise<void> {
  const cluster = await client.cluster()
  const ids = (cluster.brokerPool.metadata?.brokers ?? []).map((b) => b.nodeId)
  for (let delay = 50; ; delay = Math.min(delay * 2, 500)) {
    const views = await Promise.all(ids.map(async (nodeId) => (await fetchMetadata(await cluster.findBroker({nodeId}), [topic])).topics[0]))
    if (views.every(settled)) return
    await sleep(delay)
  }
}
