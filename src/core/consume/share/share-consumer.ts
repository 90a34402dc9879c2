/**
 * `kfk consume --share-group G` (kafka-console-share-consumer): a share group
 * member reading with acknowledgement. One loop per partition leader keeps a
 * share session (session.ts) and fetches what the broker acquires for
 * this member; each record written out is acknowledged (--ack accept, release
 * or reject) in the next ShareFetch. Records acquired but not written out
 * (past --max-messages, after Ctrl-C, of a partition no longer assigned) are
 * released, so another member gets them at once. As Java's share consumer,
 * a broker that does not answer is retried with backoff while its partitions
 * move, and a partition error other than a moved leader is logged and the
 * partition fetched again. On stop each session is closed with a
 * ShareAcknowledge (epoch -1) carrying the last acknowledgements, and the
 * member leaves the group (heartbeat epoch -1).
 */
import type {RawBroker, RawCluster} from '../../kafkajs/types.js'
import {setTimeout as sleep} from 'node:timers/promises'
import type {KafkaClient} from '../../kafkajs/client.js'
import {KfkError} from '../../../cli/errors.js'
import {groupDenied, isConnectionLost, mapKafkaError, topicDenied, withDeadline} from '../../errors.js'
import {resolveTopics} from '../../partitions/partitions.js'
import {registerCodecs} from '../../records/codecs.js'
import type {KRecord} from '../../records/record.js'
import {ACK, shareFetch, supportsShareFetch, type ShareFetchedPartition} from '../../protocol/share-fetch.js'
import type {ConsumeSummary} from '../consume.js'
import type {FlushedSink} from '../group/group-consumer.js'
import {isKafkaError} from '../../protocol/kafka-errors.js'
import {acquiredOffsets} from './acks.js'
import {decodeAcquired} from './decode.js'
import {ShareDelivery, type AckType} from './deliver.js'
import {ShareLeaders} from './leaders.js'
import {ShareGroupsUnavailable, ShareMember} from './member.js'
import {closeSession, countAccepted, shareError, SessionGone, SESSION_GONE, type AckCounts} from './close.js'
import {ShareSession, type SentAcks, type SharePart} from './session.js'

export type {AckType} from './deliver.js'

export interface ShareConsumeOptions {
  topics: string[]
  pattern?: string
  group: string
  ack: AckType
  /** Reject the records of batches that fail to decode instead of stopping. */
  rejectOnError: boolean
  maxMessages?: number
  idleTimeoutMs?: number
  signal?: AbortSignal
  onNote?: (text: string) => void
}

export interface ShareConsumeSummary extends ConsumeSummary {
  /** Records whose acknowledgement the broker accepted, by type (released includes those acquired but not written out). */
  acknowledged: AckCounts
}

const FETCH = {maxWaitMs: 500, minBytes: 1, maxBytes: 8 * 1024 * 1024, maxRecords: 500}
/**
 * After the stop, the in-flight fetch (up to maxWaitMs), its records' release
 * and the closing ShareAcknowledge share CLOSE_MS; leaving the group gets
 * LEAVE_MS: 1.3 s, within the command's 1.5 s force-exit, so the summary (and
 * the --json document) is always written.
 */
const CLOSE_MS = 900
const LEAVE_MS = 400
/** A moved leader, or none elected yet: the leader is looked up again. */
const MOVED = ['LEADER_NOT_AVAILABLE', 'NOT_LEADER_OR_FOLLOWER', 'FENCED_LEADER_EPOCH', 'UNKNOWN_LEADER_EPOCH'] as const
/** The topic was deleted: the partition ends. */
const GONE = ['UNKNOWN_TOPIC_OR_PARTITION', 'UNKNOWN_TOPIC_ID'] as const
/** As Java's retry.backoff.ms / retry.backoff.max.ms (100 ms doubling to 1 s). */
const backoff = (attempt: number) => sleep(Math.min(100 * 2 ** attempt, 1000))
/**
 * How long a broker that does not answer is retried: the controller notices a
 * killed broker after broker.session.timeout.ms (9 s), then its partitions move.
 */
