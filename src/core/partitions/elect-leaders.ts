/**
 * Leader elections (kafka-leader-election): move leadership back to each
 * partition's preferred replica (the first in its replica list), or, unclean,
 * to any live replica when no in-sync one is left.
 */
import {anyBroker} from '../kafkajs/cluster.js'
import type {RawCluster} from '../kafkajs/types.js'
import type {KafkaClient} from '../kafkajs/client.js'
import {ELECTION_NOT_NEEDED, electLeaders as electLeadersRequest, type ElectionType} from '../protocol/elect-leaders.js'
import {fetchMetadata, type PartitionMetadata} from '../protocol/metadata.js'
import {partitionNotFound, throwIfDenied, topicsNotFound} from './not-found.js'
import type {TopicPartitions} from './topic-partitions.js'

export type {ElectionType}

export interface ElectionOutcome {
  topic: string
  partition: number
  /** elected: the wanted replica leads now; already-leader: it did before (nothing changed). */
  outcome: 'elected' | 'already-leader' | 'failed'
  error?: string
}

/** A partition an unclean election could elect an out-of-sync replica for, and what that replica may lack. */
export interface UncleanRisk {
  topic: string
  partition: number
  /** The live replicas that are not in sync: one of them would lead. */
  candidates: number[]
  /** The last in-sync replicas, now offline: the acknowledged records only they hold are lost. */
  lastInSync: number[]
}

type Target = {all: true} | {partitions: readonly TopicPartitions[]}

/** Elects leaders of the named partitions (each topic's every partition when none are named), or of all partitions. */
export async function electLeaders(client: KafkaClient, type: ElectionType, target: Target): Promise<ElectionOutcome[]> {
  return client.run(`${type} leader election`, async () => {
    const cluster = await client.cluster()
    const named = 'all' in target ? null : await resolve(cluster, target.partitions)
    const results = await electLeadersRequest(await anyBroker(cluster), type, named, client.settings.timeoutMs)
    return results
      .map((r): ElectionOutcome => {
        const base = {topic: r.topic, partition: r.partition}
        if (r.errorCode === 0) return {...base, outcome: 'elected'}
        if (r.errorCode === ELECTION_NOT_NEEDED) return {...base, outcome: 'already-leader'}
        return {...base, outcome: 'failed', error: r.message ?? r.error?.message ?? `error code ${r.errorCode}`}
      })
      .sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition)
  })
}

/**
 * The partitions of the target that have no leader, with the live replicas an
 * unclean election would pick from: what `--election-type unclean` puts at risk.
 */
export async function uncleanRisks(client: KafkaClient, target: Target): Promise<UncleanRisk[]> {
  return client.run('describe partitions', async () => {
    const cluster = await client.cluster()
    const named = 'all' in target ? null : await resolve(cluster, target.partitions)
    const metadata = await fetchMetadata(await anyBroker(cluster), named?.map((t) => t.topic) ?? null)
    const wanted = (topic: string, p: PartitionMetadata) =>
      !named || named.some((t) => t.topic === topic && t.partitions.includes(p.partition))
    return metadata.topics.flatMap((t) =>
      t.partitions
        .filter((p) => p.leader < 0 && wanted(t.name, p))
        .map((p) => ({
          topic: t.name,
          partition: p.partition,
          candidates: p.replicas.filter((r) => !p.offlineReplicas.includes(r) && !p.isr.includes(r)),
          lastInSync: p.isr,
        })),
    )
  })
}

/** Topic names and partitions checked against the cluster: a missing topic or partition is named. */
async function resolve(cluster: RawCluster, wanted: readonly TopicPartitions[]): Promise<Array<{topic: string; partitions: number[]}>> {
  const topics = [...new Set(wanted.map((w) => w.topic))]
  const metadata = await fetchMetadata(await anyBroker(cluster), topics)
  throwIfDenied(metadata.topics)
  const missing = topics.filter((t) => !metadata.topics.some((m) => m.name === t && m.errorCode === 0))
  if (missing.length > 0) throw topicsNotFound(missing)
  return topics.map((topic) => {
    const count = metadata.topics.find((m) => m.name === topic)!.partitions.length
    const partitions = new Set<number>()
    for (const w of wanted.filter((w) => w.topic === topic)) {
      for (const p of w.partitions ?? Array.from({length: count}, (_, i) => i)) {
        if (p >= count) throw partitionNotFound(topic, p, count)
        partitions.add(p)
      }
    }
    return {topic, partitions: [...partitions].sort((a, b) => a - b)}
  })
}
