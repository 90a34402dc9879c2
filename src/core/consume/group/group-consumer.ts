import type {RawCluster} from '../../kafkajs/types.js'
import type {KafkaClient} from '../../kafkajs/client.js'
import {KfkError} from '../../../cli/errors.js'
import {registerCodecs} from '../../records/codecs.js'
import {groupDenied, mapKafkaError, withDeadline} from '../../errors.js'
import {FETCH_SIZES, FetchSession, fetchRetryMs, type PartitionState} from '../fetch-session.js'
import {listOffsets, resolveTopics} from '../../partitions/partitions.js'
import type {KRecord} from '../../records/record.js'
import type {ConsumedPartition, ConsumeSummary} from '../consume.js'
import {ASSIGNORS, type Assignor} from './assignors.js'
import {ConsumerProtocolMember, ConsumerProtocolUnavailable} from './kip848-member.js'
import {ClassicGroupMember} from './classic-member.js'
import type {Membership} from './membership.js'
import {supportsConsumerProtocol} from '../../protocol/consumer-group-heartbeat.js'
import {isKafkaError} from '../../protocol/kafka-errors.js'
import {selectRecords, type RecordFilter} from '../record-filter.js'
import {parseTpKey, tpKey, type TopicPartition} from '../../topic-partition.js'

export interface GroupConsumeOptions {
  topics: string[]
  pattern?: string
  group: string
  fromBeginning: boolean
  /** Java's auto.offset.reset=none (--offset-reset error): a partition without a committed offset, or one out of range, fails. */
  resetError?: boolean
  maxMessages?: number
  idleTimeoutMs?: number
  exitAtEnd: boolean
  isolationLevel?: 0 | 1
  /** Java's group.protocol: classic (JoinGroup/SyncGroup) or consumer (KIP-848). */
  groupProtocol?: 'classic' | 'consumer'
  /** Java's partition.assignment.strategy, by name; default as Java: range, then cooperative-sticky. */
  assignors?: Array<Assignor['name']>
  signal?: AbortSignal
  /** --grep: records it rejects are committed past but not handed on. */
  filter?: RecordFilter
}

/** Resolves once the records have left the process (so a commit never runs ahead of the output); rejects if they could not be written. */
export type FlushedSink = (records: KRecord[], flushed: true) => Promise<void> | void

const COMMIT_INTERVAL_MS = 5000

/**
 * `kfk consume --group G`: a group member on kfk's own fetch path. Between
 * rebalances one FetchSession reads the assigned partitions; a rebalance stops
 * it, commits, and rejoins. As Java's consumer, it commits the position of
 * every assigned partition (where the next read resumes): the start position
 * (committed, else reset) for a partition nothing arrived on, else the offset
 * after the last record the sink has put out (its promise resolved). So a
 * partition that stayed quiet keeps its place, and nothing past what was
 * written is committed: on a timer, at the end, before each rebalance and
 * before leaving. A crash repeats, never skips.
 */
export async function consumeWithGroup(client: KafkaClient, options: GroupConsumeOptions, sink: FlushedSink): Promise<ConsumeSummary> {
  registerCodecs()
  const cluster = await client.cluster()
  const topics = await client.run('read topic metadata', () => resolveTopics(cluster, options.topics, options.pattern))
  const all = topics.flatMap((topic) =>
    cluster.findTopicPartitionMetadata(topic).map((m) => ({topic, partition: m.partitionId, leader: m.leader})),
  )
  // -e: the high-water marks (last stable offsets with read_committed) as they are now, at the start.
  // Offsets of partitions whose leader just died wait for the new one, as the fetches do.
  const retryMs = fetchRetryMs(client.settings.timeoutMs)
  const ends = options.exitAtEnd
    ? await client.run('look up end offsets', () => listOffsets(cluster, all, -1, options.isolationLevel ?? 0, retryMs), retryMs + 2000)
    : new Map<string, bigint>()
  const member = await client.run('find the group coordinator', () =>
    newMember(cluster, options, topics).catch((error) => {
      throw isKafkaError(error, 'GROUP_AUTHORIZATION_FAILED') ? groupDenied('Read', options.group) : error
    }),
  )
  const consumer = new GroupConsumer(client, cluster, member, options, sink, ends, retryMs)
  const summary = await consumer.run()
  if (consumer.outputFailure) throw consumer.outputFailure
  if (consumer.failure) throw mapKafkaError(consumer.failure, client.errorContext)
  return summary
}

