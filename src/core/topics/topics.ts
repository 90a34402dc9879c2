import {anyBroker} from '../kafkajs/cluster.js'
import type {KafkaClient} from '../kafkajs/client.js'
import {topicNonDefaultConfigs, type ConfigEntry} from '../configs/configs.js'
import {describeTopicPartitions, type PartitionElr} from '../protocol/describe-topic-partitions.js'
import {fetchMetadata, type ClusterMetadata, type TopicMetadata} from '../protocol/metadata.js'
import {throwIfDenied} from '../partitions/not-found.js'
import {topicRegex} from '../partitions/topic-partitions.js'
import {tpKey} from '../topic-partition.js'

export interface TopicSummary {
  name: string
  topicId: string
  internal: boolean
  partitions: number
  replicationFactor: number
}

export interface PartitionDescription {
  partition: number
  /** null when the partition has no leader. */
  leader: number | null
  replicas: number[]
  isr: number[]
  offlineReplicas: number[]
  /** Eligible leader replicas (KIP-966); null where the cluster does not report them. */
  elr: number[] | null
  lastKnownElr: number[] | null
}

export interface TopicDescription extends TopicSummary {
  /** Configs that are not Kafka's defaults (as kafka-topics --describe shows them). */
  configs: Record<string, string | null>
  partitionDetails: PartitionDescription[]
}

/** One Metadata v12 request (topic ids included); null asks for every topic. */
export async function clusterMetadata(client: KafkaClient, topics: readonly string[] | null): Promise<ClusterMetadata> {
  return client.run('fetch metadata', async () => {
    const cluster = await client.cluster()
    const metadata = await fetchMetadata(await anyBroker(cluster), topics)
    throwIfDenied(metadata.topics)
    return metadata
  })
}

function summary(t: TopicMetadata): TopicSummary {
  return {
    name: t.name,
    topicId: t.topicId,
    internal: t.isInternal,
    partitions: t.partitions.length,
    replicationFactor: t.partitions[0]?.replicas.length ?? 0,
  }
}

export function compilePattern(pattern: string | undefined): RegExp | undefined {
  return pattern === undefined ? undefined : topicRegex(pattern, '--pattern')
}

export async function listTopics(
  client: KafkaClient,
  options: {includeInternal?: boolean; pattern?: string} = {},
): Promise<TopicSummary[]> {
  const re = compilePattern(options.pattern)
  const meta = await clusterMetadata(client, null)
  return meta.topics
    .filter((t) => t.errorCode === 0 && (options.includeInternal || !t.isInternal) && (!re || re.test(t.name)))
    .map(summary)
    .sort((a, b) => a.name.localeCompare(b.name))
}

/** Characters that make a --topic a regular expression (a '.' alone does not: topic names have dots). */
const REGEX_CHARS = /[*+?()[\]{}|^$\\]/

/**
 * kafka-topics' --topic takes a regular expression: each name that is not a
 * topic but reads as a regex stands for every topic whose whole name matches
 * (internal topics only when asked). A regex matching nothing stays as given,
 * so it is reported as not existing.
 */
export async function expandTopicNames(client: KafkaClient, names: readonly string[], includeInternal = false): Promise<string[]> {
  if (!names.some((n) => REGEX_CHARS.test(n))) return [...names]
  const all = (await clusterMetadata(client, null)).topics.filter((t) => t.errorCode === 0)
  const out = new Set<string>()
  for (const name of names) {
    if (!REGEX_CHARS.test(name) || all.some((t) => t.name === name)) {
      out.add(name)
      continue
    }
    const re = compilePattern(name)!
    const matched = all.filter((t) => (includeInternal || !t.isInternal) && re.test(t.name)).map((t) => t.name)
    for (const m of matched.length > 0 ? matched.sort() : [name]) out.add(m)
  }
  return [...out]
}

