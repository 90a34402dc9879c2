/**
 * Which entities a configs command means: the named ones (topics checked to
 * exist), or, when none is named, every topic or broker of the cluster.
 */
import {usageError} from '../../cli/errors.js'
import type {KafkaClient} from '../kafkajs/client.js'
import {topicsNotFound} from '../partitions/not-found.js'
import {clusterMetadata} from '../topics/topics.js'
import type {EntityType} from './configs.js'

export async function resolveConfigEntities(client: KafkaClient, type: EntityType, names: string[]): Promise<string[]> {
  if (type === 'topics') {
    const meta = await clusterMetadata(client, names.length > 0 ? names : null)
    const missing = meta.topics.find((t) => t.errorCode !== 0)
    if (missing) throw topicsNotFound([missing.name])
    if (names.length > 0) return names
    return meta.topics
      .filter((t) => !t.isInternal)
      .map((t) => t.name)
      .sort()
  }
  if (names.length > 0) return names
  if (type === 'brokers' || type === 'broker-loggers')
    return (await clusterMetadata(client, null)).brokers.map((b) => String(b.nodeId)).sort((a, b) => Number(a) - Number(b))
  throw usageError(`name the ${type === 'groups' ? 'group' : 'client metrics subscription'}`, 'Give --entity-name NAME.')
}
