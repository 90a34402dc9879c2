/**
 * Consumer groups as kafka-consumer-groups.sh sees them: classic groups
 * (DescribeGroups, member assignments decoded from ConsumerProtocol bytes) and
 * KIP-848 consumer-protocol groups (ConsumerGroupDescribe), in one shape.
 */
import {deleteGroups as deleteClassicGroups, describeGroups as describeClassicGroups} from '../kafkajs/broker-calls.js'
import {isUnsupportedApi} from '../kafkajs/versions.js'
import type {RawCluster} from '../kafkajs/types.js'
import {byCoordinator} from '../coordinator.js'
import {isDescribed} from './group-types.js'
import {KfkError} from '../../cli/errors.js'
import {asGroupOperation} from '../errors.js'
import type {KafkaClient} from '../kafkajs/client.js'
import {decodeAssignment} from '../consume/group/classic-assignment.js'
import {committedOffsets, logOffsets, LATEST} from './offsets.js'
import {topicLayout} from '../partitions/partitions.js'
import {withLagTimes} from './lag-time.js'
import type {DeleteGroupResult, DescribedGroup, GroupDescription, GroupListing, GroupMember, GroupOffsets, PartitionLag} from './model.js'
import {consumerGroupDescribe} from '../protocol/consumer-group-describe.js'
import {listGroups as listGroupsRequest} from '../protocol/list-groups.js'
import {describeShareGroups, shareGroupOffsets} from './share-groups.js'
import {describeStreamsGroups} from './streams-groups.js'
import {tpKey, compareTp, type TopicPartition} from '../topic-partition.js'

/**
 * The groups of the cluster, every type (classic, consumer, share, streams) as
 * kafka-groups.sh lists them, or those of the given states, types and
 * protocol types; `consumersOnly`: the groups kafka-consumer-groups.sh shows
 * (classic groups of protocol type "consumer" or none, and KIP-848 groups).
 */
export async function listGroups(
  client: KafkaClient,
  filter: {states?: string[]; types?: string[]; protocols?: string[]; consumersOnly?: boolean} = {},
): Promise<GroupListing[]> {
  const cluster = await client.cluster()
  const types = filter.consumersOnly ? ['classic', 'consumer'] : filter.types
  const groups = await client.run('list groups', () => listGroupsRequest(cluster, {states: filter.states, types}))
  return groups
    .filter((g) => !filter.consumersOnly || g.protocolType === 'consumer' || g.protocolType === '')
    .filter((g) => !filter.protocols || filter.protocols.includes(g.protocolType))
    .map((g) => ({
      groupId: g.groupId,
      state: g.groupState ?? 'Unknown',
      type: (g.groupType ?? 'classic').toLowerCase(),
      protocolType: g.protocolType,
    }))
    .sort((a, b) => (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0))
}

function coordinatorOf(cluster: RawCluster, nodeId: number): GroupDescription['coordinator'] {
  const b = (cluster.brokerPool.metadata?.brokers ?? []).find((x) => x.nodeId === nodeId)
  return {id: nodeId, host: b?.host ?? '', port: b?.port ?? -1}
}

/** Topic partitions of a classic member's ConsumerProtocol assignment (raw bytes in DescribeGroups). */
export function decodeClassicAssignment(bytes: Buffer | null | undefined): TopicPartition[] {
  if (!bytes) return []
  return [...decodeAssignment(bytes)].flatMap(([topic, partitions]) => partitions.map((partition) => ({topic, partition}))).sort(compareTp)
}

const toRefs = (a: {topicPartitions: Array<{topicName: string; partitions: number[]}>}) =>
  a.topicPartitions.flatMap((t) => t.partitions.map((partition) => ({topic: t.topicName, partition}))).sort(compareTp)

