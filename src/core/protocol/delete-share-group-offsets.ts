/**
 * DeleteShareGroupOffsets — API key 92 (KIP-932), version 0, flexible.
 * Removes a share group's start offsets of whole topics (kafka-share-groups
 * --delete-offsets); the group must have no members. Sent to its coordinator.
 *
 * Request:  group_id, topics [topic_name]
 * Response: throttle_time_ms INT32, error_code INT16, error_message N,
 *           responses [topic_name, topic_id UUID, error_code INT16, error_message N]
 */
import {sendVersioned} from '../kafkajs/versions.js'
import type {BrokerConnection} from '../kafkajs/types.js'
import {defineRequest, errorOrNull} from './compact.js'

export const DELETE_SHARE_GROUP_OFFSETS_API_KEY = 92

export interface DeleteShareGroupOffsetsResult {
  error: Error | null
  topics: Array<{topic: string; error: Error | null}>
}

function protocol(groupId: string, topics: readonly string[]) {
  return defineRequest<DeleteShareGroupOffsetsResult>({
    apiKey: DELETE_SHARE_GROUP_OFFSETS_API_KEY,
    apiName: 'DeleteShareGroupOffsets',
    version: 0,
    flexible: true,
    encode: (e, w) => {
      w.string(e, groupId)
      w.array(e, topics, (e, topic) => {
        w.string(e, topic)
        w.tags(e)
      })
      w.tags(e)
    },
    decode: (d, r) => {
      const throttleTimeMs = d.int32()
      const error = errorOrNull(d.int16(), r.nullableString(d))
      const results = r.array(d, (d) => {
        const topic = r.string(d)
        d.uuid()
        const topicError = errorOrNull(d.int16(), r.nullableString(d))
        r.tags(d)
        return {topic, error: topicError}
      })
      r.tags(d)
      return {throttleTimeMs, result: {error, topics: results}}
    },
  })
}

export async function deleteShareGroupOffsets(
  coordinator: BrokerConnection,
  groupId: string,
  topics: readonly string[],
): Promise<DeleteShareGroupOffsetsResult> {
  return sendVersioned(coordinator, DELETE_SHARE_GROUP_OFFSETS_API_KEY, {versions: [0], protocol: () => protocol(groupId, topics)})
}
