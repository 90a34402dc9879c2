/**
 * StreamsGroupDescribe — API key 89 (streams groups, KIP-1071). Versions
 * implemented: 1 (Kafka 4.2+: adds the assignor name, and the topology
 * description plugin's text, not asked for) and 0 (Kafka 4.1), flexible.
 *
 * Request:  group_ids [COMPACT_STRING], include_authorized_operations BOOLEAN,
 *           v1+ include_topology_description BOOLEAN
 * Response: throttle_time_ms INT32,
 *   groups [error_code INT16, error_message N, group_id, group_state, group_epoch INT32,
 *           assignment_epoch INT32,
 *           topology Topology (nullable struct: INT8 -1 null, 1 present),
 *           members [member_id, member_epoch INT32, instance_id N, rack_id N, client_id,
 *                    client_host, topology_epoch INT32, process_id,
 *                    user_endpoint Endpoint (nullable struct), client_tags [KeyValue],
 *                    task_offsets [TaskOffset], task_end_offsets [TaskOffset],
 *                    assignment Assignment, target_assignment Assignment, is_classic BOOLEAN],
 *           authorized_operations INT32,
 *           v1+ topology_description TopologyDescription (nullable struct; null unless asked),
 *           v1+ topology_description_status INT8, v1+ assignor_name N]
 *   Topology: epoch INT32, subtopologies N [subtopology_id, source_topics [string],
 *             repartition_sink_topics [string], state_changelog_topics [TopicInfo],
 *             repartition_source_topics [TopicInfo]]
 *   TopicInfo: name, partitions INT32, replication_factor INT16, topic_configs [KeyValue]
 *   Assignment: active_tasks, standby_tasks, warmup_tasks, each [subtopology_id, partitions [INT32]]
 *   Endpoint: host, port UINT16.  TaskOffset: subtopology_id, partition INT32, offset INT64.
 * Every struct ends with tagged fields. Sent to each group's coordinator; a
 * group that is not a streams group comes back with GROUP_ID_NOT_FOUND (69).
 */
import {sendVersioned} from '../kafkajs/versions.js'
import type {BrokerConnection, RawCluster} from '../kafkajs/types.js'
import {defineRequest, errorOrNull, type Reader} from './compact.js'
import type {ByteReader} from './bytes.js'
import {askCoordinators} from '../coordinator.js'

export const STREAMS_GROUP_DESCRIBE_API_KEY = 89
const VERSIONS = [1, 0]

/** Tasks of one subtopology: a task is (subtopology, partition). */
export interface StreamsTaskIds {
  subtopologyId: string
  partitions: number[]
}

export interface StreamsAssignment {
  activeTasks: StreamsTaskIds[]
  standbyTasks: StreamsTaskIds[]
  warmupTasks: StreamsTaskIds[]
}

export interface StreamsTopicInfo {
  name: string
  partitions: number
  replicationFactor: number
}

export interface StreamsSubtopology {
  subtopologyId: string
  sourceTopics: string[]
  repartitionSinkTopics: string[]
  stateChangelogTopics: StreamsTopicInfo[]
  repartitionSourceTopics: StreamsTopicInfo[]
}

export interface StreamsTaskOffset {
  subtopologyId: string
  partition: number
  offset: bigint
}

export interface StreamsGroupMember {
  memberId: string
  memberEpoch: number
  instanceId: string | null
  rackId: string | null
  clientId: string
  clientHost: string
  topologyEpoch: number
  processId: string
  userEndpoint: {host: string; port: number} | null
  clientTags: Record<string, string>
  taskOffsets: StreamsTaskOffset[]
  taskEndOffsets: StreamsTaskOffset[]
  assignment: StreamsAssignment
  targetAssignment: StreamsAssignment
  isClassic: boolean
}

export interface StreamsGroupDescription {
  groupId: string
  errorCode: number
  error: Error | null
  groupState: string
  groupEpoch: number
  assignmentEpoch: number
  /** null until a member has sent the application's topology. */
  topology: {epoch: number; subtopologies: StreamsSubtopology[]} | null
  members: StreamsGroupMember[]
  /** v1+ (Kafka 4.2+); null before. */
  assignorName: string | null
}

/** A nullable struct in a flexible message: INT8 -1 for null, 1 before its fields. */
function nullable<T>(d: ByteReader, read: (d: ByteReader) => T): T | null {
  return d.int8() < 0 ? null : read(d)
}

function readKeyValues(d: ByteReader, r: Reader): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of r.array(d, (d) => {
    const kv = [r.string(d), r.string(d)] as const
    r.tags(d)
    return kv
  }))
    out[k] = v
  return out
}

function readTopicInfo(d: ByteReader, r: Reader): StreamsTopicInfo {
  const info = {name: r.string(d), partitions: d.int32(), replicationFactor: d.int16()}
  readKeyValues(d, r) // topic_configs: what the app asked for the topic, not shown
  r.tags(d)
  return info
}

