/**
 * A kafkajs Cluster for kfk's admin commands that keeps working while some
 * partition has no leader — exactly when `topics describe --unavailable-partitions`
 * is needed.
 *
 * Why: kafkajs encodes an empty topic list as null (= every topic) in Metadata
 * v1-v6 and throws when any partition in the answer reports an error, so its
 * plain refreshMetadata() fails cluster-wide with LEADER_NOT_AVAILABLE as soon
 * as one partition is leaderless. Here a refresh for "no topics" really asks for
 * no topics (Metadata v12, ./protocol/metadata.ts), which is all kafkajs needs
 * to find brokers and the controller. Requests for named topics are untouched.
 */
import type {KafkaClient} from './client.js'
import {createRawCluster, type RawBroker, type RawCluster} from './kafkajs.js'
import {fetchMetadata} from './protocol/metadata.js'

const clusters = new WeakMap<KafkaClient, Promise<RawCluster>>()

async function noTopicsMetadata(broker: RawBroker) {
  const m = await fetchMetadata(broker, [])
  return {throttleTime: 0, brokers: m.brokers, clusterId: m.clusterId, controllerId: m.controllerId, topicMetadata: []}
}

export function metadataCluster(client: KafkaClient): Promise<RawCluster> {
  let cluster = clusters.get(client)
  if (!cluster) {
    cluster = client.run('connect', async () => {
      const raw = createRawCluster(client.kafka)
      const pool = raw.brokerPool as unknown as {createBroker: (options: object) => RawBroker}
      const create = pool.createBroker
      pool.createBroker = (options) => {
        const broker = create(options)
        const original = broker.metadata.bind(broker) as (topics?: string[]) => Promise<unknown>
        broker.metadata = (topics: string[] = []) => (topics.length > 0 ? original(topics) : noTopicsMetadata(broker))
        return broker
      }
      // The client closes what it opened; this cluster is ours, so close it with the client.
      const close = client.close.bind(client)
      client.close = async () => {
        // In parallel with the client's own closers, bounded like them: disconnecting must not keep a finished command alive.
        await Promise.all([Promise.race([raw.disconnect().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 1000).unref())]), close()])
      }
      await raw.connect()
      await raw.refreshMetadata()
      return raw
    })
    clusters.set(client, cluster)
  }
  return cluster
}
