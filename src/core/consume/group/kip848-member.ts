import {anyBroker} from '../../kafkajs/cluster.js'
import type {RawCluster} from '../../kafkajs/types.js'
import {tpKey, type TopicPartition} from '../../topic-partition.js'
import {randomBytes} from 'node:crypto'
import {setTimeout as sleep} from 'node:timers/promises'
import {KfkError} from '../../../cli/errors.js'
import {consumerGroupHeartbeat, type HeartbeatResponse, type TopicIdPartitions} from '../../protocol/consumer-group-heartbeat.js'
import {fetchMetadata} from '../../protocol/metadata.js'
import {COORDINATOR_MOVED, Coordinator} from '../../coordinator.js'
import {isConnectionLost} from '../../errors.js'
import {isKafkaError} from '../../protocol/kafka-errors.js'
import {offsetCommitV9} from '../../protocol/offset-commit.js'
import type {Owned} from './classic-assignment.js'
import {byTopic, fetchCommitted, MEMBER_FENCED, type Membership} from './membership.js'

/**
 * One member of a KIP-848 consumer group (Java's group.protocol=consumer):
 * the coordinator assigns, the member only heartbeats. A heartbeat answer may
 * carry a new assignment; the member then stops reading, commits, adopts it
 * and says so in its next heartbeat right away (partitions it gave up go to
 * their new owners only after that acknowledgement, so nothing is read twice).
 */
export interface ConsumerMemberOptions {
  groupId: string
  topics: string[]
  rebalanceTimeoutMs: number
}

export class ConsumerProtocolMember implements Membership {
  /** Since Kafka 4.0 (KIP-1082) the member makes up its own id, a random UUID. */
  readonly memberId = randomBytes(16).toString('base64url')
  memberEpoch = 0
  assignment: Owned = new Map()
  needsRejoin = true
  onRebalance: () => void = () => {}
  private pending?: Owned
  private intervalMs = 5000
  private readonly coordinator: Coordinator
  private heartbeats?: NodeJS.Timeout
  private beating = false
  private readonly ids = new Map<string, string>()

  constructor(
    private readonly cluster: RawCluster,
    private readonly options: ConsumerMemberOptions,
  ) {
    this.coordinator = new Coordinator(cluster, options.groupId)
  }

  get generationId(): number {
    return this.memberEpoch
  }

  /** Joins (epoch 0) or acknowledges a new assignment; returns once the coordinator has nothing newer. */
  async join(): Promise<Owned> {
    this.stopHeartbeats()
    for (;;) {
      if (this.pending) this.assignment = this.pending
      this.pending = undefined
      const answer = await this.beat()
      if (answer === 'retry') continue
      if (!this.pending || sameOwned(this.pending, this.assignment)) {
        this.pending = undefined
        this.needsRejoin = false
        this.startHeartbeats()
        return this.assignment
      }
    }
  }

  async commit(offsets: Map<string, bigint>): Promise<boolean> {
    if (offsets.size === 0) return true
    if (this.memberEpoch <= 0) return false
    const topics = [...byTopic(offsets)].map(([topic, partitions]) => ({topic, partitions}))
    // Coordinator errors come back as codes; what is thrown is kafkajs's or the connection's.
    const code = await this.coordinator.call(
      (c) => offsetCommitV9(c, {groupId: this.options.groupId, memberEpoch: this.memberEpoch, memberId: this.memberId, topics}),
      {moved: (answer) => isKafkaError(answer, ...COORDINATOR_MOVED), retriable: isConnectionLost},
    )
    if (code === 0) return true
    // The epoch moved on since the last heartbeat: the next commit uses the new one.
    if (isKafkaError(code, 'STALE_MEMBER_EPOCH')) return false
    if (isKafkaError(code, ...MEMBER_FENCED)) {
      this.fenced()
      return false
    }
    throw new KfkError(`could not commit offsets for group "${this.options.groupId}" (error ${code})`)
  }

  committed(partitions: TopicPartition[]): Promise<Map<string, bigint>> {
    return fetchCommitted(this.coordinator, partitions)
  }

  /** Epoch -1: leaves at once, so the coordinator hands the partitions on now. */
  async leave(): Promise<void> {
    this.stopHeartbeats()
    const coordinator = this.coordinator.known
    if (this.memberEpoch <= 0 || !coordinator) return
    await consumerGroupHeartbeat(coordinator, {
      groupId: this.options.groupId,
      memberId: this.memberId,
      memberEpoch: -1,
      rebalanceTimeoutMs: this.options.rebalanceTimeoutMs,
      subscribedTopicNames: null,
      topicPartitions: null,
    }).catch(() => {})
    this.memberEpoch = -1
  }

