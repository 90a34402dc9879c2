/**
 * DescribeShareGroupOffsets — API key 90 (KIP-932). Versions implemented: 0-1, flexible;
 * v1 adds each partition's lag.
 *
 * Request:  groups [group_id, topics [topic_name, partitions [INT32]] (null: every topic)]
 * Response: throttle_time_ms INT32,
 *   groups [group_id, topics [topic_name, topic_id UUID,
 *                             partitions [partition_index INT32, start_offset INT64,
 *                                         leader_epoch INT32, v1+: lag INT64,
 *                                         error_code INT16, error_message N]],
 *           error_code INT16, error_message N]
 * Sent to the group's coordinator. start_offset is the share-partition start
 * offset (SPSO): records below it are done; -1 when the group has none there.
 */
import {sendVersioned} from '../kafkajs/versions.js'
import type {BrokerConnection, RawCluster} from '../kafkajs/types.js'
import {defineRequest, errorOrNull} from './compact.js'
import {askCoordinators} from '../coordinator.js'

export const DESCRIBE_SHARE_GROUP_OFFSETS_API_KEY = 90
const VERSIONS = [0, 1]

export interface SharePartitionOffset {
  topic: string
  partition: number
  /** -1: the group has no start offset there yet. */
  startOffset: bigint
  leaderEpoch: number
  /** v1+: records from the start offset to the end not yet acknowledged; null before v1 or when unknown (-1). */
  lag: bigint | null
  error: Error | null
}

export interface ShareGroupOffsets {
  groupId: string
  errorCode: number
  error: Error | null
  partitions: SharePartitionOffset[]
}

function protocol(version: number, groupIds: readonly string[]) {
  return defineRequest<ShareGroupOffsets[]>({
    apiKey: DESCRIBE_SHARE_GROUP_OFFSETS_API_KEY,
    apiName: 'DescribeShareGroupOffsets',
    version,
    flexible: true,
    encode: (e, w) => {
      w.array(e, groupIds, (e, id) => {
        w.string(e, id)
        w.nullArray(e)
        w.tags(e)
      })
      w.tags(e)
    },
    decode: (d, r) => {
      const throttleTimeMs = d.int32()
      const result = r.array(d, (d): ShareGroupOffsets => {
        const groupId = r.string(d)
        const partitions = r
          .array(d, (d) => {
            const topic = r.string(d)
            d.uuid()
            const parts = r.array(d, (d): SharePartitionOffset => {
              const partition = d.int32()
              const startOffset = d.int64()
              const leaderEpoch = d.int32()
              const lag = version >= 1 ? d.int64() : -1n
              const code = d.int16()
              const message = r.nullableString(d)
              r.tags(d)
              return {topic, partition, startOffset, leaderEpoch, lag: lag >= 0n ? lag : null, error: errorOrNull(code, message)}
            })
            r.tags(d)
            return parts
          })
          .flat()
        const errorCode = d.int16()
        const errorMessage = r.nullableString(d)
        r.tags(d)
        return {groupId, errorCode, error: errorOrNull(errorCode, errorMessage), partitions}
      })
      r.tags(d)
      return {throttleTimeMs, result}
    },
  })
}

export async function describeShareGroupOffsetsOn(broker: BrokerConnection, groupIds: readonly string[]): Promise<ShareGroupOffsets[]> {
  return sendVersioned(broker, DESCRIBE_SHARE_GROUP_OFFSETS_API_KEY, {
    versions: VERSIONS,
    protocol: ({version}) => protocol(version, groupIds),
  })
}

/** Every partition's start offset and lag for each share group, asked of its coordinator; results follow `groupIds`. */
export async function describeShareGroupOffsets(cluster: RawCluster, groupIds: readonly string[]): Promise<ShareGroupOffsets[]> {
  return askCoordinators(cluster, groupIds, describeShareGroupOffsetsOn, (id) => ({
    groupId: id,
    errorCode: -1,
    error: new Error(`no result for group ${id}`),
    partitions: [],
  }))
}
