import {setTimeout as sleep} from 'node:timers/promises'
import {offsetFetch, type RawBroker} from '../../kafkajs/adapter.js'
import {COORDINATOR_MOVED} from '../../protocol/compact.js'
import {isKafkaError} from '../../protocol/kafka-errors.js'
import type {Owned} from './classic-assignment.js'
import {parseTpKey, tpKey} from '../../topic-partition.js'

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

/**
 * Tries against a coordinator that moved or is loading the group: about 25 s
 * with the backoff below. A coordinator killed mid-consume hands the group to
 * another broker, which answers COORDINATOR_LOAD_IN_PROGRESS while it reads
 * the offsets topic (seconds under load).
 */
export const COORDINATOR_ATTEMPTS = 30
/** Member errors of the KIP-848 and share group heartbeats: the member joins again from epoch 0. */
export const MEMBER_FENCED = ['UNKNOWN_MEMBER_ID', 'FENCED_MEMBER_EPOCH'] as const
export const coordinatorBackoff = (attempt: number) => sleep(Math.min(200 * (attempt + 1), 1000))

/** No Kafka error: the connection was lost or timed out, or kafkajs found no coordinator (matched by the error's name and message). */
const CONNECTION_LOST =
  /KafkaJSConnection|KafkaJSRequestTimeout|ECONNREFUSED|ECONNRESET|EPIPE|KafkaJSBrokerNotFound|KafkaJSGroupCoordinatorNotFound/

export function isConnectionLost(error: unknown): boolean {
  const e = error as {name?: string; message?: string} | null | undefined
  return CONNECTION_LOST.test(`${e?.name ?? ''} ${e?.message ?? ''}`)
}

/** Errors after which a member finds the coordinator again and retries: the connection or the coordinator moved, or it is still loading the group. */
export function isCoordinatorRetriable(error: unknown): boolean {
  return isKafkaError(error, ...COORDINATOR_MOVED) || isConnectionLost(error)
}

/** Committed offsets by "topic:partition" (absent where the group has none), from the coordinator. */
export async function fetchCommitted(
  coordinator: () => Promise<RawBroker>,
  forget: () => void,
  groupId: string,
  partitions: Array<{topic: string; partition: number}>,
): Promise<Map<string, bigint>> {
  const topics = new Map<string, Array<{partition: number}>>()
  for (const p of partitions) topics.set(p.topic, [...(topics.get(p.topic) ?? []), {partition: p.partition}])
  for (let attempt = 0; ; attempt++) {
    try {
      const answer = await offsetFetch(await coordinator(), {groupId, topics: [...topics].map(([topic, ps]) => ({topic, partitions: ps}))})
      const out = new Map<string, bigint>()
      for (const t of answer)
        for (const p of t.partitions) if (BigInt(p.offset) >= 0n) out.set(tpKey({topic: t.topic, partition: p.partition}), BigInt(p.offset))
      return out
    } catch (error) {
      // The coordinator moved or is loading the group (a fresh cluster loads its offsets topic for a while): find it again, for about 30 s.
      if (attempt >= COORDINATOR_ATTEMPTS) throw error
      forget()
      await coordinatorBackoff(attempt)
    }
  }
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