/**
 * One run of a group member: between rebalances a FetchSession reads the
 * assigned partitions; the member's rebalance stops it (onRebalance), and the
 * run loop commits and rejoins.
 */
class GroupConsumer {
  failure: unknown
  /** The output failed (closed pipe, full disk): the error is the sink's own, not Kafka's. */
  outputFailure: unknown
  /**
   * Where reading resumes, per topic-partition key: the start position, then the offset after the last
   * record written out. What is committed, for every owned partition.
   */
  private readonly position = new Map<string, bigint>()
  private readonly committed = new Map<string, bigint>()
  /** Every partition this run was assigned: the summary's partitions. */
  private readonly seen = new Set<string>()
  private count = 0
  private skipped = 0
  private stoppedBy: ConsumeSummary['stoppedBy'] = 'end'
  private stopping = false
  private session: FetchSession | undefined
  private readonly wakers = new Set<() => void>()
  /** One commit at a time. */
  private commits: Promise<unknown> = Promise.resolve()
  private farewell: Promise<void> | undefined
  private lastActivity = Date.now()
  private readonly iso: 0 | 1

  constructor(
    private readonly client: KafkaClient,
    private readonly cluster: RawCluster,
    private readonly member: Membership,
    private readonly options: GroupConsumeOptions,
    private readonly sink: FlushedSink,
    /** -e: where each partition ends. */
    private readonly ends: Map<string, bigint>,
    private readonly retryMs: number,
  ) {
    this.iso = options.isolationLevel ?? 0
  }

  async run(): Promise<ConsumeSummary> {
    const {options, member} = this
    member.onRebalance = () => {
      this.session?.stop()
      this.wake()
    }
    const timers = [
      setInterval(() => void (!member.needsRejoin && this.commit().catch(() => {})), COMMIT_INTERVAL_MS),
      ...(options.idleTimeoutMs
        ? [
            setInterval(
              () => Date.now() - this.lastActivity >= options.idleTimeoutMs! && this.stop('timeout'),
              Math.min(100, options.idleTimeoutMs),
            ),
          ]
        : []),
    ]
    const onAbort = () => {
      this.stop('interrupt')
      // Soon after Ctrl-C even while a slow output still drains (the command exits 1.5 s after Ctrl-C).
      setTimeout(() => void this.leave().catch(() => {}), 400).unref()
    }
    options.signal?.addEventListener('abort', onAbort)
    if (options.maxMessages === 0) this.stop('max-messages')
    try {
      while (!this.stopping) {
        if (!(await this.rejoin())) break
        const keys = this.owned()
        for (const k of keys) this.seen.add(k)
        if (this.client.settings.verbose)
          process.stderr.write(
            `[group] ${options.group} generation ${member.generationId} member ${member.memberId}: ${keys.join(' ') || 'no partitions'}\n`,
          )
        const states = await this.client.run('look up positions', () => this.positions(keys), this.retryMs + 2000)
        if (member.needsRejoin) continue
        // -e with nothing assigned waits: the partitions may still be on their way from another member.
        if (options.exitAtEnd && states.length > 0 && states.every((s) => s.done)) {
          this.stop('end')
          break
        }
        if (states.length === 0) {
          // Nothing assigned (more members than partitions, or not released yet): wait for the next assignment or the end.
          await this.woken()
          continue
        }
        await this.read(states)
        await this.commit()
      }
    } catch (error) {
      this.failure = error
      this.session?.stop()
    } finally {
      for (const t of timers) clearInterval(t)
      options.signal?.removeEventListener('abort', onAbort)
      member.stopHeartbeats()
      // Bounded, as Ctrl-C must end the command promptly.
      await withDeadline(this.leave(), 1500, () => new Error('commit and leave timed out')).catch(() => {})
    }
    return this.summary()
  }

