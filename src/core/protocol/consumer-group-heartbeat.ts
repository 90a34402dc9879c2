/**
 * ConsumerGroupHeartbeat — API key 68 (KIP-848, the "consumer" group protocol).
 * Versions implemented: 0-1, all flexible. v1 adds subscribed_topic_regex.
 *
 * Request:  group_id, member_id COMPACT_STRING, member_epoch INT32 (0 join, -1 leave),
 *           instance_id N, rack_id N, rebalance_timeout_ms INT32,
 *           subscribed_topic_names COMPACT_NULLABLE_ARRAY [COMPACT_STRING], v1+: subscribed_topic_regex N,
 *           server_assignor N, topic_partitions COMPACT_NULLABLE_ARRAY [topic_id UUID, partitions [INT32]]
 * Response: throttle_time_ms INT32, error_code INT16, error_message N, member_id N,
 *           member_epoch INT32, heartbeat_interval_ms INT32,
 *           assignment NULLABLE STRUCT (INT8 -1 null / 1 present) [topic_partitions [topic_id UUID, partitions [INT32]]]
 * Null fields mean "unchanged since the last heartbeat"; kfk sends its whole state each time.
 */
import {sendVersioned} from '../kafkajs/versions.js'
import type {Encoder, BrokerConnection} from '../kafkajs/types.js'
import {defineRequest, errorOrNull, type Reader, type Writer} from './compact.js'
import type {ByteReader} from './bytes.js'

export const CONSUMER_GROUP_HEARTBEAT_API_KEY = 68
const VERSIONS = [0, 1]

/** Partitions by topic id (Kafka's base64url text form). */
export type TopicIdPartitions = Array<{topicId: string; partitions: number[]}>

export interface HeartbeatRequest {
  groupId: string
  memberId: string
  memberEpoch: number
  rebalanceTimeoutMs: number
  subscribedTopicNames: string[] | null
  /** Owned partitions; null when unchanged. */
  topicPartitions: TopicIdPartitions | null
}

export interface HeartbeatResponse {
  errorCode: number
  error: Error | null
  memberId: string | null
  memberEpoch: number
  heartbeatIntervalMs: number
  /** null when the assignment did not change. */
  assignment: TopicIdPartitions | null
}

function writeTopicPartitions(e: Encoder, w: Writer, tps: TopicIdPartitions): void {
  w.array(e, tps, (e, tp) => {
    e.writeBuffer(Buffer.from(tp.topicId, 'base64url'))
    w.array(e, tp.partitions, (e, p) => void e.writeInt32(p))
    w.tags(e)
  })
}

function readTopicPartitions(d: ByteReader, r: Reader): TopicIdPartitions {
  return r.array(d, (d) => {
    const tp = {topicId: d.uuid(), partitions: r.array(d, (d) => d.int32())}
    r.tags(d)
    return tp
  })
}

/** The request of one version (exported for the byte-level unit test). */
export function heartbeatProtocol(version: number, q: HeartbeatRequest) {
  return defineRequest<HeartbeatResponse>({
    apiKey: CONSUMER_GROUP_HEARTBEAT_API_KEY,
    apiName: 'ConsumerGroupHeartbeat',
    version,
    flexible: true,
    encode: (e, w) => {
      w.string(e, q.groupId)
      w.string(e, q.memberId)
      e.writeInt32(q.memberEpoch)
      w.string(e, null) // instance_id: kfk members are dynamic
      w.string(e, null) // rack_id
      e.writeInt32(q.rebalanceTimeoutMs)
      if (q.subscribedTopicNames === null) e.writeUVarInt(0)
      else w.array(e, q.subscribedTopicNames, (e, t) => w.string(e, t))
      if (version >= 1) w.string(e, null) // subscribed_topic_regex
      w.string(e, null) // server_assignor: the group's default
      if (q.topicPartitions === null) e.writeUVarInt(0)
      else writeTopicPartitions(e, w, q.topicPartitions)
      w.tags(e)
    },
    decode: (d, r) => {
      const throttleTimeMs = d.int32()
      const errorCode = d.int16()
      const errorMessage = r.nullableString(d)
      const memberId = r.nullableString(d)
      const memberEpoch = d.int32()
      const heartbeatIntervalMs = d.int32()
      let assignment: TopicIdPartitions | null = null
      if (d.int8() >= 0) {
        assignment = readTopicPartitions(d, r)
        r.tags(d)
      }
      r.tags(d)
      return {
        throttleTimeMs,
        result: {errorCode, error: errorOrNull(errorCode, errorMessage), memberId, memberEpoch, heartbeatIntervalMs, assignment},
      }
    },
  })
}

/** Whether this broker offers the consumer protocol (the default --group-protocol follows it). */
export function supportsConsumerProtocol(broker: BrokerConnection): boolean {
  return broker.versions?.[CONSUMER_GROUP_HEARTBEAT_API_KEY] !== undefined
}

/** Sends one heartbeat to the group's coordinator; errors come back in the response, not thrown. */
export function consumerGroupHeartbeat(coordinator: BrokerConnection, request: HeartbeatRequest): Promise<HeartbeatResponse> {
  return sendVersioned(coordinator, CONSUMER_GROUP_HEARTBEAT_API_KEY, {
    versions: VERSIONS,
    protocol: ({version}) => heartbeatProtocol(version, request),
  })
}
