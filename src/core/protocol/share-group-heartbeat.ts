/**
 * ShareGroupHeartbeat — API key 76 (share groups, KIP-932). Version implemented: 1
 * (Kafka 4.1+; v0 was 4.0's early access), flexible.
 *
 * Request:  group_id, member_id, member_epoch INT32 (0 join, -1 leave), rack_id N,
 *           subscribed_topic_names COMPACT_NULLABLE_ARRAY [COMPACT_STRING] (null: unchanged)
 * Response: throttle_time_ms INT32, error_code INT16, error_message N, member_id N,
 *           member_epoch INT32, heartbeat_interval_ms INT32,
 *           assignment NULLABLE STRUCT (INT8 -1 null / 1 present) [topic_partitions [topic_id UUID, partitions [INT32]]]
 * Unlike a consumer group member, a share member reports no owned partitions:
 * partitions are shared, and the coordinator's assignment is simply adopted.
 */
import {sendVersioned} from '../kafkajs/versions.js'
import type {BrokerConnection} from '../kafkajs/types.js'
import {defineRequest, errorOrNull} from './compact.js'
import type {TopicIdPartitions} from './consumer-group-heartbeat.js'

export const SHARE_GROUP_HEARTBEAT_API_KEY = 76
const VERSIONS = [1]

export interface ShareHeartbeatRequest {
  groupId: string
  memberId: string
  memberEpoch: number
  /** null when unchanged since the last heartbeat. */
  subscribedTopicNames: string[] | null
}

export interface ShareHeartbeatResponse {
  errorCode: number
  error: Error | null
  memberEpoch: number
  heartbeatIntervalMs: number
  /** null when the assignment did not change. */
  assignment: TopicIdPartitions | null
}

/** The request of one version (exported for the byte-level unit test). */
export function shareHeartbeatProtocol(version: number, q: ShareHeartbeatRequest) {
  return defineRequest<ShareHeartbeatResponse>({
    apiKey: SHARE_GROUP_HEARTBEAT_API_KEY,
    apiName: 'ShareGroupHeartbeat',
    version,
    flexible: true,
    encode: (e, w) => {
      w.string(e, q.groupId)
      w.string(e, q.memberId)
      e.writeInt32(q.memberEpoch)
      w.string(e, null) // rack_id
      if (q.subscribedTopicNames === null) w.nullArray(e)
      else w.array(e, q.subscribedTopicNames, (e, t) => w.string(e, t))
      w.tags(e)
    },
    decode: (d, r) => {
      const throttleTimeMs = d.int32()
      const errorCode = d.int16()
      const errorMessage = r.nullableString(d)
      r.nullableString(d) // member_id: the one kfk sent
      const memberEpoch = d.int32()
      const heartbeatIntervalMs = d.int32()
      let assignment: TopicIdPartitions | null = null
      if (d.int8() >= 0) {
        assignment = r.array(d, (d) => {
          const tp = {topicId: d.uuid(), partitions: r.array(d, (d) => d.int32())}
          r.tags(d)
          return tp
        })
        r.tags(d)
      }
      r.tags(d)
      return {
        throttleTimeMs,
        result: {errorCode, error: errorOrNull(errorCode, errorMessage), memberEpoch, heartbeatIntervalMs, assignment},
      }
    },
  })
}

/** Sends one heartbeat to the group's coordinator; errors come back in the response, not thrown. */
export function shareGroupHeartbeat(coordinator: BrokerConnection, request: ShareHeartbeatRequest): Promise<ShareHeartbeatResponse> {
  return sendVersioned(coordinator, SHARE_GROUP_HEARTBEAT_API_KEY, {
    versions: VERSIONS,
    protocol: ({version}) => shareHeartbeatProtocol(version, request),
  })
}
