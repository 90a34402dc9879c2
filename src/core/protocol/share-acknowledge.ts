/**
 * ShareAcknowledge — API key 79 (share groups, KIP-932). Versions implemented:
 * 1-2 (Kafka 4.1+), flexible. Acknowledges acquired records without fetching;
 * kfk sends it once per broker when it stops, with session epoch -1, which
 * also closes the share session.
 *
 * Request:  group_id N, member_id N, share_session_epoch INT32, v2+: is_renew_ack BOOLEAN,
 *           topics [topic_id UUID, partitions [partition_index INT32,
 *                   acknowledgement_batches [first_offset INT64, last_offset INT64, acknowledge_types [INT8]]]]
 * Response: throttle_time_ms, error_code, error_message N, v2+: acquisition_lock_timeout_ms INT32,
 *           responses [topic_id, partitions [partition_index, error_code, error_message N,
 *                      current_leader {leader_id, leader_epoch}]],
 *           node_endpoints [node_id, host, port, rack N]
 */
import {sendVersioned} from '../kafkajs/versions.js'
import type {BrokerConnection} from '../kafkajs/types.js'
import {defineRequest} from './compact.js'
import {byTopicId, readLeader, skipNodeEndpoints, writeAcknowledgements, type SharePartitionRequest} from './share-fetch.js'

export const SHARE_ACKNOWLEDGE_API_KEY = 79
const VERSIONS = [1, 2]

export interface ShareAcknowledgeRequest {
  groupId: string
  memberId: string
  sessionEpoch: number
  partitions: SharePartitionRequest[]
}

export interface ShareAcknowledgeResponse {
  errorCode: number
  errorMessage: string | null
  partitions: Array<{topicId: string; partition: number; errorCode: number; errorMessage: string | null}>
}

/** The request of one version (exported for the byte-level unit test). */
export function shareAcknowledgeProtocol(version: number, q: ShareAcknowledgeRequest) {
  return defineRequest<ShareAcknowledgeResponse>({
    apiKey: SHARE_ACKNOWLEDGE_API_KEY,
    apiName: 'ShareAcknowledge',
    version,
    flexible: true,
    encode: (e, w) => {
      w.string(e, q.groupId)
      w.string(e, q.memberId)
      e.writeInt32(q.sessionEpoch)
      if (version >= 2) e.writeBoolean(false)
      w.array(e, byTopicId(q.partitions), (e, [topicId, parts]) => {
        e.writeBuffer(Buffer.from(topicId, 'base64url'))
        w.array(e, parts, (e, p) => {
          e.writeInt32(p.partition)
          writeAcknowledgements(e, w, p.acknowledgements)
          w.tags(e)
        })
        w.tags(e)
      })
      w.tags(e)
    },
    decode: (d, r) => {
      const throttleTimeMs = d.int32()
      const errorCode = d.int16()
      const errorMessage = r.nullableString(d)
      if (version >= 2) d.int32() // acquisition_lock_timeout_ms
      const partitions = r
        .array(d, (d) => {
          const topicId = d.uuid()
          const parts = r.array(d, (d) => {
            const partition = d.int32()
            const code = d.int16()
            const message = r.nullableString(d)
            readLeader(d, r)
            r.tags(d)
            return {topicId, partition, errorCode: code, errorMessage: message}
          })
          r.tags(d)
          return parts
        })
        .flat()
      skipNodeEndpoints(d, r)
      r.tags(d)
      return {throttleTimeMs, result: {errorCode, errorMessage, partitions}}
    },
  })
}

export function shareAcknowledge(broker: BrokerConnection, request: ShareAcknowledgeRequest): Promise<ShareAcknowledgeResponse> {
  return sendVersioned(broker, SHARE_ACKNOWLEDGE_API_KEY, {
    versions: VERSIONS,
    protocol: ({version}) => shareAcknowledgeProtocol(version, request),
  })
}
