import {offsetFetch} from '../../kafkajs/broker-calls.js'
import type {Coordinator} from '../../coordinator.js'
import type {Owned} from './classic-assignment.js'
import {parseTpKey, tpKey, type TopicPartition} from '../../topic-partition.js'

/**
 * What the group consume loop needs from a member, whichever protocol it
 * speaks (classic JoinGroup/SyncGroup or KIP-848 ConsumerGroupHeartbeat).
 */
export interface Membership {
  readonly memberId: string
  /** Generation (classic) or member epoch (consumer); negative once the member has been dropped. */
  readonly generationId: number
  /** The partitions this member may read now. */
  readonly assignment: Owned
  /** The assignment is about to change: stop reading, commit, then join() again. */
  readonly needsRejoin: boolean
  onRebalance: () => void
  join(): Promise<Owned>
  /** false if the group moved on (the offsets were not committed). */
  commit(offsets: Map<string, bigint>): Promise<boolean>
  committed(partitions: TopicPartition[]): Promise<Map<string, bigint>>
  leave(): Promise<void>
  stopHeartbeats(): void
}

/** Member errors of the KIP-848 and share group heartbeats: the member joins again from epoch 0. */
export const MEMBER_FENCED = ['UNKNOWN_MEMBER_ID', 'FENCED_MEMBER_EPOCH'] as const

/** Committed offsets by "topic:partition" (absent where the group has none), from the coordinator. */
export async function fetchCommitted(coordinator: Coordinator, partitions: TopicPartition[]): Promise<Map<string, bigint>> {
  const topics = new Map<string, Array<{partition: number}>>()
  for (const p of partitions) topics.set(p.topic, [...(topics.get(p.topic) ?? []), {partition: p.partition}])
  const answer = await coordinator.call(
    (c) => offsetFetch(c, {groupId: coordinator.key, topics: [...topics].map(([topic, ps]) => ({topic, partitions: ps}))}),
    // The coordinator moved or is loading the group (a fresh cluster loads its offsets topic for a while), or
    // the group has offsets of a transaction still open (UNSTABLE_OFFSET_COMMIT): any failure is tried again, for about 25 s.
    {retriable: () => true},
  )
  const out = new Map<string, bigint>()
  for (const t of answer)
    for (const p of t.partitions) if (BigInt(p.offset) >= 0n) out.set(tpKey({topic: t.topic, partition: p.partition}), BigInt(p.offset))
  return out
}

/** "topic:partition" keys grouped by topic. */
export function byTopic(offsets: Map<string, bigint>): Map<string, Array<{partition: number; offset: bigint}>> {
  const topics = new Map<string, Array<{partition: number; offset: bigint}>>()
  for (const [k, offset] of offsets) {
    const {topic, partition} = parseTpKey(k)
    topics.set(topic, [...(topics.get(topic) ?? []), {partition, offset}])
  }
  return topics
}
