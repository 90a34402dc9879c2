/**
 * One member of a share group (KIP-932), kept alive with ShareGroupHeartbeat.
 * The coordinator hands out partitions (several members may share one); the
 * member only heartbeats and adopts each new assignment. A dropped member
 * (UNKNOWN_MEMBER_ID, FENCED_MEMBER_EPOCH) joins again from epoch 0. A
 * heartbeat that keeps failing for longer than the group's session lasts
 * (the coordinator has dropped the member by then), or fails in a way no
 * retry mends (denied, share groups off), ends the member through onFailure.
 */
import {isUnsupportedApi} from '../../kafkajs/versions.js'
import {anyBroker} from '../../kafkajs/cluster.js'
import type {RawCluster} from '../../kafkajs/types.js'
import {randomBytes} from 'node:crypto'
import {KfkError} from '../../../cli/errors.js'
import {COORDINATOR_ATTEMPTS, COORDINATOR_MOVED, Coordinator, coordinatorBackoff} from '../../coordinator.js'
import {groupDenied, isConnectionLost} from '../../errors.js'
import {isKafkaError} from '../../protocol/kafka-errors.js'
import {fetchMetadata} from '../../protocol/metadata.js'
import {shareGroupHeartbeat, type ShareHeartbeatResponse} from '../../protocol/share-group-heartbeat.js'
import {MEMBER_FENCED} from '../group/membership.js'

/** What brokers with share groups switched off answer. */
const SHARE_GROUPS_OFF = ['UNSUPPORTED_VERSION', 'INVALID_REQUEST'] as const
/** group.share.session.timeout.ms's default: after this long without a heartbeat answered, the coordinator has dropped the member. */
const SESSION_TIMEOUT_MS = 45_000

/** Partitions by topic name. */
export type Assigned = Map<string, number[]>

export class ShareMember {
  /** As Java's share consumer: a random UUID the member keeps for its life. */
  readonly memberId = randomBytes(16).toString('base64url')
  memberEpoch = 0
  assignment: Assigned = new Map()
  /** Topic name -> id (Kafka's base64url text form). */
  readonly topicIds = new Map<string, string>()
  onAssignment: () => void = () => {}
  /** The heartbeat failed for good: the member is no longer in the group. */
  onFailure: (error: Error) => void = () => {}
  private intervalMs = 5000
  private readonly coordinator: Coordinator
  private timer?: NodeJS.Timeout
  private stopped = false
  /** When the background heartbeat started failing (undefined while it succeeds). */
  private failingSince?: number

  constructor(
    private readonly cluster: RawCluster,
    private readonly groupId: string,
    private readonly topics: string[],
  ) {
    this.coordinator = new Coordinator(cluster, groupId)
  }

  /** Joins (epoch 0) and starts heartbeating; resolves once the coordinator accepted the member. */
  async join(): Promise<void> {
    const metadata = await fetchMetadata(await anyBroker(this.cluster), this.topics)
    for (const t of metadata.topics) if (t.topicId) this.topicIds.set(t.name, t.topicId)
    for (let attempt = 0; ; attempt++) {
      if ((await this.beat()) === 'ok') break
      if (attempt >= COORDINATOR_ATTEMPTS) throw new KfkError(`could not join share group "${this.groupId}": no coordinator answered`)
      await coordinatorBackoff(attempt)
    }
    this.schedule()
  }

  /** Epoch -1: leaves at once, so the group keeps no ghost member until its session times out. */
  async leave(): Promise<void> {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
    const coordinator = this.coordinator.known
    if (this.memberEpoch <= 0 || !coordinator) return
    await shareGroupHeartbeat(coordinator, {
      groupId: this.groupId,
      memberId: this.memberId,
      memberEpoch: -1,
      subscribedTopicNames: null,
    })
    this.memberEpoch = -1
  }

  private schedule(): void {
    if (this.stopped) return
    this.timer = setTimeout(
      () => {
        // A failed heartbeat is retried at the next tick while the session (45 s by default) lasts.
        this.beat().then(
          (result) => {
            if (result === 'ok') this.failingSince = undefined
            else if (Date.now() - (this.failingSince ??= Date.now()) > SESSION_TIMEOUT_MS)
              return this.fail(
                new KfkError(
                  `share group "${this.groupId}": no heartbeat was answered for ${SESSION_TIMEOUT_MS / 1000} s; the member has left the group`,
                ),
              )
            this.schedule()
          },
          (error: unknown) => this.fail(error as Error),
        )
        // Until partitions are assigned, ask often: the first answers usually carry none yet.
      },
      Math.min(this.intervalMs, this.assignment.size === 0 ? 300 : this.intervalMs),
    )
    this.timer.unref()
  }

  private fail(error: Error): void {
    if (this.stopped) return
    this.stopped = true
    this.onFailure(error)
  }

  /** One heartbeat; the whole subscription when joining, null (unchanged) after. */
  private async beat(): Promise<'ok' | 'retry'> {
    let answer: ShareHeartbeatResponse
    try {
      answer = await shareGroupHeartbeat(await this.coordinator.find(), {
        groupId: this.groupId,
        memberId: this.memberId,
        memberEpoch: this.memberEpoch,
        subscribedTopicNames: this.memberEpoch === 0 ? this.topics : null,
      })
    } catch (error) {
      if (isUnsupportedApi(error)) throw new ShareGroupsUnavailable()
      if (!isConnectionLost(error)) throw error
      this.coordinator.forget()
      return 'retry'
    }
    if (this.stopped) return 'ok'
    const code = answer.errorCode
    if (isKafkaError(code, ...MEMBER_FENCED)) {
      this.memberEpoch = 0
      return 'retry'
    }
    if (isKafkaError(code, ...COORDINATOR_MOVED)) {
      this.coordinator.forget()
      return 'retry'
    }
    if (isKafkaError(code, 'GROUP_AUTHORIZATION_FAILED')) throw groupDenied('Read', this.groupId)
    if (isKafkaError(code, ...SHARE_GROUPS_OFF)) throw new ShareGroupsUnavailable(answer.error?.message)
    if (isKafkaError(code, 'INCONSISTENT_GROUP_PROTOCOL', 'GROUP_ID_NOT_FOUND'))
      throw new KfkError(`group "${this.groupId}" exists and is not a share group`, {
        hint: 'Use another name for the share group, or --group to join it as a consumer.',
      })
    if (answer.error) throw new KfkError(`share group "${this.groupId}": the heartbeat failed (${answer.error.message})`)
    this.memberEpoch = answer.memberEpoch
    if (answer.heartbeatIntervalMs > 0) this.intervalMs = answer.heartbeatIntervalMs
    if (answer.assignment) {
      const names = new Map([...this.topicIds].map(([name, id]) => [id, name]))
      const assigned: Assigned = new Map()
      for (const tp of answer.assignment) {
        const name = names.get(tp.topicId)
        if (name && tp.partitions.length > 0)
          assigned.set(
            name,
            [...tp.partitions].sort((a, b) => a - b),
          )
      }
      this.assignment = assigned
      this.onAssignment()
    }
    return 'ok'
  }
}

/** Share groups need Kafka 4.1+ with the share.version feature on (on by default from 4.2). */
export class ShareGroupsUnavailable extends KfkError {
  constructor(detail?: string) {
    super(
      `the brokers do not run share groups${detail ? ` (${detail})` : ''}: they need Kafka 4.1+ with share.version enabled (4.2+ enables it by default)`,
      {
        hint: 'An admin can enable it: kfk features upgrade --feature share.version=1',
      },
    )
  }
}