/** Describes groups of either protocol; results follow `groupIds` order. Throws only on request failures. */
export async function describeGroups(client: KafkaClient, groupIds: readonly string[]): Promise<GroupDescription[]> {
  const cluster = await client.cluster()
  return client.run('describe groups', () =>
    asGroupOperation('Describe', groupIds, async () => {
      const result = new Map<string, GroupDescription>()
      let consumer: Awaited<ReturnType<typeof consumerGroupDescribe>> = []
      try {
        consumer = await consumerGroupDescribe(cluster, groupIds)
      } catch (error) {
        // Brokers before Kafka 3.7 lack ConsumerGroupDescribe: every group is classic there.
        if (!isUnsupportedApi(error)) throw error
      }
      for (const g of consumer) {
        if (!isDescribed(g)) continue
        const coordinator = await cluster.findGroupCoordinator({groupId: g.groupId})
        result.set(g.groupId, {
          groupId: g.groupId,
          exists: true,
          type: 'consumer',
          state: g.groupState,
          protocolType: 'consumer',
          assignor: g.assignorName,
          coordinator: coordinatorOf(cluster, Number(coordinator.nodeId)),
          groupEpoch: g.groupEpoch,
          targetAssignmentEpoch: g.assignmentEpoch,
          members: g.members.map((m) => ({
            memberId: m.memberId,
            instanceId: m.instanceId,
            clientId: m.clientId,
            host: m.clientHost,
            memberEpoch: m.memberEpoch,
            assignment: toRefs(m.assignment),
            targetAssignment: toRefs(m.targetAssignment),
          })),
        })
      }
      const classicIds = [...new Set(groupIds)].filter((id) => !result.has(id))
      const byNode = await byCoordinator(cluster, classicIds)
      await Promise.all(
        [...byNode].map(async ([nodeId, {broker, ids}]) => {
          const {groups} = await describeClassicGroups(broker, ids)
          for (const g of groups) {
            result.set(g.groupId, {
              groupId: g.groupId,
              exists: g.state !== 'Dead',
              type: 'classic',
              state: g.state,
              protocolType: g.protocolType,
              assignor: g.protocol,
              coordinator: coordinatorOf(cluster, nodeId),
              members: g.members.map((m) => ({
                memberId: m.memberId,
                instanceId: m.groupInstanceId ?? null,
                clientId: m.clientId,
                host: m.clientHost,
                assignment: g.protocolType === 'consumer' || g.protocolType === '' ? decodeClassicAssignment(m.memberAssignment) : [],
              })),
            })
          }
        }),
      )
      // Share and streams groups are unknown to both describes above (DescribeGroups calls them Dead).
      const unknown = () => [...new Set(groupIds)].filter((id) => !result.get(id)?.exists)
      for (const g of await describeShareGroups(cluster, unknown(), (nodeId) => coordinatorOf(cluster, nodeId))) result.set(g.groupId, g)
      for (const g of await describeStreamsGroups(cluster, unknown(), (nodeId) => coordinatorOf(cluster, nodeId))) result.set(g.groupId, g)
      return groupIds.map((id) => result.get(id)!)
    }),
  )
}

export function groupsNotFound(groupIds: readonly string[]): KfkError {
  const many = groupIds.length > 1
  return new KfkError(`consumer group${many ? 's' : ''} ${groupIds.map((g) => `'${g}'`).join(', ')} do${many ? '' : 'es'} not exist`, {
    hint: 'List the groups with: kfk groups list',
  })
}

/**
 * Per partition the committed offset, log-end offset, lag and owner, as
 * ConsumerGroupCommand --describe --offsets computes them: the partitions
 * assigned to members (members with most partitions first), then committed
 * partitions no member owns.
 */
