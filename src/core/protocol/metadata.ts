/**
 * Metadata — API key 3. Versions implemented: 9-12 (flexible since 9; Kafka 2.8
 * and 3.0 stop at 11). kafkajs stops at v6, which has neither topic ids (v10+)
 * nor is_internal per topic in a form it exposes; kafka-topics --describe
 * prints the topic id.
 *
 * Before v12: v9 has no topic_id in the request or response topics (v10 adds
 * them); v9 and v10 carry include_cluster_authorized_operations BOOLEAN after
 * allow_auto_topic_creation, and cluster_authorized_operations INT32 after the
 * response's topics (v11 drops both). v12 lets a topic name be null.
 *
 * Request  v12: topics COMPACT_NULLABLE_ARRAY [topic_id UUID, name COMPACT_NULLABLE_STRING],
 *               allow_auto_topic_creation BOOLEAN, include_topic_authorized_operations BOOLEAN
 * Response v12: throttle_time_ms INT32,
 *               brokers [node_id INT32, host, port INT32, rack NULLABLE],
 *               cluster_id NULLABLE, controller_id INT32,
 *               topics [error_code INT16, name NULLABLE, topic_id UUID, is_internal BOOLEAN,
 *                       partitions [error_code INT16, partition_index INT32, leader_id INT32,
 *                                   leader_epoch INT32, replica_nodes [INT32], isr_nodes [INT32],
 *                                   offline_replicas [INT32]],
 *                       topic_authorized_operations INT32]
 */
import {sendVersioned} from '../kafkajs/versions.js'
import type {BrokerConnection} from '../kafkajs/types.js'
import {defineRequest, errorOrNull} from './compact.js'
import type {ByteReader} from './bytes.js'

export const METADATA_API_KEY = 3
const VERSIONS = [12, 11, 10, 9]
/** The zero UUID (Kafka's Uuid.ZERO_UUID): what a broker before topic ids (Metadata v9) gives a topic. */
export const NO_TOPIC_ID = Buffer.alloc(16).toString('base64url')

export interface PartitionMetadata {
  partition: number
  errorCode: number
  leader: number
  leaderEpoch: number
  replicas: number[]
  isr: number[]
  offlineReplicas: number[]
}

export interface TopicMetadata {
  name: string
  topicId: string
  isInternal: boolean
  errorCode: number
  error: Error | null
  partitions: PartitionMetadata[]
}

export interface ClusterMetadata {
  brokers: Array<{nodeId: number; host: string; port: number; rack: string | null}>
  clusterId: string | null
  controllerId: number
  topics: TopicMetadata[]
}

function protocol(version: number, topics: readonly string[] | null, allowAutoCreate = false) {
  return defineRequest<ClusterMetadata>({
    apiKey: METADATA_API_KEY,
    apiName: 'Metadata',
    version,
    flexible: true,
    encode: (e, w) => {
      if (topics === null) e.writeUVarInt(0)
      else
        w.array(e, topics, (e, name) => {
          if (version >= 10) e.writeBuffer(Buffer.alloc(16)) // zero UUID: look up by name
          w.string(e, name)
          w.tags(e)
        })
      e.writeBoolean(allowAutoCreate)
      if (version <= 10) e.writeBoolean(false) // include_cluster_authorized_operations
      e.writeBoolean(false) // include_topic_authorized_operations
      w.tags(e)
    },
    decode: (d, r) => {
      const throttleTimeMs = d.int32()
      const brokers = r.array(d, (b) => {
        const broker = {nodeId: b.int32(), host: r.string(b), port: b.int32(), rack: r.nullableString(b)}
        r.tags(b)
        return broker
      })
      const clusterId = r.nullableString(d)
      const controllerId = d.int32()
      const int32s = (x: ByteReader) => r.array(x, (y) => y.int32())
      const result = r.array(d, (t): TopicMetadata => {
        const errorCode = t.int16()
        const name = r.nullableString(t) ?? ''
        const topicId = version >= 10 ? t.uuid() : NO_TOPIC_ID
        const isInternal = t.boolean()
        const partitions = r.array(t, (p): PartitionMetadata => {
          const part: PartitionMetadata = {
            errorCode: p.int16(),
            partition: p.int32(),
            leader: p.int32(),
            leaderEpoch: p.int32(),
            replicas: int32s(p),
            isr: int32s(p),
            offlineReplicas: int32s(p),
          }
          r.tags(p)
          return part
        })
        t.int32()
        r.tags(t)
        return {
          name,
          topicId,
          isInternal,
          errorCode,
          error: errorOrNull(errorCode),
          partitions: partitions.sort((a, b) => a.partition - b.partition),
        }
      })
      if (version <= 10) d.int32() // cluster_authorized_operations
      r.tags(d)
      return {throttleTimeMs, result: {brokers, clusterId, controllerId, topics: result}}
    },
  })
}

/**
 * Metadata for `topics` (null: every topic) as `broker` knows it. It creates no topic unless
 * `allowAutoCreate` (what Java's producer asks: a broker with auto.create.topics.enable then creates a missing one).
 */
export async function fetchMetadata(
  broker: BrokerConnection,
  topics: readonly string[] | null,
  options: {allowAutoCreate?: boolean} = {},
): Promise<ClusterMetadata> {
  return sendVersioned(broker, METADATA_API_KEY, {
    versions: VERSIONS,
    protocol: ({version}) => protocol(version, topics, options.allowAutoCreate),
  })
}
