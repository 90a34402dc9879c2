/**
 * What fills each broker's disks (kafka-log-dirs --describe): every log
 * directory of every broker (or those asked for), with each replica's size and,
 * for a replica being moved between directories, how far the copy trails.
 */
import type {KafkaClient} from '../kafkajs/client.js'
import {requireBrokers} from './known-brokers.js'
import {describeLogDirs as describeLogDirsRequest} from '../protocol/describe-log-dirs.js'
import {resolveTopics} from '../partitions/partitions.js'

export interface ReplicaSize {
  topic: string
  partition: number
  /** Bytes on disk, as a decimal string (an INT64). */
  size: number
  /** The replica's log end offset minus the high watermark (a future replica: how far it trails the current one). */
  offsetLag: number
  isFuture: boolean
}

export interface LogDirUsage {
  logDir: string
  error: string | null
  /** The sum of the replicas' sizes in this directory. */
  size: number
  /** The volume's size and free bytes; null where the broker does not say (before Kafka 3.3). */
  totalBytes: number | null
  usableBytes: number | null
  replicas: ReplicaSize[]
}

export interface BrokerLogDirs {
  broker: number
  logDirs: LogDirUsage[]
  error?: string
}

/** Each broker's log dirs, brokers by id; `topics` narrows the replicas (all partitions of each), `brokers` the brokers. */
export async function describeLogDirs(
  client: KafkaClient,
  options: {topics?: readonly string[]; brokers?: readonly number[]},
): Promise<BrokerLogDirs[]> {
  return client.run('describe log dirs', async () => {
    const cluster = await client.cluster()
    const live = await requireBrokers(cluster, options.brokers ?? [])
    const topics = options.topics?.length
      ? (await resolveTopics(cluster, [...new Set(options.topics)])).map((topic) => ({
          topic,
          partitions: cluster.findTopicPartitionMetadata(topic).map((p) => p.partitionId),
        }))
      : null
    const ids = options.brokers?.length ? [...new Set(options.brokers)].sort((a, b) => a - b) : live
    return Promise.all(
      ids.map(async (broker): Promise<BrokerLogDirs> => {
        try {
          const dirs = await describeLogDirsRequest(await cluster.findBroker({nodeId: broker}), topics)
          return {broker, logDirs: dirs.map(usage).sort((a, b) => a.logDir.localeCompare(b.logDir))}
        } catch (error) {
          return {broker, logDirs: [], error: (error as Error).message}
        }
      }),
    )
  })
}

function usage(d: Awaited<ReturnType<typeof describeLogDirsRequest>>[number]): LogDirUsage {
  // Byte counts as JSON numbers: exact below 2^53 bytes (8 PiB).
  const known = (n: bigint) => (n >= 0n ? Number(n) : null)
  return {
    logDir: d.logDir,
    error: d.error?.message ?? null,
    size: Number(d.partitions.reduce((sum, p) => sum + p.size, 0n)),
    totalBytes: known(d.totalBytes),
    usableBytes: known(d.usableBytes),
    replicas: d.partitions
      .map((p) => ({
        topic: p.topic,
        partition: p.partition,
        size: Number(p.size),
        offsetLag: Number(p.offsetLag),
        isFuture: p.isFuture,
      }))
      .sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition),
  }
}
