/**
 * kafkajs's Cluster as kfk uses it: raw clusters built like the client's own,
 * one connected broker for cluster-wide questions, and hooks on every broker
 * kafkajs creates.
 */
import type * as KafkaJS from 'kafkajs'
import type {RawBroker, RawCluster} from './types.js'

/**
 * One broker to ask cluster-wide questions: an already connected one if any,
 * else the first that connects. (Not brokerPool.withBroker: it swallows every
 * broker's error and resolves null.)
 */
export function anyBroker(cluster: RawCluster): Promise<RawBroker> {
  return cluster.brokerPool.findConnectedBroker()
}

/**
 * A kafkajs Cluster built with the same options as the client's own admin and
 * consumers (kafkajs keeps its factory behind a private symbol).
 */
export function createRawCluster(
  kafka: KafkaJS.Kafka,
  options: {isolationLevel?: number; allowAutoTopicCreation?: boolean} = {},
): RawCluster {
  const factory = (kafka as any)[clusterFactorySymbol(kafka)] as (o: object) => RawCluster
  const cluster = factory({allowAutoTopicCreation: false, ...options})
  explainCoordinatorNotFound(cluster)
  return cluster
}

/**
 * kafkajs asks the brokers for a group's coordinator through
 * brokerPool.withBroker, which drops each broker's error and ends in a bare
 * "Failed to find group coordinator". When that happens, one more FindCoordinator
 * on a connected broker brings out the reason (GROUP_AUTHORIZATION_FAILED,
 * INVALID_GROUP_ID, ...).
 */
function explainCoordinatorNotFound(cluster: RawCluster): void {
  const raw = cluster as any
  const original = raw.findGroupCoordinatorMetadata.bind(cluster)
  raw.findGroupCoordinatorMetadata = async (args: {groupId: string; coordinatorType?: number}) => {
    try {
      return await original(args)
    } catch (error) {
      if ((error as Error).name !== 'KafkaJSGroupCoordinatorNotFound') throw error
      const broker = (await cluster.brokerPool.findConnectedBroker()) as any
      await broker.findGroupCoordinator(args)
      throw error
    }
  }
}

function clusterFactorySymbol(kafka: KafkaJS.Kafka): symbol {
  const symbol = Object.getOwnPropertySymbols(kafka).find((s) => s.description === 'private:Kafka:createCluster')
  if (!symbol) throw new Error('kafkajs internals changed: private:Kafka:createCluster not found')
  return symbol
}

/**
 * Lets kfk adjust every broker object of every kafkajs cluster the client
 * creates (admin, producers, consumers and raw clusters alike), as it is created.
 */
export function decorateBrokers(kafka: KafkaJS.Kafka, decorate: (broker: RawBroker) => void): void {
  const symbol = clusterFactorySymbol(kafka)
  const factory = (kafka as any)[symbol] as (o: object) => RawCluster
  ;(kafka as any)[symbol] = (options: object) => {
    const cluster = factory(options)
    const pool = cluster.brokerPool as unknown as {createBroker: (o: object) => RawBroker}
    const create = pool.createBroker.bind(pool)
    pool.createBroker = (o) => {
      const broker = create(o)
      decorate(broker)
      return broker
    }
    return cluster
  }
}
