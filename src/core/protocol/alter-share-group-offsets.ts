/**
 * AlterShareGroupOffsets — API key 91 (KIP-932), version 0, flexible. Sets a
 * share group's start offsets (kafka-share-groups --reset-offsets); the
 * group must have no members. Sent to the group's coordinator.
 *
 * Request:  group_id, topics [topic_name, partitions [partition_index INT32, start_offset INT64]]
 * Response: throttle_time_ms INT32, error_code INT16, error_message N,
 *           responses [topic_name, topic_id UUID, partitions [partition_index INT32, error_code INT16, error_message N]]
 */
import {sendVersioned} from '../kafkajs/versions.js'
import type {BrokerConnection} from '../kafkajs/types.js'
import {defineRequest, errorOrNull} from './compact.js'

export const ALTER_SHARE_GROUP_OFFSETS_API_KEY = 91

export interface ShareOffsetChange {
  topic: string
  partition: number
  startOffset: number
}

export interface AlterShareGroupOffsetsResult {
  /** The whole request's error (e.g. NON_EMPTY_GROUP, GROUP_ID_NOT_FOUND). */
  error: Error | null
  partitions: Array<{topic: string; partition: number; error: Error | null}>
}

function protocol(groupId: string, changes: readonly ShareOffsetChange[]) {
  const topics = new Map<string, ShareOffsetChange[]>()
  for (const c of changes) topics.set(c.topic, [...(topics.get(c.topic) ?? []), c])
  return defineRequest<AlterShareGroupOffsetsResult>({
    apiKey: ALTER_SHARE_GROUP_OFFSETS_API_KEY,
    apiName: 'AlterShareGroupOffsets',
    version: 0,
    flexible: true,
    encode: (e, w) => {
      w.string(e, groupId)
      w.array(e, [...topics], (e, [topic, parts]) => {
        w.string(e, topic)
        w.array(e, parts, (e, p) => {
          e.writeInt32(p.partition)
          e.writeInt64(BigInt(p.startOffset))
          w.tags(e)
        })
        w.tags(e)
      })
      w.tags(e)
    },
    decode: (d, r) => {
      const throttleTimeMs = d.int32()
      const code = d.int16()
      const message = r.nullableString(d)
      const partitions = r
        .array(d, (d) => {
          const topic = r.string(d)
          d.uuid()
          const parts = r.array(d, (d) => {
            const partition = d.int32()
            const error = errorOrNull(d.int16(), r.nullableString(d))
            r.tags(d)
            return {topic, partition, error}
          })
          r.tags(d)
          return parts
        })
        .flat()
      r.tags(d)
      return {throttleTimeMs, result: {error: errorOrNull(code, message), partitions}}
    },
  })
}

export async function alterShareGroupOffsets(
  coordinator: BrokerConnection,
  groupId: string,
  changes: readonly ShareOffsetChange[],
): Promise<AlterShareGroupOffsetsResult> {
  return sendVersioned(coordinator, ALTER_SHARE_GROUP_OFFSETS_API_KEY, {versions: [0], protocol: () => protocol(groupId, changes)})
}
