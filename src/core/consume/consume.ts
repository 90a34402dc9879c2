import type {RawCluster} from '../kafkajs/types.js'
import type {KafkaClient} from '../kafkajs/client.js'
import {KfkError} from '../../cli/errors.js'
import {FETCH_SIZES, FetchSession, fetchRetryMs, type PartitionState} from './fetch-session.js'
import {registerCodecs} from '../records/codecs.js'
import {listOffsets, resolveTopics} from '../partitions/partitions.js'
import type {OffsetSpec} from './offset-spec.js'
import type {KRecord} from '../records/record.js'
import {partitionNotFound} from '../partitions/not-found.js'
import {selectRecords, type RecordFilter} from './record-filter.js'
import {tpKey} from '../topic-partition.js'

/**
 * `kfk consume` without a group: assigns the partitions itself, reads from
 * where the offset spec says, stops at --max-messages, after --timeout-ms idle,
 * or (-e) at the high-water marks that held when it started. Commits nothing.
 */
export interface ConsumeOptions {
  topics: string[]
  pattern?: string
  partitions?: number[]
  offset: OffsetSpec
  maxMessages?: number
  idleTimeoutMs?: number
  exitAtEnd: boolean
  isolationLevel: 0 | 1
  /** Where a position that fell out of the log goes (Java's auto.offset.reset, plus `error`). */
  offsetReset: OffsetReset
  signal?: AbortSignal
  /** One-line notes for stderr (a start outside the log, an offset reset): the command prints them. */
  onNote?: (text: string) => void
  /** --grep: records it rejects are read but not handed on (nor counted in maxMessages). */
  filter?: RecordFilter
}

export type OffsetReset = 'earliest' | 'latest' | 'error'

export type RecordSink = (records: KRecord[]) => Promise<void> | void

export interface ConsumedPartition {
  topic: string
  partition: number
  /** Where reading started (null in a group: each assignment starts from the group's commit). */
  start: number | null
  /** -e: the end it stopped at. */
  end?: number
  /** The next offset to read (null in a group for a partition nothing was read from). */
  next: number | null
}

export interface ConsumeSummary {
  /** Records handed on (shown). */
  count: number
  /** Records read that --grep filtered out. */
  skipped: number
  stoppedBy: 'end' | 'max-messages' | 'timeout' | 'interrupt'
  partitions: ConsumedPartition[]
}

