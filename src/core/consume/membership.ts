import {setTimeout as sleep} from 'node:timers/promises'
import {offsetFetch, type RawBroker} from '../kafkajs/adapter.js'
import type {Owned} from './consumer-protocol.js'

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
  committed(partitions: Array<{topic: string; partition: number}>): Promise<Map<string, bigint>>
  leave(): Promise<void>
  stopHeartbeats(): void
}

/** Committed offsets by "topic:partition" (absent where the group has none), from the coordinator. */
export async function fetchCommitted(coordinator: () => Promise<RawBroker>, forget: () => void, groupId: string, partitions: Array<{topic: string; partition: number}>): Promise<Map<string, bigint>> {
  const topics = new Map<string, Array<{partition: number}>>()
  for (const p of partitions) topics.set(p.topic, [...(topics.get(p.topic) ?? []), {partition: p.partition}])
  for (let attempt = 0; ; attempt++) {
    try {
      const answer = await offsetFetch(await coordinator(), {groupId, topics: [...topics].map(([topic, ps]) => ({topic, partitions: ps}))})
      const out = new Map<string, bigint>()
      for (const t of answer) for (const p of t.partitions) if (BigInt(p.offset) >= 0n) out.set(`${t.topic}:${p.partition}`, BigInt(p.offset))
      return out
    } catch (error) {
      // The coordinator moved or is loading the group: find it again, a few times.
      if (attempt >= 5) throw error
      forget()
      await sleep(200 * (attempt + 1))
    }
  }
}

/** "topic:partition" keys grouped by topic. */
export function byTopic(offsets: Map<string, bigint>): Map<string, Array<{partition: number; offset: bigint}>> {
  const topics = new Map<string, Array<{partition: number; offset: bigint}>>()
  for (const [k, offset] of offsets) {
    const i = k.lastIndexOf(':')
    const topic = k.slice(0, i)
    topics.set(topic, [...(topics.get(topic) ?? []), {partition: Number(k.slice(i + 1)), offset}])
  }
  return topics
}