export async function groupOffsets(client: KafkaClient, group: GroupDescription): Promise<GroupOffsets> {
  if (group.type === 'share') return shareGroupOffsets(client, group)
  const cluster = await client.cluster()
  return client.run('describe group offsets', async () => {
    const committed = await committedOffsets(cluster, group.groupId)
    const owners = new Map<string, GroupMember>()
    const assigned: TopicPartition[] = []
    const members = [...group.members].filter((m) => m.assignment.length > 0).sort((a, b) => b.assignment.length - a.assignment.length)
    for (const m of members) {
      for (const tp of m.assignment) {
        if (owners.has(tpKey(tp))) continue
        owners.set(tpKey(tp), m)
        assigned.push(tp)
      }
    }
    const unowned = [...committed.values()]
      .map((c) => c.tp)
      .filter((tp) => !owners.has(tpKey(tp)))
      .sort(compareTp)
    const all = [...assigned, ...unowned]
    const layout = await topicLayout(
      cluster,
      all.map((tp) => tp.topic),
    )
    const ends = await logOffsets(cluster, layout, all, LATEST)
    const partitions = [
      ...members.flatMap((m) => [...m.assignment].sort(compareTp).filter((tp) => owners.get(tpKey(tp)) === m)),
      ...unowned,
    ].map((tp): PartitionLag => {
      const owner = owners.get(tpKey(tp))
      const currentOffset = committed.get(tpKey(tp))?.offset ?? null
      const logEndOffset = ends.get(tpKey(tp)) ?? null
      return {
        topic: tp.topic,
        partition: tp.partition,
        currentOffset,
        logEndOffset,
        lag: currentOffset !== null && logEndOffset !== null ? logEndOffset - currentOffset : null,
        lagMs: null,
        memberId: owner?.memberId ?? null,
        host: owner?.host ?? null,
        clientId: owner?.clientId ?? null,
      }
    })
    return withLagTimes(cluster, layout, {groupId: group.groupId, state: group.state, type: group.type, partitions})
  })
}

/** One snapshot of `groupIds`: the groups that exist (with offsets and lag if `withOffsets`) and the ids that do not. */
export async function describeGroupsSnapshot(
  client: KafkaClient,
  groupIds: readonly string[],
  withOffsets: boolean,
): Promise<{described: DescribedGroup[]; missing: string[]; absent: GroupDescription[]}> {
  const groups = groupIds.length === 0 ? [] : await describeGroups(client, groupIds)
  const found = groups.filter((g) => g.exists)
  const described = withOffsets
    ? await Promise.all(
        found.map(async (g) => {
          const {partitions, totalLag, maxLagMs} = await groupOffsets(client, g)
          return {...g, partitions, totalLag, maxLagMs}
        }),
      )
    : found
  const absent = groups.filter((g) => !g.exists)
  return {described, missing: absent.map((g) => g.groupId), absent}
}

/** "id (client c, host)" per member: how refusals name who is still in a group. */
export function memberNames(members: readonly GroupMember[]): string {
  return members.map((m) => `${m.memberId} (client ${m.clientId}, ${m.host})`).join(', ')
}

/**
 * Which of the described groups may be deleted. A missing group, or one with
 * active members (the broker would refuse it as NON_EMPTY_GROUP, without naming
 * them), gets a refusal saying why and who is still in it.
 */
export function deletableGroups(described: readonly GroupDescription[]): {deletable: string[]; refused: DeleteGroupResult[]} {
  const deletable: string[] = []
  const refused: DeleteGroupResult[] = []
  for (const g of described) {
    if (!g.exists) refused.push({groupId: g.groupId, deleted: false, error: 'the group does not exist'})
    else if (g.members.length > 0) {
      const who = memberNames(g.members)
      refused.push({groupId: g.groupId, deleted: false, error: `the group is ${g.state} with ${g.members.length} active member(s): ${who}`})
    } else deletable.push(g.groupId)
  }
  return {deletable, refused}
}

/** DeleteGroups on each coordinator; per-group outcomes (the broker refuses non-empty groups). */
export async function deleteGroups(client: KafkaClient, groupIds: readonly string[]): Promise<DeleteGroupResult[]> {
  const cluster = await client.cluster()
  return client.run('delete groups', () =>
    asGroupOperation('Delete', groupIds, async () => {
      const out = new Map<string, DeleteGroupResult>()
      const byNode = await byCoordinator(cluster, groupIds)
      await Promise.all(
        [...byNode.values()].map(async ({broker, ids}) => {
          const {results} = await deleteClassicGroups(broker, ids)
          for (const r of results) {
            out.set(r.groupId, {
              groupId: r.groupId,
              deleted: r.errorCode === 0,
              error: r.errorCode === 0 ? null : (r.error?.type ?? `error code ${r.errorCode}`),
            })
          }
        }),
      )
      return groupIds.map((id) => out.get(id) ?? {groupId: id, deleted: false, error: 'no answer from the coordinator'})
    }),
  )
}
