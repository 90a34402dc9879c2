/**
 * ConsumerGroupDescribe — API key 69 (KIP-848 "consumer" protocol groups).
 * Versions implemented: 0-1, all flexible (0+). v1 adds Member.member_type (KIP-1099).
 *
 * Request:  group_ids [COMPACT_STRING], include_authorized_operations BOOLEAN
 * Response: throttle_time_ms INT32,
 *   groups [error_code INT16, error_message COMPACT_NULLABLE_STRING, group_id, group_state,
 *           group_epoch INT32, assignment_epoch INT32, assignor_name,
 *           members [member_id COMPACT_STRING, instance_id N, rack_id N, member_epoch INT32,
 *                    client_id, client_host, subscribed_topic_names [COMPACT_STRING],
 *                    subscribed_topic_regex N, assignment Assignment, target_assignment Assignment,
 *                    v1+: member_type INT8 (-1 unknown, 0 classic, 1 consumer)],
 *           authorized_operations INT32]
 *   Assignment: topic_partitions [topic_id UUID, topic_name COMPACT_STRING, partitions [INT32]]
 * Every struct ends with tagged fields. Must be sent to each group's coordinator;
 * unknown groups (or classic groups) come back with GROUP_ID_NOT_FOUND (69).
 */
import {sendVersioned} from '../kafkajs/versions.js'
import type {BrokerConnection, RawCluster} from '../kafkajs/types.js'
import {defineRequest, errorOrNull, NO_AUTHORIZED_OPERATIONS, type Reader} from './compact.js'
import type {ByteReader} from './bytes.js'
import {askCoordinators} from '../coordinator.js'

export const CONSUMER_GROUP_DESCRIBE_API_KEY = 69
const VERSIONS = [0, 1]

export interface MemberAssignment {
  topicPartitions: Array<{topicId: string; topicName: string; partitions: number[]}>
}

export interface ConsumerGroupMember {
  memberId: string
  instanceId: string | null
  rackId: string | null
  memberEpoch: number
  clientId: string
  clientHost: string
  subscribedTopicNames: string[]
  subscribedTopicRegex: string | null
  assignment: MemberAssignment
  targetAssignment: MemberAssignment
  /** v1+ only. */
  memberType?: 'unknown' | 'classic' | 'consumer'
}

export interface ConsumerGroupDescription {
  groupId: string
  errorCode: number
  errorMessage: string | null
  error: Error | null
  groupState: string
  groupEpoch: number
  assignmentEpoch: number
  assignorName: string
  members: ConsumerGroupMember[]
  /** Only when requested. */
  authorizedOperations?: number
}

const MEMBER_TYPES = {[-1]: 'unknown', 0: 'classic', 1: 'consumer'} as Record<number, ConsumerGroupMember['memberType']>

export function readAssignment(d: ByteReader, r: Reader): MemberAssignment {
  const topicPartitions = r.array(d, (d) => {
    const tp = {topicId: d.uuid(), topicName: r.string(d), partitions: r.array(d, (d) => d.int32())}
    r.tags(d)
    return tp
  })
  r.tags(d)
  return {topicPartitions}
}

function readMember(d: ByteReader, r: Reader, version: number): ConsumerGroupMember {
  const member: ConsumerGroupMember = {
    memberId: r.string(d),
    instanceId: r.nullableString(d),
    rackId: r.nullableString(d),
    memberEpoch: d.int32(),
    clientId: r.string(d),
    clientHost: r.string(d),
    subscribedTopicNames: r.array(d, (d) => r.string(d)),
    subscribedTopicRegex: r.nullableString(d),
    assignment: readAssignment(d, r),
    targetAssignment: readAssignment(d, r),
  }
  if (version >= 1) member.memberType = MEMBER_TYPES[d.int8()] ?? 'unknown'
  r.tags(d)
  return member
}

function protocol(version: number, groupIds: readonly string[], includeAuthorizedOperations: boolean) {
  return defineRequest<ConsumerGroupDescription[]>({
    apiKey: CONSUMER_GROUP_DESCRIBE_API_KEY,
    apiName: 'ConsumerGroupDescribe',
    version,
    flexible: true,
    encode: (e, w) => {
      w.array(e, groupIds, (e, id) => w.string(e, id))
      e.writeBoolean(includeAuthorizedOperations)
      w.tags(e)
    },
    decode: (d, r) => {
      const throttleTimeMs = d.int32()
      const result = r.array(d, (d): ConsumerGroupDescription => {
        const errorCode = d.int16()
        const errorMessage = r.nullableString(d)
        const group: ConsumerGroupDescription = {
          groupId: r.string(d),
          errorCode,
          errorMessage,
          error: errorOrNull(errorCode, errorMessage),
          groupState: r.string(d),
          groupEpoch: d.int32(),
          assignmentEpoch: d.int32(),
          assignorName: r.string(d),
          members: r.array(d, (d) => readMember(d, r, version)),
        }
        const ops = d.int32()
        if (includeAuthorizedOperations && ops !== NO_AUTHORIZED_OPERATIONS) group.authorizedOperations = ops
        r.tags(d)
        return group
      })
      r.tags(d)
      return {throttleTimeMs, result}
    },
  })
}

/** Sends ConsumerGroupDescribe to `broker`, which must coordinate every group asked for. */
export async function consumerGroupDescribeOn(
  broker: BrokerConnection,
  groupIds: readonly string[],
  includeAuthorizedOperations = false,
): Promise<ConsumerGroupDescription[]> {
  return sendVersioned(broker, CONSUMER_GROUP_DESCRIBE_API_KEY, {
    versions: VERSIONS,
    protocol: ({version}) => protocol(version, groupIds, includeAuthorizedOperations),
  })
}

/**
 * Describes KIP-848 consumer groups, each on its coordinator. Per-group errors
 * (e.g. GROUP_ID_NOT_FOUND) are returned, not thrown; results follow `groupIds` order.
 * Groups answered with a coordinator error are re-resolved and retried a few times.
 */
export async function consumerGroupDescribe(
  cluster: RawCluster,
  groupIds: readonly string[],
  options: {includeAuthorizedOperations?: boolean} = {},
): Promise<ConsumerGroupDescription[]> {
  return askCoordinators(
    cluster,
    groupIds,
    (broker, ids) => consumerGroupDescribeOn(broker, ids, options.includeAuthorizedOperations),
    (id) => ({
      groupId: id,
      errorCode: -1,
      errorMessage: 'no result for this group in the broker response',
      error: new Error(`no result for group ${id}`),
      groupState: '',
      groupEpoch: -1,
      assignmentEpoch: -1,
      assignorName: '',
      members: [],
    }),
  )
}
