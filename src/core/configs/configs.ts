import {KfkError} from '../../cli/errors.js'
import {describeConfigs as describeRawConfigs} from '../kafkajs/broker-calls.js'
import type {RawCluster} from '../kafkajs/types.js'
import type {KafkaClient} from '../kafkajs/client.js'
import {untilEveryBroker} from '../read-your-writes.js'
import {requireBrokers} from '../brokers/known-brokers.js'
import {ConfigResourceType, incrementalAlterConfigs, type AlterableConfig} from '../protocol/incremental-alter-configs.js'

/** Kafka's ConfigSource names (DescribeConfigs v1+). */
const SOURCES: Record<number, string> = {
  0: 'UNKNOWN',
  1: 'DYNAMIC_TOPIC_CONFIG',
  2: 'DYNAMIC_BROKER_CONFIG',
  3: 'DYNAMIC_DEFAULT_BROKER_CONFIG',
  4: 'STATIC_BROKER_CONFIG',
  5: 'DEFAULT_CONFIG',
  6: 'DYNAMIC_BROKER_LOGGER_CONFIG',
  7: 'CLIENT_METRICS_CONFIG',
  8: 'GROUP_CONFIG',
}

/** kafka-configs' entity types that are config resources (quotas are in core/quotas). */
export type EntityType = 'topics' | 'brokers' | 'broker-loggers' | 'groups' | 'client-metrics'

export interface ConfigEntry {
  name: string
  /** null for sensitive values (never shown) and unset ones. */
  value: string | null
  source: string
  isDefault: boolean
  isSensitive: boolean
  readOnly: boolean
}

export interface EntityConfigs {
  entityType: EntityType
  /** Topic name, broker id, or '' for the cluster-wide broker default. */
  entityName: string
  configs: ConfigEntry[]
}

const RESOURCE: Record<EntityType, number> = {
  topics: ConfigResourceType.TOPIC,
  brokers: ConfigResourceType.BROKER,
  'broker-loggers': ConfigResourceType.BROKER_LOGGER,
  groups: ConfigResourceType.GROUP,
  'client-metrics': ConfigResourceType.CLIENT_METRICS,
}

/** Resources only their own broker can describe or alter: a broker's config and its loggers. */
const perBroker = (entityType: EntityType, name: string) => (entityType === 'brokers' || entityType === 'broker-loggers') && name !== ''
/** The broker ids among the names of a broker entity type (the cluster default, '', is none). */
const brokerIds = (entityType: EntityType, names: readonly string[]) => names.filter((n) => perBroker(entityType, n)).map(Number)

/**
 * Describes configs of topics or brokers. With `all` false only what was set
 * (kafka-configs: dynamic overrides; for a topic, anything not a default).
 */
export async function describeConfigs(
  client: KafkaClient,
  entityType: EntityType,
  names: readonly string[],
  options: {all?: boolean} = {},
): Promise<EntityConfigs[]> {
  return client.run('describe configs', async () => {
    const cluster = await client.cluster()
    await requireBrokers(cluster, brokerIds(entityType, names))
    return Promise.all(
      names.map(async (name) => {
        // Broker resources must be described by that broker; topics and the default by any.
        const broker = perBroker(entityType, name) ? await cluster.findBroker({nodeId: name}) : await cluster.findControllerBroker()
        const response = await describeRawConfigs(broker, {resources: [{type: RESOURCE[entityType], name}], includeSynonyms: false})
        const entries = response.resources[0]?.configEntries ?? []
        const configs = entries
          .map((e) => ({
            name: e.configName,
            value: e.isSensitive ? null : e.configValue,
            source: SOURCES[e.configSource] ?? String(e.configSource),
            isDefault: e.isDefault,
            isSensitive: e.isSensitive,
            readOnly: e.readOnly,
          }))
          .filter((e) => options.all || isOverride(entityType, name, e.source))
          .sort((a, b) => a.name.localeCompare(b.name))
        return {entityType, entityName: name, configs}
      }),
    )
  })
}

/** What kafka-configs --describe shows without --all: what was set on the entity (every logger of a broker). */
function isOverride(entityType: EntityType, name: string, source: string): boolean {
  if (entityType === 'topics') return source === 'DYNAMIC_TOPIC_CONFIG'
  if (entityType === 'broker-loggers') return true
  if (entityType === 'groups') return source === 'GROUP_CONFIG'
  if (entityType === 'client-metrics') return source === 'CLIENT_METRICS_CONFIG'
  if (name === '') return source === 'DYNAMIC_DEFAULT_BROKER_CONFIG'
  return source === 'DYNAMIC_BROKER_CONFIG'
}

