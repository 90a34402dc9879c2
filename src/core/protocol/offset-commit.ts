/**
 * OffsetCommit — API key 8, version 9 only (flexible since 8). kafkajs stops at
 * v5, but a member of a KIP-848 consumer group must commit with v9 or above
 * (the coordinator answers UNSUPPORTED_VERSION otherwise), passing its member
 * epoch where classic members pass the generation.
 *
 * Request v9:  group_id COMPACT_STRING, generation_id_or_member_epoch INT32, member_id COMPACT_STRING,
 *              group_instance_id COMPACT_NULLABLE_STRING,
 *              topics [name COMPACT_STRING, partitions [partition_index INT32, committed_offset INT64,
 *                      committed_leader_epoch INT32, committed_metadata COMPACT_NULLABLE_STRING]]
 * Response v9: throttle_time_ms INT32, topics [name, partitions [partition_index INT32, error_code INT16]]
 */
import {sendVersioned} from '../kafkajs/versions.js'
import type {BrokerConnection} from '../kafkajs/types.js'
import {defineRequest} from './compact.js'

export const OFFSET_COMMIT_API_KEY = 8

export interface OffsetCommitRequest {
  groupId: string
  memberEpoch: number
  memberId: string
  topics: Array<{topic: string; partitions: Array<{partition: number; offset: bigint}>}>
}

function protocol(version: number, q: OffsetCommitRequest) {
  return defineRequest<Array<{topic: string; partition: number; errorCode: number}>>({
    apiKey: OFFSET_COMMIT_API_KEY,
    apiName: 'OffsetCommit',
    version,
    flexible: true,
    encode: (e, w) => {
      w.string(e, q.groupId)
      e.writeInt32(q.memberEpoch)
      w.string(e, q.memberId)
      w.string(e, null)
      w.array(e, q.topics, (e, t) => {
        w.string(e, t.topic)
        w.array(e, t.partitions, (e, p) => {
          e.writeInt32(p.partition)
          e.writeInt64(p.offset.toString())
          e.writeInt32(-1)
          w.string(e, null)
          w.tags(e)
        })
        w.tags(e)
      })
      w.tags(e)
    },
    decode: (d, r) => {
      const throttleTimeMs = d.int32()
      const result = r
        .array(d, (d) => {
          const topic = r.string(d)
          const partitions = r.array(d, (d) => {
            const p = {topic, partition: d.int32(), errorCode: d.int16()}
            r.tags(d)
            return p
          })
          r.tags(d)
          return partitions
        })
        .flat()
      r.tags(d)
      return {throttleTimeMs, result}
    },
  })
}

/**
 * Commits on the group's coordinator. Returns the first partition error code
 * (0 if none): the KIP-848 ones (STALE_MEMBER_EPOCH 113, FENCED_MEMBER_EPOCH 110)
 * are newer than kafkajs's error table, so the caller decides by code.
 */
export async function offsetCommitV9(coordinator: BrokerConnection, request: OffsetCommitRequest): Promise<number> {
  const answer = await sendVersioned(coordinator, OFFSET_COMMIT_API_KEY, {
    versions: [9],
    protocol: ({version}) => protocol(version, request),
  })
  return answer.find((p) => p.errorCode !== 0)?.errorCode ?? 0
}