const UNREACHABLE_MS = 30_000
const SESSION_ATTEMPTS = 5

export async function consumeWithShareGroup(
  client: KafkaClient,
  options: ShareConsumeOptions,
  sink: FlushedSink,
): Promise<ShareConsumeSummary> {
  registerCodecs()
  const cluster = await client.cluster()
  const topics = await client.run('read topic metadata', () => resolveTopics(cluster, options.topics, options.pattern))
  const member = new ShareMember(cluster, options.group, topics)
  await client.run('join the share group', () => member.join())
  const reader = new ShareReader(cluster, member, options, sink)
  const summary = await reader.run()
  if (reader.failure) throw mapKafkaError(reader.failure, client.errorContext)
  return summary
}

class ShareReader {
  failure: unknown
  private readonly acknowledged: AckCounts = {accept: 0, release: 0, reject: 0}
  /** Partitions of deleted topics: never fetched again. */
  private readonly ended = new Set<string>()
  private readonly noted = new Set<string>()
  private readonly output: ShareDelivery
  private stoppedBy: ConsumeSummary['stoppedBy'] = 'end'
  private stopping = false
  /** When the sessions must be closed by, once stopping. */
  private closeBy = 0
  private readonly wakers = new Set<() => void>()
  private readonly leaders: ShareLeaders
  private readonly loops = new Map<number, Promise<void>>()
  private readonly note: (text: string) => void

  constructor(
    private readonly cluster: RawCluster,
    private readonly member: ShareMember,
    private readonly options: ShareConsumeOptions,
    sink: FlushedSink,
  ) {
    this.note = options.onNote ?? (() => {})
    this.output = new ShareDelivery(sink, options.ack, options.maxMessages, () => this.stop('max-messages'))
    this.leaders = new ShareLeaders(cluster, () => this.startLoops())
  }

  async run(): Promise<ShareConsumeSummary> {
    const {options, member} = this
    member.onAssignment = () => this.startLoops()
    member.onFailure = (error) => this.fail(error)
    const onAbort = () => this.stop('interrupt')
    options.signal?.addEventListener('abort', onAbort)
    const idle = options.idleTimeoutMs
      ? setInterval(
          () => Date.now() - this.output.lastActivity >= options.idleTimeoutMs! && this.stop('timeout'),
          Math.min(100, options.idleTimeoutMs),
        )
      : undefined
    if (options.maxMessages === 0) this.stop('max-messages')
    try {
      this.startLoops()
      // Loops come and go with the assignment and the leaders: wait for the stop, then for every loop to close its session.
      while (!this.stopping) await this.woken()
      await withDeadline(Promise.all(this.loops.values()), Math.max(0, this.closeBy - Date.now()) + 50, () => new Error('timed out')).catch(
        () => this.note('some share sessions were not closed in time: their records come back to the group when their locks expire'),
      )
    } finally {
      if (idle) clearInterval(idle)
      this.leaders.stop()
      options.signal?.removeEventListener('abort', onAbort)
      await withDeadline(member.leave(), LEAVE_MS, () => new Error('leaving the share group timed out')).catch(() => {})
    }
    return {
      count: this.output.count,
      skipped: 0,
      stoppedBy: this.stoppedBy,
      partitions: this.output.partitions(),
      acknowledged: this.acknowledged,
    }
  }

  private woken(): Promise<void> {
    return new Promise<void>((resolve) => {
      const w = () => (this.wakers.delete(w), resolve())
      this.wakers.add(w)
    })
  }

  private stop(why: ConsumeSummary['stoppedBy']): void {
    if (this.stopping) return
    this.stopping = true
    this.stoppedBy = why
    this.closeBy = Date.now() + CLOSE_MS
    for (const w of [...this.wakers]) w()
  }

  private fail(error: unknown): void {
    this.failure ??= error
    this.stop('end')
  }

  private assigned(): SharePart[] {
    return [...this.member.assignment]
      .flatMap(([topic, ps]) =>
        ps.map((partition) => ({topic, partition, topicId: this.member.topicIds.get(topic)!, key: `${topic}:${partition}`})),
      )
      .filter((p) => !this.ended.has(p.key))
  }