function readTaskOffsets(d: ByteReader, r: Reader): StreamsTaskOffset[] {
  return r.array(d, (d) => {
    const o = {subtopologyId: r.string(d), partition: d.int32(), offset: d.int64()}
    r.tags(d)
    return o
  })
}

function readAssignment(d: ByteReader, r: Reader): StreamsAssignment {
  const tasks = () =>
    r.array(d, (d): StreamsTaskIds => {
      const t = {subtopologyId: r.string(d), partitions: r.array(d, (d) => d.int32())}
      r.tags(d)
      return t
    })
  const assignment = {activeTasks: tasks(), standbyTasks: tasks(), warmupTasks: tasks()}
  r.tags(d)
  return assignment
}

function readMember(d: ByteReader, r: Reader): StreamsGroupMember {
  const member: StreamsGroupMember = {
    memberId: r.string(d),
    memberEpoch: d.int32(),
    instanceId: r.nullableString(d),
    rackId: r.nullableString(d),
    clientId: r.string(d),
    clientHost: r.string(d),
    topologyEpoch: d.int32(),
    processId: r.string(d),
    userEndpoint: nullable(d, (d) => {
      const endpoint = {host: r.string(d), port: d.int16() & 0xffff} // UINT16
      r.tags(d)
      return endpoint
    }),
    clientTags: readKeyValues(d, r),
    taskOffsets: readTaskOffsets(d, r),
    taskEndOffsets: readTaskOffsets(d, r),
    assignment: readAssignment(d, r),
    targetAssignment: readAssignment(d, r),
    isClassic: d.boolean(),
  }
  r.tags(d)
  return member
}

function readTopology(d: ByteReader, r: Reader): StreamsGroupDescription['topology'] {
  const epoch = d.int32()
  const subtopologies = r.array(d, (d): StreamsSubtopology => {
    const s = {
      subtopologyId: r.string(d),
      sourceTopics: r.array(d, (d) => r.string(d)),
      repartitionSinkTopics: r.array(d, (d) => r.string(d)),
      stateChangelogTopics: r.array(d, (d) => readTopicInfo(d, r)),
      repartitionSourceTopics: r.array(d, (d) => readTopicInfo(d, r)),
    }
    r.tags(d)
    return s
  })
  r.tags(d)
  return {epoch, subtopologies}
}

function protocol(version: number, groupIds: readonly string[]) {
  return defineRequest<StreamsGroupDescription[]>({
    apiKey: STREAMS_GROUP_DESCRIBE_API_KEY,
    apiName: 'StreamsGroupDescribe',
    version,
    flexible: true,
    encode: (e, w) => {
      w.array(e, groupIds, (e, id) => w.string(e, id))
      e.writeBoolean(false)
      if (version >= 1) e.writeBoolean(false) // include_topology_description
      w.tags(e)
    },
    decode: (d, r) => {
      const throttleTimeMs = d.int32()
      const result = r.array(d, (d): StreamsGroupDescription => {
        const errorCode = d.int16()
        const errorMessage = r.nullableString(d)
        const group: StreamsGroupDescription = {
          groupId: r.string(d),
          errorCode,
          error: errorOrNull(errorCode, errorMessage),
          groupState: r.string(d),
          groupEpoch: d.int32(),
          assignmentEpoch: d.int32(),
          topology: nullable(d, (d) => readTopology(d, r)),
          members: r.array(d, (d) => readMember(d, r)),
          assignorName: null,
        }
        d.int32() // authorized_operations (not asked for)
        if (version >= 1) {
          if (d.int8() >= 0) throw new Error('StreamsGroupDescribe: a topology description came back unasked')
          d.int8() // topology_description_status
          group.assignorName = r.nullableString(d)
        }
        r.tags(d)
        return group
      })
      r.tags(d)
      return {throttleTimeMs, result}
    },
  })
}

export async function streamsGroupDescribeOn(broker: BrokerConnection, groupIds: readonly string[]): Promise<StreamsGroupDescription[]> {
  return sendVersioned(broker, STREAMS_GROUP_DESCRIBE_API_KEY, {versions: VERSIONS, protocol: ({version}) => protocol(version, groupIds)})
}

/** Describes streams groups on their coordinators; per-group errors are returned, results follow `groupIds`. */
export async function streamsGroupDescribe(cluster: RawCluster, groupIds: readonly string[]): Promise<StreamsGroupDescription[]> {
  return askCoordinators(cluster, groupIds, streamsGroupDescribeOn, (id) => ({
    groupId: id,
    errorCode: -1,
    error: new Error(`no result for group ${id}`),
    groupState: '',
    groupEpoch: -1,
    assignmentEpoch: -1,
    topology: null,
    members: [],
    assignorName: null,
  }))
}