export async function consume(client: KafkaClient, options: ConsumeOptions, sink: RecordSink): Promise<ConsumeSummary> {
  registerCodecs()
  const cluster = await client.cluster()
  const topics = await client.run('read topic metadata', () => resolveTopics(cluster, options.topics, options.pattern))
  const states: PartitionState[] = []
  for (const topic of topics) {
    const meta = cluster.findTopicPartitionMetadata(topic)
    const ids = meta.map((m) => m.partitionId).sort((a, b) => a - b)
    const wanted = options.partitions ?? ids
    for (const p of wanted) {
      const m = meta.find((x) => x.partitionId === p)
      if (!m) throw partitionNotFound(topic, p, ids.length)
      states.push({topic, partition: p, offset: 0n, leader: m.leader, done: false})
    }
  }
  const iso = options.isolationLevel
  const note = options.onNote ?? (() => {})
  // A leader killed just before: its partitions wait for the controller to fence it (up to ~9 s), as the fetches do.
  const retryMs = fetchRetryMs(client.settings.timeoutMs)
  await client.run(
    'look up offsets',
    async () => {
      const spec = options.offset
      // Only the lookups this start needs, in parallel: the first record comes sooner.
      const none = Promise.resolve(new Map<string, bigint>())
      const [earliest, latest, byTime] = await Promise.all([
        spec.kind === 'latest' || spec.kind === 'time' ? none : listOffsets(cluster, states, -2, iso, retryMs),
        spec.kind === 'earliest' && !options.exitAtEnd ? none : listOffsets(cluster, states, -1, iso, retryMs),
        spec.kind === 'time' ? listOffsets(cluster, states, spec.ms, iso, retryMs) : undefined,
      ])
      for (const s of states) {
        const key = tpKey(s)
        const lo = earliest.get(key) ?? 0n
        const hi = latest.get(key) ?? 0n
        const clamp = (o: bigint) => (o < lo ? lo : o > hi ? hi : o)
        if (spec.kind === 'earliest') s.offset = lo
        else if (spec.kind === 'latest') s.offset = hi
        else if (spec.kind === 'absolute') {
          s.offset = clamp(spec.offset)
          if (s.offset !== spec.offset)
            note(
              `topic "${s.topic}" partition ${s.partition}: --offset ${spec.offset} is ${spec.offset < lo ? 'before the log start' : 'past the end'} (the log holds ${lo} to ${hi}); starting at ${s.offset}`,
            )
        } else if (spec.kind === 'fromEnd') s.offset = clamp(hi - spec.count)
        else s.offset = byTime!.get(key)! < 0n ? hi : byTime!.get(key)!
        if (options.exitAtEnd) {
          s.end = hi
          s.done = s.offset >= hi
        }
      }
    },
    retryMs + 2000,
  )
  const starts = states.map((s) => s.offset)
  let count = 0
  let skipped = 0
  let stoppedBy: ConsumeSummary['stoppedBy'] = 'end'
  let lastActivity = Date.now()
  const session = new FetchSession(cluster, states, {
    isolationLevel: iso,
    ...FETCH_SIZES,
    retryMs,
    resetOffset: (s) => resetOffset(cluster, s, options.offsetReset, iso, note),
  })
  const stopWith = (why: ConsumeSummary['stoppedBy']) => {
    if (!session.isStopped) stoppedBy = why
    session.stop()
  }
  const onAbort = () => stopWith('interrupt')
  options.signal?.addEventListener('abort', onAbort)
  const idle = options.idleTimeoutMs
    ? setInterval(
        () => {
          if (Date.now() - lastActivity >= options.idleTimeoutMs!) stopWith('timeout')
        },
        Math.min(100, options.idleTimeoutMs),
      )
    : undefined
  try {
    if (options.maxMessages === 0) stopWith('max-messages')
    await session.run(async (records) => {
      lastActivity = Date.now()
      if (session.isStopped) return
      const picked = selectRecords(records, options.filter, (options.maxMessages ?? Infinity) - count)
      count += picked.shown.length
      skipped += picked.skipped
      if (options.maxMessages !== undefined && count >= options.maxMessages) stopWith('max-messages')
      await sink(picked.shown)
    })
  } finally {
    if (idle) clearInterval(idle)
    options.signal?.removeEventListener('abort', onAbort)
  }
  return {
    count,
    skipped,
    stoppedBy,
    partitions: states.map((s, i) => ({
      topic: s.topic,
      partition: s.partition,
      start: Number(starts[i]!),
      end: s.end === undefined ? undefined : Number(s.end),
      next: Number(s.offset),
    })),
  }
}

/**
 * OFFSET_OUT_OF_RANGE: the log no longer (or not yet) holds the position,
 * e.g. retention deleted it. The policy decides, and stderr says what it did,
 * since earliest re-reads nothing but latest skips whatever lies between.
 */
async function resetOffset(
  cluster: RawCluster,
  s: PartitionState,
  policy: OffsetReset,
  iso: 0 | 1,
  note: (text: string) => void,
): Promise<bigint> {
  const key = tpKey(s)
  const [lo, hi] = await Promise.all([listOffsets(cluster, [s], -2, iso), listOffsets(cluster, [s], -1, iso)]).then(
    ([a, b]) => [a.get(key)!, b.get(key)!] as const,
  )
  const where = `topic "${s.topic}" partition ${s.partition}: offset ${s.offset} is out of range (the log holds ${lo} to ${hi})`
  if (policy === 'error')
    throw new KfkError(where, {hint: 'Choose where to go on: --offset-reset earliest or --offset-reset latest (or a start with --offset).'})
  const to = policy === 'earliest' ? lo : hi
  note(`${where}; --offset-reset ${policy}: reading on from ${to}`)
  return to
}