  private startLoops(): void {
    if (this.stopping) return
    const parts = this.assigned()
    for (const p of parts) {
      const leader = this.leaders.of(p)
      if (leader < 0 || this.loops.has(leader)) continue
      const loop = this.brokerLoop(leader)
        .catch((error: unknown) => this.fail(error))
        .finally(() => {
          this.loops.delete(leader)
          this.startLoops()
        })
      this.loops.set(leader, loop)
    }
    this.leaders.watch(parts)
  }

  /** One share session with one broker, while it leads an assigned partition. */
  private async brokerLoop(leader: number): Promise<void> {
    const session = new ShareSession()
    let broker: RawBroker | undefined
    let unreachableSince: number | undefined
    let attempt = 0
    /** Session resets in a row (SHARE_SESSION_NOT_FOUND, INVALID_SHARE_SESSION_EPOCH): given up after SESSION_ATTEMPTS. */
    let resets = 0
    try {
      while (!this.stopping) {
        const wanted = this.assigned().filter((p) => this.leaders.of(p) === leader)
        if (wanted.length === 0) break // the close carries what is pending; a new assignment starts a loop again
        let inFlight: SentAcks | undefined
        try {
          broker ??= await this.cluster.findBroker({nodeId: String(leader)})
          if (!supportsShareFetch(broker)) throw new ShareGroupsUnavailable()
          // Partitions no longer wanted here: acknowledged first (as Java), then forgotten by the fetch.
          inFlight = session.takeUnwanted(wanted)
          if (inFlight.size > 0) {
            const answer = await closeSession(broker, this.options.group, this.member.memberId, session.epoch, inFlight)
            if (answer.sessionGone) throw new SessionGone(answer.errorCode)
            session.acknowledged()
            this.count_(inFlight, answer.failedKeys, `broker ${leader}`)
          }
          const plan = session.nextFetch(wanted)
          inFlight = plan.acks
          const left = this.output.left(FETCH.maxRecords)
          const response = await shareFetch(broker, {
            groupId: this.options.group,
            memberId: this.member.memberId,
            sessionEpoch: plan.epoch,
            ...FETCH,
            maxRecords: left,
            batchSize: left,
            // With --max-messages, acquire no more than can be shown (brokers with ShareFetch v2).
            recordLimit: this.options.maxMessages !== undefined,
            partitions: plan.partitions,
            forgotten: plan.forgotten,
          })
          if (isKafkaError(response.errorCode, ...SESSION_GONE, 'UNKNOWN_MEMBER_ID')) throw new SessionGone(response.errorCode)
          inFlight = undefined
          if (isKafkaError(response.errorCode, 'GROUP_AUTHORIZATION_FAILED')) throw groupDenied('Read', this.options.group)
          if (response.errorCode !== 0) throw shareError('ShareFetch', response.errorCode, response.errorMessage)
          session.fetched(plan)
          unreachableSince = undefined
          resets = 0
          if (!(await this.handle(session, plan.wanted, plan.acks, response.partitions))) await backoff(attempt++)
          else attempt = 0
        } catch (error) {
          const network = isConnectionLost(error)
          // The acknowledgements of a request without an answer are pending again, for the next session or the close.
          if (inFlight) session.failed(inFlight)
          else if (network || error instanceof SessionGone) session.reset()
          if (error instanceof SessionGone) {
            // Java: a new session, after a backoff; the acknowledgements go in its second request.
            if (!isKafkaError(error.code, 'UNKNOWN_MEMBER_ID') && ++resets > SESSION_ATTEMPTS)
              throw shareError('ShareFetch', error.code, null)
            // UNKNOWN_MEMBER_ID: the broker does not know the member yet, or the heartbeat is joining it again.
            await (isKafkaError(error.code, 'UNKNOWN_MEMBER_ID') ? sleep(500) : backoff(resets))
            continue
          }
          if (!network) throw error
          if (this.stopping) break
          broker = undefined
          unreachableSince ??= Date.now()
          if (Date.now() - unreachableSince > UNREACHABLE_MS)
            throw new KfkError(`broker ${leader} did not answer for ${UNREACHABLE_MS / 1000} s (${(error as Error).message})`)
          await backoff(attempt++)
          await this.leaders.refresh()
        }
      }
    } finally {
      const deadline = this.stopping ? this.closeBy : Date.now() + 5000
      const acks = session.takeAll()
      const closed = await closeSession(broker, this.options.group, this.member.memberId, -1, acks, {
        deadlineMs: Math.max(50, deadline - Date.now()),
        open: session.epoch === 0,
      }).catch((error: unknown) => {
        if (acks.size > 0) this.note(`broker ${leader}: the last acknowledgements were not sent (${(error as Error).message})`)
        return undefined
      })
      if (closed) this.count_(acks, closed.failedKeys, `broker ${leader}`)
    }
  }

