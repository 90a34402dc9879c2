import {heartbeat, joinGroup, leaveGroup, offsetCommit, syncGroup} from '../../kafkajs/broker-calls.js'
import type {RawCluster} from '../../kafkajs/types.js'
import {setTimeout as sleep} from 'node:timers/promises'
import {KfkError} from '../../../cli/errors.js'
import {Coordinator, isCoordinatorRetriable} from '../../coordinator.js'
import type {TopicPartition} from '../../topic-partition.js'
import type {Assignor, GroupMember} from './assignors.js'
import {isKafkaError} from '../../protocol/kafka-errors.js'
import {byTopic, fetchCommitted, type Membership} from './membership.js'
import {decodeAssignment, decodeSubscription, encodeAssignment, encodeSubscription, type Owned} from './classic-assignment.js'

/**
 * One member of a consumer group on the classic protocol, as Java's
 * ConsumerCoordinator/AbstractCoordinator: JoinGroup, SyncGroup (the leader
 * runs the assignor the group chose), Heartbeat on a timer, OffsetCommit of
 * what the caller says was written, LeaveGroup at the end. It fetches nothing:
 * the caller reads the assigned partitions and stops reading whenever
 * `onRebalance` fires, commits, then calls join() again.
 */
export interface MemberOptions {
  groupId: string
  topics: string[]
  /** In order of preference; the coordinator picks the first every member supports. */
  assignors: Assignor[]
  sessionTimeoutMs: number
  rebalanceTimeoutMs: number
  heartbeatIntervalMs: number
}

/** Errors after which this member must join again; with the member id reset when the coordinator forgot it. */
const REJOIN = ['REBALANCE_IN_PROGRESS', 'ILLEGAL_GENERATION', 'UNKNOWN_MEMBER_ID', 'FENCED_INSTANCE_ID'] as const
const FORGOTTEN = ['UNKNOWN_MEMBER_ID', 'FENCED_INSTANCE_ID'] as const

export class ClassicGroupMember implements Membership {
  memberId = ''
  generationId = -1
  /** What the coordinator assigned in the last completed rebalance. */
  assignment: Owned = new Map()
  /** Set when a heartbeat or commit says the group is rebalancing or this member was dropped. */
  needsRejoin = true
  onRebalance: () => void = () => {}
  private readonly coordinator: Coordinator
  private heartbeats?: NodeJS.Timeout
  private beating = false

  constructor(
    private readonly cluster: RawCluster,
    private readonly options: MemberOptions,
  ) {
    this.coordinator = new Coordinator(cluster, options.groupId)
  }

  /** Java's rule: cooperative only if every configured assignor supports it (so "range, cooperative-sticky" is eager). */
  get cooperative(): boolean {
    return this.options.assignors.every((a) => a.cooperative)
  }

  /** Joins (or rejoins) until a rebalance completes; returns the new assignment. */
  async join(): Promise<Owned> {
    this.stopHeartbeats()
    for (;;) {
      try {
        const coordinator = await this.coordinator.find()
        // Eager members give up everything before joining; cooperative ones tell the leader what they keep.
        const owned = this.cooperative ? this.assignment : new Map<string, number[]>()
        if (!this.cooperative) this.assignment = new Map()
        const metadata = encodeSubscription({
          topics: this.options.topics,
          userData: null,
          ownedPartitions: owned,
          generationId: this.generationId,
        })
        const joined = await joinGroup(coordinator, {
          groupId: this.options.groupId,
          memberId: this.memberId,
          sessionTimeout: this.options.sessionTimeoutMs,
          rebalanceTimeout: this.options.rebalanceTimeoutMs,
          groupProtocols: this.options.assignors.map((a) => ({name: a.name, metadata})),
        })
        this.memberId = joined.memberId
        const groupAssignment = joined.leaderId === joined.memberId ? await this.lead(joined.groupProtocol, joined.members) : []
        const bytes = await syncGroup(coordinator, {
          groupId: this.options.groupId,
          generationId: joined.generationId,
          memberId: this.memberId,
          groupAssignment,
        })
        this.generationId = joined.generationId
        const before = this.assignment
        this.assignment = onlySubscribed(decodeAssignment(bytes), this.options.topics)
        // Cooperative: partitions taken away were revoked (the caller committed them before joining); the
        // leader withheld their new owners' share until this member rejoins, as Java's member does at once.
        this.needsRejoin = this.cooperative && [...before].some(([t, ps]) => ps.some((p) => !this.assignment.get(t)?.includes(p)))
        this.startHeartbeats()
        return this.assignment
      } catch (error) {
        await this.recover(error, 'join the group')
      }
    }
  }