/** Non-default configs of each topic as kafka-topics --describe prints them ("Configs:"). */
export async function topicNonDefaultConfigs(client: KafkaClient, topics: readonly string[]): Promise<Map<string, ConfigEntry[]>> {
  if (topics.length === 0) return new Map()
  const described = await describeConfigs(client, 'topics', topics, {all: true})
  return new Map(described.map((d) => [d.entityName, d.configs.filter((c) => !c.isDefault)]))
}

export interface ConfigChange {
  entityType: EntityType
  entityName: string
  set: Record<string, string>
  delete: string[]
}

export interface ConfigChangeResult {
  entityType: EntityType
  entityName: string
  ok: boolean
  set: Record<string, string>
  deleted: string[]
  error: string | null
}

/** Incremental changes (IncrementalAlterConfigs): only the named keys change. */
export async function alterConfigs(
  client: KafkaClient,
  changes: readonly ConfigChange[],
  options: {validateOnly?: boolean} = {},
): Promise<ConfigChangeResult[]> {
  return client.run('alter configs', async () => {
    const cluster = await client.cluster()
    await requireBrokers(
      cluster,
      changes.flatMap((c) => brokerIds(c.entityType, [c.entityName])),
    )
    const resources = changes.map((c) => ({
      resourceType: RESOURCE[c.entityType],
      resourceName: c.entityName,
      configs: [
        ...Object.entries(c.set).map(([name, value]): AlterableConfig => ({name, op: 'set', value})),
        ...c.delete.map((name): AlterableConfig => ({name, op: 'delete'})),
      ],
    }))
    const results = await incrementalAlterConfigs(cluster, resources, options)
    const out = changes.map((c, i) => {
      const r = results[i]
      if (!r) throw new KfkError(`the brokers gave no answer for ${c.entityType} ${c.entityName || '(default)'}`)
      const error = r.errorCode === 0 ? null : explainConfigError(c.entityType, r.error, r.errorMessage)
      return {entityType: c.entityType, entityName: c.entityName, ok: r.errorCode === 0, set: c.set, deleted: c.delete, error}
    })
    if (!options.validateOnly) {
      // A broker applies its own loggers at once; everything else goes through the metadata log.
      for (const c of changes.filter((c, i) => out[i]!.ok && c.entityType !== 'broker-loggers')) {
        await waitUntilBrokersReport(
          cluster,
          client.settings.timeoutMs,
          c.entityType,
          c.entityName,
          new Map([...Object.entries(c.set), ...c.delete.map((k): [string, null] => [k, null])]),
        )
      }
    }
    return out
  })
}

/**
 * Read-your-writes for config changes: the controller accepts a change before
 * every broker has applied it from the metadata log, and a describe right
 * after may reach one that has not. Waits until every broker that serves the
 * resource (one broker for its own config; all of them for a topic or the
 * cluster default) reports each key with its new value (null: no longer
 * overridden). Best effort within half the timeout: the change itself has
 * succeeded, and a broker that lags longer must not turn it into a failure.
 */
export async function waitUntilBrokersReport(
  cluster: RawCluster,
  timeoutMs: number,
  entityType: EntityType,
  entityName: string,
  expected: ReadonlyMap<string, string | null>,
): Promise<void> {
  if (expected.size === 0) return
  const resource = {type: RESOURCE[entityType], name: entityName, configNames: [...expected.keys()]}
  await untilEveryBroker(
    cluster,
    timeoutMs,
    async (broker) => (await describeRawConfigs(broker, {resources: [resource], includeSynonyms: false})).resources[0]?.configEntries ?? [],
    (entries) =>
      [...expected].every(([key, value]) => {
        const e = entries.find((x) => x.configName === key)
        const overridden = e !== undefined && isOverride(entityType, entityName, SOURCES[e.configSource] ?? '')
        if (value === null) return !overridden
        return overridden && (e.isSensitive || e.configValue === value)
      }),
    perBroker(entityType, entityName) ? [entityName] : undefined,
  )
}

/** Config resource types newer than the oldest release kfk supports, and the release that brought each. */
const RESOURCE_SINCE: Partial<Record<EntityType, string>> = {
  groups: 'group configs came with Kafka 4.0 (KIP-848)',
  'client-metrics': 'client metrics subscriptions came with Kafka 3.7 (KIP-714)',
}

function explainConfigError(entityType: EntityType, error: Error | null, message: string | null): string {
  const type = (error as {type?: string} | null)?.type
  // An older broker does not know the resource type at all: "INVALID_REQUEST: Unexpected resource type UNKNOWN".
  const since = RESOURCE_SINCE[entityType]
  if (since && type === 'INVALID_REQUEST' && /resource type/i.test(message ?? '')) return `${since}; this cluster runs an older release`
  return [type, message].filter(Boolean).join(': ') || 'unknown error'
}
