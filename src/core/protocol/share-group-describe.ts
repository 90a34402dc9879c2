/**
 * ShareGroupDescribe — API key 77 (share groups, KIP-932). Version implemented: 1
 * (Kafka 4.1+; v0 was 4.0's early access), flexible.
 *
 * Request:  group_ids [COMPACT_STRING], include_authorized_operations BOOLEAN
 * Response: throttle_time_ms INT32,
 *   groups [error_code INT16, error_message COMPACT_NULLABLE_STRING, group_id, group_state,
 *           group_epoch INT32, assignment_epoch INT32, assignor_name,
 *           members [member_id, rack_id N, member_epoch INT32, client_id, client_host,
 *                    subscribed_topic_names [COMPACT_STRING], assignment Assignment],
 *           authorized_operations INT32]
 *   Assignment: topic_partitions [topic_id UUID, topic_name, partitions [INT32]]
 * Every struct ends with tagged fields. Sent to each group's coordinator; a group
 * that is not a share group comes back with GROUP_ID_NOT_FOUND (69).
 */
import {sendVersioned} from '../kafkajs/versions.js'
import type {BrokerConnection, RawCluster} from '../kafkajs/types.js'
import {defineRequest, errorOrNull} from './compact.js'
import {readAssignment, type MemberAssignment} from './consumer-group-describe.js'
import {askCoordinators} from '../coordinator.js'

export const SHARE_GROUP_DESCRIBE_API_KEY = 77
const VERSIONS = [1]

export interface ShareGroupMember {
  memberId: string
  rackId: string | null
  memberEpoch: number
  clientId: string
  clientHost: string
  subscribedTopicNames: string[]
  assignment: MemberAssignment
}

export interface ShareGroupDescription {
  groupId: string
  errorCode: number
  error: Error | null
  groupState: string
  groupEpoch: number
  assignmentEpoch: number
  assignorName: string
  members: ShareGroupMember[]
}

function protocol(version: number, groupIds: readonly string[]) {
  return defineRequest<ShareGroupDescription[]>({
    apiKey: SHARE_GROUP_DESCRIBE_API_KEY,
    apiName: 'ShareGroupDescribe',
    version,
    flexible: true,
    encode: (e, w) => {
      w.array(e, groupIds, (e, id) => w.string(e, id))
      e.writeBoolean(false)
      w.tags(e)
    },
    decode: (d, r) => {
      const throttleTimeMs = d.int32()
      const result = r.array(d, (d): ShareGroupDescription => {
        const errorCode = d.int16()
        const errorMessage = r.nullableString(d)
        const group: ShareGroupDescription = {
          groupId: r.string(d),
          errorCode,
          error: errorOrNull(errorCode, errorMessage),
          groupState: r.string(d),
          groupEpoch: d.int32(),
          assignmentEpoch: d.int32(),
          assignorName: r.string(d),
          members: r.array(d, (d): ShareGroupMember => {
            const member = {
              memberId: r.string(d),
              rackId: r.nullableString(d),
              memberEpoch: d.int32(),
              clientId: r.string(d),
              clientHost: r.string(d),
              subscribedTopicNames: r.array(d, (d) => r.string(d)),
              assignment: readAssignment(d, r),
            }
            r.tags(d)
            return member
          }),
        }
        d.int32() // authorized_operations (not asked for)
        r.tags(d)
        return group
      })
      r.tags(d)
      return {throttleTimeMs, result}
    },
  })
}

export async function shareGroupDescribeOn(broker: BrokerConnection, groupIds: readonly string[]): Promise<ShareGroupDescription[]> {
  return sendVersioned(broker, SHARE_GROUP_DESCRIBE_API_KEY, {versions: VERSIONS, protocol: ({version}) => protocol(version, groupIds)})
}

/** Describes share groups on their coordinators; per-group errors are returned, results follow `groupIds`. */
export async function shareGroupDescribe(cluster: RawCluster, groupIds: readonly string[]): Promise<ShareGroupDescription[]> {
  return askCoordinators(cluster, groupIds, shareGroupDescribeOn, (id) => ({
    groupId: id,
    errorCode: -1,
    error: new Error(`no result for group ${id}`),
    groupState: '',
    groupEpoch: -1,
    assignmentEpoch: -1,
    assignorName: '',
    members: [],
  }))
}