  /** Joins again if the member must (a rebalance); false if the run stopped meanwhile. */
  private async rejoin(): Promise<boolean> {
    if (!this.member.needsRejoin) return true
    const joined = this.member.join()
    joined.catch(() => {}) // awaited below unless stopped first
    await Promise.race([joined, this.woken()])
    if (this.stopping) return false
    await joined
    return true
  }

  /** Reads the assigned partitions until a rebalance, a stop, or (-e) their ends. */
  private async read(states: PartitionState[]): Promise<void> {
    const {options, cluster, iso} = this
    const session = new FetchSession(cluster, states, {
      isolationLevel: iso,
      ...FETCH_SIZES,
      retryMs: this.retryMs,
      // auto.offset.reset: a committed offset outside the log restarts where --from-beginning says.
      resetOffset: async (s) => {
        if (options.resetError)
          throw new KfkError(`the committed offset ${s.offset} of ${tpKey(s)} is outside the log (--offset-reset error)`)
        return (await listOffsets(cluster, [s], options.fromBeginning ? -2 : -1, iso)).get(tpKey(s))!
      },
    })
    this.session = session
    if (this.stopping || this.member.needsRejoin) session.stop()
    await session.run((records) => this.onRecords(records))
    if (session.isStopped) return
    // Every record below each end went through the sink: the whole range is consumed, markers and gaps too.
    for (const s of states) {
      const k = tpKey(s)
      const at = s.end !== undefined && s.offset > s.end ? s.end : s.offset
      const before = this.position.get(k) ?? this.committed.get(k) ?? -1n
      if (s.done && at > before) this.position.set(k, at)
    }
    if (options.exitAtEnd) this.stop('end')
  }

  private async onRecords(records: KRecord[]): Promise<void> {
    const {options} = this
    if (this.stopping || this.member.needsRejoin) return
    this.lastActivity = Date.now()
    const {shown, consumed, skipped} = selectRecords(records, options.filter, (options.maxMessages ?? Infinity) - this.count)
    if (consumed === 0) return
    try {
      await this.sink(shown, true)
    } catch (error) {
      // Nothing of these is committed.
      this.outputFailure ??= error
      throw error
    }
    // Records --grep skipped are consumed too: the commit passes them.
    const last = records[consumed - 1]!
    this.position.set(tpKey(last), BigInt(last.offset) + 1n)
    this.count += shown.length
    this.skipped += skipped
    if (options.maxMessages !== undefined && this.count >= options.maxMessages) this.stop('max-messages')
  }

  /** Where each assigned partition starts: the commit, else where this run got to, else --from-beginning or the end. */
  private async positions(keys: string[]): Promise<PartitionState[]> {
    const {options, position} = this
    const parts = keys.map((k) => {
      const tp = parseTpKey(k)
      return {...tp, leader: this.leaderOf(tp)}
    })
    const fromGroup = await this.member.committed(parts)
    const missing = parts.filter((p) => !fromGroup.has(tpKey(p)) && !position.has(tpKey(p)))
    if (missing.length > 0 && options.resetError)
      throw new KfkError(`group '${options.group}' has no committed offset for ${missing.map(tpKey).join(', ')} (--offset-reset error)`, {
        hint: `Set where it starts with kfk groups reset-offsets ${options.group} --topic T --to-earliest --execute, or use --offset-reset earliest|latest.`,
      })
    const reset =
      missing.length > 0
        ? await listOffsets(this.cluster, missing, options.fromBeginning ? -2 : -1, this.iso, this.retryMs)
        : new Map<string, bigint>()
    return parts.map((p) => {
      const k = tpKey(p)
      const group = fromGroup.get(k)
      const mine = position.get(k)
      // Records this run wrote but could not commit (the group moved on) are not read twice.
      const offset = group !== undefined && mine !== undefined ? (group > mine ? group : mine) : (group ?? mine ?? reset.get(k) ?? 0n)
      if (group !== undefined) this.committed.set(k, group)
      // A reset position is committed too (as Java does), so a partition nothing arrives on keeps its place.
      position.set(k, offset)
      const end = this.ends.get(k)
      return {...p, offset, end, done: end !== undefined && offset >= end}
    })
  }

