/**
 * Share groups (KIP-932, Kafka 4.x queues) in the shape `groups describe`
 * shows every group in: members from ShareGroupDescribe, and per partition the
 * share-partition start offset (records below it are done) and the lag from
 * DescribeShareGroupOffsets, as kafka-share-groups.sh shows them.
 */
import type {RawCluster} from '../kafkajs/types.js'
import {withLagTimes} from './lag-time.js'
import type {GroupDescription, GroupOffsets, PartitionLag} from './model.js'
import {describeOfType} from './group-types.js'
import type {KafkaClient} from '../kafkajs/client.js'
import {logOffsets, LATEST} from './offsets.js'
import {topicLayout} from '../partitions/partitions.js'
import {shareGroupDescribe} from '../protocol/share-group-describe.js'
import {describeShareGroupOffsets} from '../protocol/describe-share-group-offsets.js'
import {tpKey, compareTp} from '../topic-partition.js'

/** The share groups among `groupIds` (others are left out); none where the brokers lack ShareGroupDescribe. */
export async function describeShareGroups(
  cluster: RawCluster,
  groupIds: readonly string[],
  coordinatorOf: (nodeId: number) => GroupDescription['coordinator'],
): Promise<GroupDescription[]> {
  const out: GroupDescription[] = []
  for (const {group: g, coordinator} of await describeOfType(cluster, groupIds, shareGroupDescribe)) {
    out.push({
      groupId: g.groupId,
      exists: g.groupState !== 'Dead',
      type: 'share',
      state: g.groupState,
      protocolType: 'share',
      assignor: g.assignorName,
      coordinator: coordinatorOf(coordinator),
      groupEpoch: g.groupEpoch,
      targetAssignmentEpoch: g.assignmentEpoch,
      members: g.members.map((m) => ({
        memberId: m.memberId,
        instanceId: null,
        clientId: m.clientId,
        host: m.clientHost,
        memberEpoch: m.memberEpoch,
        assignment: m.assignment.topicPartitions
          .flatMap((t) => t.partitions.map((partition) => ({topic: t.topicName, partition})))
          .sort(compareTp),
      })),
    })
  }
  return out
}

/**
 * A share group's partitions: currentOffset is the share-partition start
 * offset, lag the broker's count of records from there not yet acknowledged
 * (Kafka 4.2+; before, log end minus start offset). Several members may
 * share a partition, so no single owner is named.
 */
export async function shareGroupOffsets(client: KafkaClient, group: GroupDescription): Promise<GroupOffsets> {
  const cluster = await client.cluster()
  return client.run('describe share group offsets', async () => {
    const [answer] = await describeShareGroupOffsets(cluster, [group.groupId])
    if (answer?.error) throw answer.error
    // A partition the group was assigned but has no start offset in yet comes back with -1 (kafka-share-groups: "-").
    const known = [...(answer?.partitions ?? [])].sort(compareTp)
    const layout = await topicLayout(
      cluster,
      known.map((p) => p.topic),
    )
    const ends = await logOffsets(cluster, layout, known, LATEST)
    const partitions = known.map((p): PartitionLag => {
      const logEndOffset = ends.get(tpKey(p)) ?? null
      const start = p.startOffset >= 0n ? Number(p.startOffset) : null
      return {
        topic: p.topic,
        partition: p.partition,
        currentOffset: start,
        logEndOffset,
        lag: start === null ? null : p.lag !== null ? Number(p.lag) : logEndOffset !== null ? Math.max(0, logEndOffset - start) : null,
        lagMs: null,
        memberId: null,
        host: null,
        clientId: null,
      }
    })
    return withLagTimes(cluster, layout, {groupId: group.groupId, state: group.state, type: group.type, partitions})
  })
}