export interface DescribeOptions {
  pattern?: string
  includeInternal?: boolean
  /** kafka-topics' --exclude-internal: no internal topic, even under a health filter. */
  excludeInternal?: boolean
  underReplicated?: boolean
  underMinIsr?: boolean
  atMinIsr?: boolean
  unavailable?: boolean
  withOverrides?: boolean
}

export interface DescribeResult {
  topics: TopicDescription[]
  /** Named topics that do not exist. */
  missing: string[]
}

/** Describes named topics (or all / a pattern), with the partition filters of kafka-topics --describe. */
export async function describeTopics(
  client: KafkaClient,
  names: readonly string[],
  options: DescribeOptions = {},
): Promise<DescribeResult> {
  const re = compilePattern(options.pattern)
  const meta = await clusterMetadata(client, names.length > 0 ? names : null)
  const missing = meta.topics.filter((t) => t.errorCode !== 0).map((t) => t.name)
  const live = new Set(meta.brokers.map((b) => b.nodeId))
  const partitionFilter = options.underReplicated || options.underMinIsr || options.atMinIsr || options.unavailable
  // Described all at once, internal topics show only when asked; a health filter (as kafka-topics) looks at them too.
  const internal = !options.excludeInternal && (options.includeInternal || partitionFilter)
  const chosen = meta.topics.filter((t) => t.errorCode === 0 && (names.length > 0 || internal || !t.isInternal) && (!re || re.test(t.name)))
  const [configs, elr] = await Promise.all([
    topicNonDefaultConfigs(
      client,
      chosen.map((t) => t.name),
    ),
    eligibleLeaders(
      client,
      chosen.map((t) => t.name),
    ),
  ])
  const topics: TopicDescription[] = []
  for (const t of chosen.sort((a, b) => a.name.localeCompare(b.name))) {
    const entries = configs.get(t.name) ?? []
    const minIsr = Number(entries.find((c) => c.name === 'min.insync.replicas')?.value ?? 1)
    let partitionDetails = t.partitions.map((p) => ({
      partition: p.partition,
      leader: p.leader >= 0 ? p.leader : null,
      replicas: p.replicas,
      isr: p.isr,
      offlineReplicas: p.offlineReplicas,
      elr: elr.get(tpKey({topic: t.name, partition: p.partition}))?.elr ?? null,
      lastKnownElr: elr.get(tpKey({topic: t.name, partition: p.partition}))?.lastKnownElr ?? null,
    }))
    if (partitionFilter) {
      partitionDetails = partitionDetails.filter(
        (p) =>
          (options.underReplicated && p.isr.length < p.replicas.length) ||
          (options.underMinIsr && p.isr.length < minIsr) ||
          (options.atMinIsr && p.isr.length === minIsr) ||
          (options.unavailable && (p.leader === null || !live.has(p.leader))),
      )
      if (partitionDetails.length === 0) continue
    }
    if (options.withOverrides && entries.length === 0) continue
    topics.push({...summary(t), configs: configRecord(entries), partitionDetails})
  }
  return {topics, missing}
}

/** ELR facts by "topic:partition", as kafka-topics --describe shows them; empty on brokers older than 3.8. */
async function eligibleLeaders(client: KafkaClient, topics: string[]): Promise<Map<string, PartitionElr>> {
  if (topics.length === 0) return new Map()
  const partitions = await client.run('describe topic partitions', async () => {
    const broker = await anyBroker(await client.cluster())
    return broker.versions?.[75] ? describeTopicPartitions(broker, topics) : []
  })
  return new Map(partitions.map((p) => [tpKey(p), p]))
}

function configRecord(entries: ConfigEntry[]): Record<string, string | null> {
  return Object.fromEntries(entries.map((e) => [e.name, e.value]))
}

export async function brokerIds(client: KafkaClient): Promise<number[]> {
  const meta = await clusterMetadata(client, [])
  return meta.brokers.map((b) => b.nodeId).sort((a, b) => a - b)
}
