import type {KafkaClient} from '../../client.js'
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
import type {RawCluster} from '../../kafkajs/adapter.js'
import {isKafkaError} from '../../protocol/kafka-errors.js'
import {selectRecords, type RecordFilter} from '../record-filter.js'

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

export async function consumeWithGroup(client: KafkaClient, options: GroupConsumeOptions, sink: FlushedSink): Promise<ConsumeSummary> {
  registerCodecs()
  const iso = options.isolationLevel ?? 0
  const cluster = await client.cluster()
  const topics = await client.run('read topic metadata', () => resolveTopics(cluster, options.topics, options.pattern))
  const leaderOf = (topic: string, partition: number) =>
    cluster.findTopicPartitionMetadata(topic).find((m) => m.partitionId === partition)?.leader ?? -1
  const all = topics.flatMap((topic) =>
    cluster.findTopicPartitionMetadata(topic).map((m) => ({topic, partition: m.partitionId, leader: m.leader})),
  )
  // -e: the high-water marks (last stable offsets with read_committed) as they are now, at the start.
  // Offsets of partitions whose leader just died wait for the new one, as the fetches do.
  const retryMs = fetchRetryMs(client.settings.timeoutMs)
  const ends = options.exitAtEnd
    ? await client.run('look up end offsets', () => listOffsets(cluster, all, -1, iso, retryMs), retryMs + 2000)
    : new Map<string, bigint>()
  const member = await client.run('find the group coordinator', () =>
    newMember(cluster, options, topics).catch((error) => {
      throw isKafkaError(error, 'GROUP_AUTHORIZATION_FAILED') ? groupDenied('Read', options.group) : error
    }),
  )
  /**
   * Where reading resumes, per "topic:partition": the start position, then the offset after the last
   * record written out. What is committed, for every owned partition.
   */
  const position = new Map<string, bigint>()
  const committed = new Map<string, bigint>()
  const seen = new Set<string>()
  let count = 0
  let skipped = 0
  let failure: unknown
  let outputFailure: unknown
  let stoppedBy: ConsumeSummary['stoppedBy'] = 'end'
  let stopping = false
  let session: FetchSession | undefined
  let wake = () => {}
  const stop = (why: ConsumeSummary['stoppedBy']) => {
    if (stopping) return
    stopping = true
    stoppedBy = why
    session?.stop()
    wake()
  }
  member.onRebalance = () => {
    session?.stop()
    wake()
  }
  const owned = () => [...member.assignment].flatMap(([topic, ps]) => ps.map((partition) => `${topic}:${partition}`))
  // One commit at a time; only partitions this member owns now (a lost one may have moved on elsewhere).
  let commits: Promise<unknown> = Promise.resolve()
  const commit = () => {
    commits = commits.then(async () => {
      const due = new Map(
        owned()
          .filter((k) => position.has(k) && position.get(k) !== committed.get(k))
          .map((k) => [k, position.get(k)!]),
      )
      if (await member.commit(due)) for (const [k, o] of due) committed.set(k, o)
    })
    return commits
  }
  let lastActivity = Date.now()
  const timers = [
    setInterval(() => void (!member.needsRejoin && commit().catch(() => {})), COMMIT_INTERVAL_MS),
    ...(options.idleTimeoutMs
      ? [setInterval(() => Date.now() - lastActivity >= options.idleTimeoutMs! && stop('timeout'), Math.min(100, options.idleTimeoutMs))]
      : []),
  ]
  // Commit what was written, then leave: once, at the end, or soon after Ctrl-C even while a slow
  // output still drains (the command exits 1.5 s after Ctrl-C; records still in flight are read again next time).
  let farewell: Promise<void> | undefined
  const leave = () =>
    (farewell ??= commit().then(
      () => member.leave(),
      (error: unknown) => {
        failure ??= error
        return member.leave()
      },
    ))
  const onAbort = () => {
    stop('interrupt')
    setTimeout(() => void leave().catch(() => {}), 400).unref()
  }
  options.signal?.addEventListener('abort', onAbort)
  if (options.maxMessages === 0) stop('max-messages')

  const onRecords = async (records: KRecord[]) => {
    if (stopping || member.needsRejoin) return
    lastActivity = Date.now()
    const {shown, consumed, skipped: filtered} = selectRecords(records, options.filter, (options.maxMessages ?? Infinity) - count)
    if (consumed === 0) return
    try {
      await sink(shown, true)
    } catch (error) {
      // The output failed (closed pipe, full disk): nothing of these is committed, and the error is the sink's own, not Kafka's.
      outputFailure ??= error
      throw error
    }
    // Records --grep skipped are consumed too: the commit passes them.
    const last = records[consumed - 1]!
    position.set(`${last.topic}:${last.partition}`, BigInt(last.offset) + 1n)
    count += shown.length
    skipped += filtered
    if (options.maxMessages !== undefined && count >= options.maxMessages) stop('max-messages')
  }

  /** Where each assigned partition starts: the commit, else where this run got to, else --from-beginning or the end. */
  const positions = async (keys: string[]): Promise<PartitionState[]> => {
    const parts = keys.map((k) => {
      const i = k.lastIndexOf(':')
      const topic = k.slice(0, i)
      const partition = Number(k.slice(i + 1))
      return {topic, partition, leader: leaderOf(topic, partition)}
    })
    const fromGroup = await member.committed(parts)
    const missing = parts.filter((p) => !fromGroup.has(`${p.topic}:${p.partition}`) && !position.has(`${p.topic}:${p.partition}`))
    if (missing.length > 0 && options.resetError)
      throw new KfkError(
        `group '${options.group}' has no committed offset for ${missing.map((p) => `${p.topic}:${p.partition}`).join(', ')} (--offset-reset error)`,
        {
          hint: `Set where it starts with kfk groups reset-offsets ${options.group} --topic T --to-earliest --execute, or use --offset-reset earliest|latest.`,
        },
      )
    const reset =
      missing.length > 0 ? await listOffsets(cluster, missing, options.fromBeginning ? -2 : -1, iso, retryMs) : new Map<string, bigint>()
    return parts.map((p) => {
      const k = `${p.topic}:${p.partition}`
      const group = fromGroup.get(k)
      const mine = position.get(k)
      // Records this run wrote but could not commit (the group moved on) are not read twice.
      const offset = group !== undefined && mine !== undefined ? (group > mine ? group : mine) : (group ?? mine ?? reset.get(k) ?? 0n)
      if (group !== undefined) committed.set(k, group)
      // A reset position is committed too (as Java does), so a partition nothing arrives on keeps its place.
      position.set(k, offset)
      const end = ends.get(k)
      return {...p, offset, end, done: end !== undefined && offset >= end}
    })
  }

  try {
    while (!stopping) {
      if (member.needsRejoin) {
        const joined = member.join()
        joined.catch(() => {}) // awaited below unless stopped first
        await Promise.race([joined, new Promise<void>((resolve) => (wake = resolve))])
        if (stopping) break
        await joined
      }
      const keys = owned()
      for (const k of keys) seen.add(k)
      if (client.settings.verbose)
        process.stderr.write(
          `[group] ${options.group} generation ${member.generationId} member ${member.memberId}: ${keys.join(' ') || 'no partitions'}\n`,
        )
      const states = await client.run('look up positions', () => positions(keys), retryMs + 2000)
      if (member.needsRejoin) continue
      // -e with nothing assigned waits: the partitions may still be on their way from another member.
      if (options.exitAtEnd && states.length > 0 && states.every((s) => s.done)) {
        stop('end')
        break
      }
      if (states.length === 0) {
        // Nothing assigned (more members than partitions, or not released yet): wait for the next assignment or the end.
        await new Promise<void>((resolve) => (wake = resolve))
        continue
      }
      session = new FetchSession(cluster, states, {
        isolationLevel: iso,
        ...FETCH_SIZES,
        retryMs,
        // auto.offset.reset: a committed offset outside the log restarts where --from-beginning says.
        resetOffset: async (s) => {
          if (options.resetError)
            throw new KfkError(`the committed offset ${s.offset} of ${s.topic}:${s.partition} is outside the log (--offset-reset error)`)
          return (await listOffsets(cluster, [s], options.fromBeginning ? -2 : -1, iso)).get(`${s.topic}:${s.partition}`)!
        },
      })
      if (stopping || member.needsRejoin) session.stop()
      await session.run(onRecords)
      if (!session.isStopped) {
        // Every record below each end went through the sink: the whole range is consumed, markers and gaps too.
        for (const s of states) {
          const k = `${s.topic}:${s.partition}`
          const at = s.end !== undefined && s.offset > s.end ? s.end : s.offset
          const before = position.get(k) ?? committed.get(k) ?? -1n
          if (s.done && at > before) position.set(k, at)
        }
        if (options.exitAtEnd) stop('end')
      }
      await commit()
    }
  } catch (error) {
    failure = error
    session?.stop()
  } finally {
    for (const t of timers) clearInterval(t)
    options.signal?.removeEventListener('abort', onAbort)
    member.stopHeartbeats()
    // Bounded, as Ctrl-C must end the command promptly.
    await withDeadline(leave(), 1500, () => new Error('commit and leave timed out')).catch(() => {})
  }
  if (outputFailure) throw outputFailure
  if (failure) throw mapKafkaError(failure, client.errorContext)
  const partitions: ConsumedPartition[] = [...seen].sort().map((k) => {
    const i = k.lastIndexOf(':')
    return {
      topic: k.slice(0, i),
      partition: Number(k.slice(i + 1)),
      start: null,
      end: ends.has(k) ? Number(ends.get(k)) : undefined,
      next: position.has(k) ? Number(position.get(k)) : null,
    }
  })
  return {count, skipped, stoppedBy, partitions}
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
