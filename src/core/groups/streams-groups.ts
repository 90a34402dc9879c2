/**
 * Streams groups (KIP-1071: Kafka Streams applications with
 * group.protocol=streams) in the shape `groups describe` shows every group in.
 * A member owns tasks (subtopology, partition), not partitions; a task reads
 * partition p of each of its subtopology's source topics, so the partitions a
 * member reads follow from its active tasks and the group's topology. Offsets
 * are ordinary committed offsets (OffsetFetch), as for consumer groups.
 */
import type {RawCluster} from '../kafkajs/types.js'
import type {GroupDescription, StreamsTasks} from './model.js'
import {describeOfType} from './group-types.js'
import {streamsGroupDescribe, type StreamsAssignment, type StreamsGroupDescription} from '../protocol/streams-group-describe.js'
import {compareTp, type TopicPartition} from '../topic-partition.js'

/** The streams groups among `groupIds` (others are left out); none where the brokers lack StreamsGroupDescribe. */
export async function describeStreamsGroups(
  cluster: RawCluster,
  groupIds: readonly string[],
  coordinatorOf: (nodeId: number) => GroupDescription['coordinator'],
): Promise<GroupDescription[]> {
  const out: GroupDescription[] = []
  for (const {group: g, coordinator} of await describeOfType(cluster, groupIds, streamsGroupDescribe)) {
    const sources = sourceTopicsBySubtopology(g)
    out.push({
      groupId: g.groupId,
      exists: g.groupState !== 'Dead',
      type: 'streams',
      state: g.groupState,
      protocolType: 'streams',
      assignor: g.assignorName ?? '',
      coordinator: coordinatorOf(coordinator),
      groupEpoch: g.groupEpoch,
      targetAssignmentEpoch: g.assignmentEpoch,
      topologyEpoch: g.topology?.epoch ?? null,
      subtopologies: (g.topology?.subtopologies ?? []).map((s) => ({
        subtopologyId: s.subtopologyId,
        sourceTopics: sources.get(s.subtopologyId) ?? [],
        repartitionSinkTopics: s.repartitionSinkTopics,
        changelogTopics: s.stateChangelogTopics.map((t) => t.name),
      })),
      members: g.members.map((m) => ({
        memberId: m.memberId,
        instanceId: m.instanceId,
        clientId: m.clientId,
        host: m.clientHost,
        memberEpoch: m.memberEpoch,
        processId: m.processId,
        topologyEpoch: m.topologyEpoch,
        assignment: taskPartitions(m.assignment, sources),
        tasks: tasksOf(m.assignment),
        targetTasks: tasksOf(m.targetAssignment),
      })),
    })
  }
  return out
}

/** Per subtopology, the topics its tasks read: the source topics and the repartition topics it reads back. */
function sourceTopicsBySubtopology(g: StreamsGroupDescription): Map<string, string[]> {
  return new Map(
    (g.topology?.subtopologies ?? []).map((s) => [s.subtopologyId, [...s.sourceTopics, ...s.repartitionSourceTopics.map((t) => t.name)]]),
  )
}

/** The partitions a member's active tasks read: task (s, p) reads partition p of each of s's source topics. */
function taskPartitions(a: StreamsAssignment, sources: Map<string, string[]>): TopicPartition[] {
  return a.activeTasks
    .flatMap((t) => (sources.get(t.subtopologyId) ?? []).flatMap((topic) => t.partitions.map((partition) => ({topic, partition}))))
    .sort(compareTp)
}

function tasksOf(a: StreamsAssignment): StreamsTasks {
  const ids = (tasks: StreamsAssignment['activeTasks']) =>
    tasks.map((t) => ({subtopologyId: t.subtopologyId, partitions: [...t.partitions].sort((x, y) => x - y)}))
  return {active: ids(a.activeTasks), standby: ids(a.standbyTasks), warmup: ids(a.warmupTasks)}
}

/** Every internal topic of a streams group's topology: its repartition and changelog topics. */
export function internalTopics(group: GroupDescription): string[] {
  const names = (group.subtopologies ?? []).flatMap((s) => [...s.repartitionSinkTopics, ...s.changelogTopics])
  return [...new Set(names)].sort()
}

/** The topics a streams application reads from outside: source topics that are not its own repartition topics. */
export function inputTopics(group: GroupDescription): string[] {
  const internal = new Set(internalTopics(group))
  return [...new Set((group.subtopologies ?? []).flatMap((s) => s.sourceTopics).filter((t) => !internal.has(t)))].sort()
}
