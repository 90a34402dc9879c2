import {describeConfigs, initProducerId as initProducerIdOn} from '../kafkajs/broker-calls.js'
import {anyBroker} from '../kafkajs/cluster.js'
import type {RawCluster} from '../kafkajs/types.js'
import {setTimeout as sleep} from 'node:timers/promises'
import {isKafkaError} from '../protocol/kafka-errors.js'
import {topicDenied} from '../errors.js'

/** The broker default for max.message.bytes, used when the topic's config cannot be read. */
const DEFAULT_MAX_MESSAGE_BYTES = 1048588
/** Every refusal by the authorizer. */
const AUTHORIZATION_FAILED = [
  'TOPIC_AUTHORIZATION_FAILED',
  'GROUP_AUTHORIZATION_FAILED',
  'CLUSTER_AUTHORIZATION_FAILED',
  'TRANSACTIONAL_ID_AUTHORIZATION_FAILED',
  'DELEGATION_TOKEN_AUTHORIZATION_FAILED',
] as const

/**
 * A producer id and epoch for an idempotent producer (InitProducerId without
 * a transactional id; any broker answers). A fresh broker answers
 * COORDINATOR_LOAD_IN_PROGRESS or similar until its producer-id block is
 * ready: retried until the caller's timeout.
 */
export async function initProducerId(cluster: RawCluster, topic: string): Promise<{producerId: bigint; producerEpoch: number}> {
  const meta = cluster.findTopicPartitionMetadata(topic)
  for (let attempt = 0; ; attempt++) {
    try {
      const broker = await cluster.findBroker({nodeId: String(meta[attempt % meta.length]!.leader)})
      const r = await initProducerIdOn(broker, {transactionTimeout: 60_000})
      return {producerId: BigInt(r.producerId), producerEpoch: r.producerEpoch}
    } catch (error) {
      // Kafka 3.0+ lets any producer with Write on a topic be idempotent (KIP-679); a refusal means no Write.
      if (isKafkaError(error, 'CLUSTER_AUTHORIZATION_FAILED')) throw topicDenied('Write', topic)
      if (!(error as {retriable?: boolean}).retriable && !/Connection|BrokerNotFound/.test((error as Error).name)) throw error
      await sleep(200)
    }
  }
}

/**
 * The topic's max.message.bytes, to refuse an oversized line before sending
 * it. Writing needs only Write on the topic, so a user who may not
 * DescribeConfigs still produces: kfk then assumes the broker default and
 * lets the broker refuse what is larger.
 */
export async function topicMaxMessageBytes(cluster: RawCluster, topic: string, warn?: (text: string) => void): Promise<number> {
  // Any broker answers for a topic's configs; no admin client is needed (it would connect again).
  const broker = await anyBroker(cluster)
  try {
    const {resources} = await describeConfigs(broker, {
      resources: [{type: 2, name: topic, configNames: ['max.message.bytes']}],
      includeSynonyms: false,
    })
    const entries = resources[0]?.configEntries ?? []
    const value = Number(entries.find((c) => c.configName === 'max.message.bytes')?.configValue)
    return Number.isFinite(value) && value > 0 ? value : DEFAULT_MAX_MESSAGE_BYTES
  } catch (error) {
    if (!isKafkaError(error, ...AUTHORIZATION_FAILED)) throw error
    warn?.(`cannot read ${topic}'s max.message.bytes (no DescribeConfigs permission); assuming ${DEFAULT_MAX_MESSAGE_BYTES}`)
    return DEFAULT_MAX_MESSAGE_BYTES
  }
}
