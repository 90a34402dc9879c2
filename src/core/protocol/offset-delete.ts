/**
 * OffsetDelete — API key 47 (KIP-496). Version implemented: 0; not flexible
 * (Kafka 4.1 supports only v0; a flexible v1 was added later by KIP-1313).
 *
 * Request:  group_id STRING, topics [name STRING, partitions [partition_index INT32]]
 * Response: error_code INT16, throttle_time_ms INT32,
 *           topics [name STRING, partitions [partition_index INT32, error_code INT16]]
 * Must be sent to the group's coordinator. Typical errors: GROUP_SUBSCRIBED_TO_TOPIC (86)
 * per partition while a member still consumes the topic, GROUP_ID_NOT_FOUND (69) /
 * NON_EMPTY_GROUP (68) at the top level.
 */
import {sendVersioned} from '../kafkajs/versions.js'
import type {BrokerConnection, RawCluster} from '../kafkajs/types.js'
import {defineRequest, errorOrNull, writeTopicPartitions} from './compact.js'
import {COORDINATOR_MOVED, Coordinator} from '../coordinator.js'
import {isKafkaError} from './kafka-errors.js'

export const OFFSET_DELETE_API_KEY = 47
const VERSIONS = [0]

export interface OffsetDeleteTopic {
  topic: string
  partitions: number[]
}

export interface OffsetDeletePartitionResult {
  partition: number
  errorCode: number
  error: Error | null
}

export interface OffsetDeleteResult {
  groupId: string
  /** Top-level (group) error; when set, the topics list is usually empty. */
  errorCode: number
  error: Error | null
  topics: Array<{topic: string; partitions: OffsetDeletePartitionResult[]}>
}

function protocol(version: number, groupId: string, topics: readonly OffsetDeleteTopic[]) {
  return defineRequest<OffsetDeleteResult>({
    apiKey: OFFSET_DELETE_API_KEY,
    apiName: 'OffsetDelete',
    version,
    flexible: false,
    encode: (e, w) => {
      w.string(e, groupId)
      writeTopicPartitions(e, w, topics)
    },
    decode: (d, r) => {
      const errorCode = d.int16()
      const throttleTimeMs = d.int32()
      const topicResults = r.array(d, (d) => ({
        topic: r.string(d),
        partitions: r.array(d, (d): OffsetDeletePartitionResult => {
          const partition = d.int32()
          const code = d.int16()
          return {partition, errorCode: code, error: errorOrNull(code)}
        }),
      }))
      return {throttleTimeMs, result: {groupId, errorCode, error: errorOrNull(errorCode), topics: topicResults}}
    },
  })
}

/** Sends OffsetDelete to `broker`, which must be the group's coordinator. */
export async function offsetDeleteOn(
  broker: BrokerConnection,
  groupId: string,
  topics: readonly OffsetDeleteTopic[],
): Promise<OffsetDeleteResult> {
  return sendVersioned(broker, OFFSET_DELETE_API_KEY, {versions: VERSIONS, protocol: ({version}) => protocol(version, groupId, topics)})
}

/**
 * Deletes committed offsets of `groupId` for the given partitions, on the group
 * coordinator (re-resolved and retried a few times on coordinator moves/loading).
 * Group-level and per-partition errors are returned, not thrown.
 */
export async function offsetDelete(
  cluster: RawCluster,
  groupId: string,
  topics: readonly OffsetDeleteTopic[],
): Promise<OffsetDeleteResult> {
  return new Coordinator(cluster, groupId).call((coordinator) => offsetDeleteOn(coordinator, groupId, topics), {
    attempts: 4,
    moved: (result) => isKafkaError(result.errorCode, ...COORDINATOR_MOVED),
  })
}
