import type {Owned, Subscription} from './classic-assignment.js'
import {tpKey} from '../../topic-partition.js'

/**
 * The classic protocol's client-side assignors, under the names Java's
 * consumer registers them, so a group mixing kfk and Java members agrees on
 * one: "range" (eager: every member gives up everything before a rebalance)
 * and "cooperative-sticky" (members keep what they own; a partition moving
 * between members is first revoked by its owner, then handed out in the
 * follow-up rebalance that owner triggers).
 */
export interface GroupMember {
  memberId: string
  groupInstanceId: string | null
  subscription: Subscription
}

export interface Assignor {
  name: 'range' | 'cooperative-sticky'
  /** Whether members keep their partitions across a rebalance (Java's RebalanceProtocol.COOPERATIVE). */
  cooperative: boolean
  assign(partitionsPerTopic: Map<string, number>, members: GroupMember[]): Map<string, Owned>
}

export const ASSIGNORS: Record<Assignor['name'], Assignor> = {
  range: {name: 'range', cooperative: false, assign: rangeAssign},
  'cooperative-sticky': {name: 'cooperative-sticky', cooperative: true, assign: cooperativeStickyAssign},
}

/** Java's member order: static members (by instance id) first, then by member id. */
function byMemberOrder(a: GroupMember, b: GroupMember): number {
  if (a.groupInstanceId !== null && b.groupInstanceId !== null) return compare(a.groupInstanceId, b.groupInstanceId)
  if (a.groupInstanceId !== null) return -1
  if (b.groupInstanceId !== null) return 1
  return compare(a.memberId, b.memberId)
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function emptyAssignment(members: GroupMember[]): Map<string, Owned> {
  return new Map(members.map((m) => [m.memberId, new Map<string, number[]>()]))
}

function add(assignment: Map<string, Owned>, memberId: string, topic: string, partition: number): void {
  const owned = assignment.get(memberId)!
  const list = owned.get(topic)
  if (list) list.push(partition)
  else owned.set(topic, [partition])
}

/** Java's RangeAssignor (without rack awareness): per topic, contiguous ranges, the first members one extra. */
export function rangeAssign(partitionsPerTopic: Map<string, number>, members: GroupMember[]): Map<string, Owned> {
  const assignment = emptyAssignment(members)
  for (const [topic, count] of [...partitionsPerTopic].sort(([a], [b]) => compare(a, b))) {
    const consumers = members.filter((m) => m.subscription.topics.includes(topic)).sort(byMemberOrder)
    if (consumers.length === 0) continue
    const per = Math.floor(count / consumers.length)
    const extra = count % consumers.length
    consumers.forEach((m, i) => {
      const start = per * i + Math.min(i, extra)
      const length = per + (i < extra ? 1 : 0)
      for (let p = start; p < start + length; p++) add(assignment, m.memberId, topic, p)
    })
  }
  return assignment
}

const key = (topic: string, partition: number) => tpKey({topic, partition})

/**
 * A balanced assignment that keeps as many owned partitions as balance
 * allows (AbstractStickyAssignor's goal, by a simpler greedy route), then
 * withholds partitions that change owner (CooperativeStickyAssignor).
 */
export function cooperativeStickyAssign(partitionsPerTopic: Map<string, number>, members: GroupMember[]): Map<string, Owned> {
  const assignment = emptyAssignment(members)
  const all: Array<[string, number]> = []
  for (const [topic, count] of [...partitionsPerTopic].sort(([a], [b]) => compare(a, b))) {
    if (!members.some((m) => m.subscription.topics.includes(topic))) continue
    for (let p = 0; p < count; p++) all.push([topic, p])
  }
  const exists = new Set(all.map(([t, p]) => key(t, p)))
  // Claims of ownership: the highest generation wins; two claims at the same generation void each other.
  const claims = new Map<string, {memberId: string; generation: number} | null>()
  for (const m of members) {
    for (const [topic, partitions] of m.subscription.ownedPartitions) {
      if (!m.subscription.topics.includes(topic)) continue
      for (const p of partitions) {
        const k = key(topic, p)
        if (!exists.has(k)) continue
        const claim = {memberId: m.memberId, generation: m.subscription.generationId}
        if (!claims.has(k)) claims.set(k, claim)
        else {
          const other = claims.get(k)
          if (other && other.generation < claim.generation) claims.set(k, claim)
          else if (other && other.generation === claim.generation) claims.set(k, null)
        }
      }
    }
  }
  const ordered = [...members].sort(byMemberOrder)
  const n = ordered.length
  const minQuota = Math.floor(all.length / n)
  const maxCount = all.length % n
  const counts = new Map(ordered.map((m) => [m.memberId, 0]))
  const taken = new Set<string>()
  // Members keeping the most owned partitions may keep the extra one, as many as balance allows.
  const keepers = ordered
    .map((m) => ({m, owned: all.filter(([t, p]) => claims.get(key(t, p))?.memberId === m.memberId)}))
    .sort((a, b) => b.owned.length - a.owned.length || byMemberOrder(a.m, b.m))
  keepers.forEach(({m, owned}, i) => {
    const quota = i < maxCount ? minQuota + 1 : minQuota
    for (const [t, p] of owned.slice(0, quota)) {
      add(assignment, m.memberId, t, p)
      taken.add(key(t, p))
      counts.set(m.memberId, counts.get(m.memberId)! + 1)
    }
  })
  for (const [t, p] of all) {
    if (taken.has(key(t, p))) continue
    let best: GroupMember | undefined
    for (const m of ordered) {
      if (!m.subscription.topics.includes(t)) continue
      if (!best || counts.get(m.memberId)! < counts.get(best.memberId)!) best = m
    }
    if (!best) continue
    counts.set(best.memberId, counts.get(best.memberId)! + 1)
    // Owned by another member right now: that member revokes it first; it is handed out in the next round.
    const claim = claims.get(key(t, p))
    const ownedElsewhere = members.some((m) => m.memberId !== best!.memberId && m.subscription.ownedPartitions.get(t)?.includes(p))
    if (ownedElsewhere || (claim && claim.memberId !== best.memberId)) continue
    add(assignment, best.memberId, t, p)
  }
  for (const owned of assignment.values()) for (const list of owned.values()) list.sort((a, b) => a - b)
  return assignment
}