  /** The partitions of one answer; false when none gave records and some gave errors (the caller backs off). */
  private async handle(session: ShareSession, wanted: SharePart[], acks: SentAcks, partitions: ShareFetchedPartition[]): Promise<boolean> {
    const asked = new Map([...wanted, ...[...acks.values()].map((a) => a.part)].map((p) => [`${p.topicId}:${p.partition}`, p]))
    const ackFailed = new Map<string, string>()
    let errors = 0
    let moved = false
    const batches: Array<{part: SharePart; records: KRecord[]}> = []
    for (const data of partitions) {
      const part = asked.get(`${data.topicId}:${data.partition}`)
      if (!part) continue
      if (data.acknowledgeErrorCode !== 0)
        ackFailed.set(part.key, shareError('acknowledging', data.acknowledgeErrorCode, data.acknowledgeErrorMessage).message)
      if (isKafkaError(data.errorCode, 'TOPIC_AUTHORIZATION_FAILED')) throw topicDenied('Read', part.topic)
      if (isKafkaError(data.errorCode, ...MOVED)) {
        // Java: the leader the answer names (current_leader), else fresh metadata.
        this.leaders.moved(part, data.leaderId)
        moved = true
        continue
      }
      if (isKafkaError(data.errorCode, ...GONE)) {
        this.ended.add(part.key)
        this.note(
          `${part.key}: the topic was deleted (${shareError('ShareFetch', data.errorCode, data.errorMessage).message}); no more records from it`,
        )
        continue
      }
      if (data.errorCode !== 0) {
        errors++
        const text = `${part.key}: ${shareError('ShareFetch', data.errorCode, data.errorMessage).message}; trying again`
        if (!this.noted.has(text)) this.note(text)
        this.noted.add(text)
        continue
      }
      if (data.acquired.length === 0 || !data.records) continue
      // Assigned elsewhere since the fetch was sent: released, never shown.
      if (!this.assigned().some((p) => p.key === part.key)) {
        session.ack(part, acquiredOffsets(data.acquired), ACK.release)
        continue
      }
      let got
      try {
        got = await decodeAcquired(part.topic, part.partition, data.records, data.acquired, this.options.rejectOnError)
      } catch (error) {
        // Not written out: released for the next reader (by the close), then the read fails.
        session.ack(part, acquiredOffsets(data.acquired), ACK.release)
        throw error
      }
      session.ack(part, got.gaps, ACK.gap)
      session.ack(part, got.corrupt, ACK.reject)
      for (const reason of got.reasons) this.note(`rejected the acquired records of a corrupt batch: ${reason}`)
      if (got.delivered.length > 0) batches.push({part, records: got.delivered})
    }
    this.count_(acks, ackFailed, 'ShareFetch')
    for (const {part, records} of batches) await this.output.deliver(session, part, records, this.stopping)
    if (moved) this.startLoops()
    return errors === 0 || batches.length > 0
  }

  /** Counts the acknowledgements the broker accepted; notes the partitions it refused. */
  private count_(acks: SentAcks, failed: Map<string, string>, where: string): void {
    countAccepted(this.acknowledged, acks, failed)
    for (const [key, why] of failed) if (acks.has(key)) this.note(`${key}: acknowledgements failed at ${where} (${why})`)
  }
}