  /** The leader's part: decode every member's subscription, run the chosen assignor, encode the result. */
  private async lead(
    protocol: string,
    joined: Array<{memberId: string; groupInstanceId: string | null; memberMetadata: Buffer}>,
  ): Promise<Array<{memberId: string; memberAssignment: Buffer}>> {
    const assignor = this.options.assignors.find((a) => a.name === protocol)
    if (!assignor) throw new KfkError(`the group chose assignor "${protocol}", which kfk does not offer`)
    const members: GroupMember[] = joined.map((m) => ({
      memberId: m.memberId,
      groupInstanceId: m.groupInstanceId,
      subscription: decodeSubscription(m.memberMetadata),
    }))
    const topics = [...new Set(members.flatMap((m) => m.subscription.topics))]
    await this.cluster.addMultipleTargetTopics(topics)
    const partitionsPerTopic = new Map<string, number>()
    for (const t of topics) {
      const count = this.cluster.findTopicPartitionMetadata(t).length
      if (count > 0) partitionsPerTopic.set(t, count)
    }
    const assignment = assignor.assign(partitionsPerTopic, members)
    return [...assignment].map(([memberId, owned]) => ({memberId, memberAssignment: encodeAssignment(owned)}))
  }

  /** Commits next offsets ("topic:partition" → offset) in this member's generation; false if the group moved on. */
  async commit(offsets: Map<string, bigint>): Promise<boolean> {
    if (offsets.size === 0) return true
    if (this.generationId < 0) return false
    const topics = [...byTopic(offsets)].map(([topic, ps]) => ({
      topic,
      partitions: ps.map((p) => ({partition: p.partition, offset: p.offset.toString()})),
    }))
    try {
      await this.coordinator.call((c) =>
        offsetCommit(c, {groupId: this.options.groupId, generationId: this.generationId, memberId: this.memberId, topics}),
      )
      return true
    } catch (error) {
      if (!isKafkaError(error, ...REJOIN)) throw error
      this.markRejoin(error)
      return false
    }
  }

  committed(partitions: TopicPartition[]): Promise<Map<string, bigint>> {
    return fetchCommitted(this.coordinator, partitions)
  }

  /** Leaves the group, so the others rebalance now rather than after the session timeout. */
  async leave(): Promise<void> {
    this.stopHeartbeats()
    const coordinator = this.coordinator.known
    if (!this.memberId || !coordinator) return
    await leaveGroup(coordinator, {groupId: this.options.groupId, memberId: this.memberId}).catch(() => {})
    this.generationId = -1
  }

  stopHeartbeats(): void {
    if (this.heartbeats) clearInterval(this.heartbeats)
    this.heartbeats = undefined
  }

  private startHeartbeats(): void {
    this.stopHeartbeats()
    let failingSince = 0
    this.heartbeats = setInterval(() => {
      if (this.beating || this.needsRejoin) return
      this.beating = true
      this.coordinator
        .find()
        .then((c) => heartbeat(c, {groupId: this.options.groupId, generationId: this.generationId, memberId: this.memberId}))
        .then(() => void (failingSince = 0))
        .catch((error: unknown) => {
          if (isKafkaError(error, ...REJOIN)) return this.markRejoin(error)
          this.coordinator.forget()
          failingSince ||= Date.now()
          // No heartbeat got through for a whole session: the coordinator has dropped this member.
          if (Date.now() - failingSince > this.options.sessionTimeoutMs) this.markRejoin({type: 'UNKNOWN_MEMBER_ID'})
        })
        .finally(() => void (this.beating = false))
    }, this.options.heartbeatIntervalMs)
    this.heartbeats.unref()
  }

  private markRejoin(error: unknown): void {
    if (isKafkaError(error, ...FORGOTTEN)) this.memberId = ''
    // Dropped from the group: what it owned may already be someone else's (Java's "lost" partitions).
    if (!isKafkaError(error, 'REBALANCE_IN_PROGRESS')) this.generationId = -1
    if (this.needsRejoin) return
    this.needsRejoin = true
    this.stopHeartbeats()
    this.onRebalance()
  }

  /** After a failed request: rejoin-type errors reset state, coordinator errors refind it; anything else is fatal. */
  private async recover(error: unknown, what: string): Promise<void> {
    if (isKafkaError(error, ...REJOIN)) {
      if (isKafkaError(error, ...FORGOTTEN)) this.memberId = ''
      return
    }
    if (!isCoordinatorRetriable(error)) {
      if (isKafkaError(error, 'INCONSISTENT_GROUP_PROTOCOL'))
        throw new KfkError(`could not ${what}: group "${this.options.groupId}" uses a protocol or assignor kfk's member does not share`, {
          hint: 'Try --group-protocol consumer, or --assignor to match the other members.',
        })
      throw error
    }
    this.coordinator.forget()
    await sleep(200)
  }
}

/** Drops topics this member did not ask for (a leader may hand them out by mistake). */
function onlySubscribed(assignment: Owned, topics: string[]): Owned {
  return new Map([...assignment].filter(([t]) => topics.includes(t)))
}