  private leaderOf(tp: TopicPartition): number {
    return this.cluster.findTopicPartitionMetadata(tp.topic).find((m) => m.partitionId === tp.partition)?.leader ?? -1
  }

  /** The keys of the partitions this member owns now. */
  private owned(): string[] {
    return [...this.member.assignment].flatMap(([topic, ps]) => ps.map((partition) => tpKey({topic, partition})))
  }

  /** Commits the positions that moved, of partitions this member owns now (a lost one may have moved on elsewhere); one at a time. */
  private commit(): Promise<unknown> {
    this.commits = this.commits.then(async () => {
      const {position, committed} = this
      const due = new Map(
        this.owned()
          .filter((k) => position.has(k) && position.get(k) !== committed.get(k))
          .map((k) => [k, position.get(k)!]),
      )
      if (await this.member.commit(due)) for (const [k, o] of due) committed.set(k, o)
    })
    return this.commits
  }

  /** Commits what was written, then leaves: once, at the end or after Ctrl-C (records still in flight are read again next time). */
  private leave(): Promise<void> {
    return (this.farewell ??= this.commit().then(
      () => this.member.leave(),
      (error: unknown) => {
        this.failure ??= error
        return this.member.leave()
      },
    ))
  }

  private stop(why: ConsumeSummary['stoppedBy']): void {
    if (this.stopping) return
    this.stopping = true
    this.stoppedBy = why
    this.session?.stop()
    this.wake()
  }

  private wake(): void {
    for (const w of [...this.wakers]) w()
  }

  /** Resolves at the next rebalance or stop. */
  private woken(): Promise<void> {
    return new Promise<void>((resolve) => {
      const w = () => (this.wakers.delete(w), resolve())
      this.wakers.add(w)
    })
  }

  private summary(): ConsumeSummary {
    const partitions: ConsumedPartition[] = [...this.seen].sort().map((k) => ({
      ...parseTpKey(k),
      start: null,
      end: this.ends.has(k) ? Number(this.ends.get(k)) : undefined,
      next: this.position.has(k) ? Number(this.position.get(k)) : null,
    }))
    return {count: this.count, skipped: this.skipped, stoppedBy: this.stoppedBy, partitions}
  }
}

/** --group-protocol as Java's group.protocol; by default consumer (KIP-848) where the coordinator offers it. */
async function newMember(cluster: RawCluster, options: GroupConsumeOptions, topics: string[]): Promise<Membership> {
  const rebalanceTimeoutMs = 60_000
  const offered =
    options.groupProtocol === undefined && supportsConsumerProtocol(await cluster.findGroupCoordinator({groupId: options.group}))
  if (options.groupProtocol === 'consumer' || offered) {
    const member = new ConsumerProtocolMember(cluster, {groupId: options.group, topics, rebalanceTimeoutMs})
    if (!offered) return member
    // Chosen by default: join now, and fall back to classic where the brokers list the API but do not run it.
    try {
      await member.join()
      return member
    } catch (error) {
      if (!(error instanceof ConsumerProtocolUnavailable)) throw error
    }
  }
  return new ClassicGroupMember(cluster, {
    groupId: options.group,
    topics,
    assignors: (options.assignors ?? ['range', 'cooperative-sticky']).map((name) => ASSIGNORS[name]),
    sessionTimeoutMs: 45_000,
    rebalanceTimeoutMs,
    heartbeatIntervalMs: 3000,
  })
}