  stopHeartbeats(): void {
    if (this.heartbeats) clearTimeout(this.heartbeats)
    this.heartbeats = undefined
  }

  private startHeartbeats(): void {
    this.stopHeartbeats()
    this.heartbeats = setTimeout(() => {
      if (this.beating || this.needsRejoin) return
      this.beating = true
      this.beat()
        .then(() => {
          if (this.pending && !sameOwned(this.pending, this.assignment)) this.markRejoin()
        })
        .catch(() => this.markRejoin())
        .finally(() => {
          this.beating = false
          if (!this.needsRejoin) this.startHeartbeats()
        })
    }, this.intervalMs)
    this.heartbeats.unref()
  }

  private markRejoin(): void {
    if (this.needsRejoin) return
    this.needsRejoin = true
    this.stopHeartbeats()
    this.onRebalance()
  }

  /** Dropped by the coordinator: what was owned may be someone else's now; join again from epoch 0. */
  private fenced(): void {
    this.memberEpoch = 0
    this.assignment = new Map()
    this.pending = undefined
    this.markRejoin()
  }

  /** One heartbeat with this member's whole state; a new assignment lands in `pending`. */
  private async beat(): Promise<'ok' | 'retry'> {
    let answer: HeartbeatResponse
    try {
      answer = await consumerGroupHeartbeat(await this.coordinator.find(), {
        groupId: this.options.groupId,
        memberId: this.memberId,
        memberEpoch: this.memberEpoch,
        rebalanceTimeoutMs: this.options.rebalanceTimeoutMs,
        subscribedTopicNames: this.options.topics,
        topicPartitions: await this.toIds(this.assignment),
      })
    } catch (error) {
      if (!isConnectionLost(error)) throw error
      this.coordinator.forget()
      await sleep(200)
      return 'retry'
    }
    if (isKafkaError(answer.errorCode, ...MEMBER_FENCED)) {
      this.fenced()
      await sleep(200)
      return 'retry'
    }
    if (isKafkaError(answer.errorCode, ...COORDINATOR_MOVED)) {
      this.coordinator.forget()
      await sleep(200)
      return 'retry'
    }
    if (isKafkaError(answer.errorCode, 'UNSUPPORTED_VERSION')) throw new ConsumerProtocolUnavailable(this.options.groupId)
    if (answer.error)
      throw new KfkError(`group "${this.options.groupId}": the consumer group protocol failed (${answer.error.message})`, {
        hint: 'Try --group-protocol classic.',
      })
    this.memberEpoch = answer.memberEpoch
    if (answer.heartbeatIntervalMs > 0) this.intervalMs = answer.heartbeatIntervalMs
    if (answer.assignment) this.pending = await this.toNames(answer.assignment)
    return 'ok'
  }

  /** Topic name → id, from Metadata v12 (kafkajs's metadata has no topic ids). */
  private async topicIds(): Promise<Map<string, string>> {
    if (this.ids.size === 0) {
      const metadata = await fetchMetadata(await anyBroker(this.cluster), this.options.topics)
      for (const t of metadata.topics) if (t.topicId) this.ids.set(t.name, t.topicId)
    }
    return this.ids
  }

  private async toIds(owned: Owned): Promise<TopicIdPartitions> {
    const ids = await this.topicIds()
    return [...owned].filter(([t]) => ids.has(t)).map(([t, partitions]) => ({topicId: ids.get(t)!, partitions}))
  }

  private async toNames(assigned: TopicIdPartitions): Promise<Owned> {
    const names = new Map([...(await this.topicIds())].map(([name, id]) => [id, name]))
    const out: Owned = new Map()
    for (const tp of assigned) {
      const name = names.get(tp.topicId)
      if (name && tp.partitions.length > 0)
        out.set(
          name,
          [...tp.partitions].sort((a, b) => a - b),
        )
    }
    return out
  }
}

/** Kafka 3.7-3.9 list API 68 but answer UNSUPPORTED_VERSION unless the consumer protocol is switched on. */
export class ConsumerProtocolUnavailable extends KfkError {
  constructor(groupId: string) {
    super(`group "${groupId}": the brokers do not run the consumer group protocol (KIP-848, on by default from Kafka 4.0)`, {
      hint: 'Use --group-protocol classic, or enable it on the brokers (group.coordinator.rebalance.protocols=classic,consumer).',
    })
  }
}

function sameOwned(a: Owned, b: Owned): boolean {
  const flat = (o: Owned) =>
    [...o]
      .flatMap(([t, ps]) => ps.map((partition) => tpKey({topic: t, partition})))
      .sort()
      .join(',')
  return flat(a) === flat(b)
}
