import type {KafkaClient} from './client.js'
import {withDeadline} from './errors.js'
import {registerCodecs} from './codecs.js'
import {resolveTopics} from './partitions.js'
import {headerPairs, type KRecord} from './record.js'
import type {ConsumeSummary, ConsumedPartition} from './consume.js'

/**
 * `kfk consume --group G`: kafkajs's group consumer, committing only offsets
 * of records already handed to the output (at least once, none skipped).
 * -e uses the high-water marks at start; Ctrl-C (signal) commits what was
 * written, leaves the group, and returns promptly.
 */
export interface GroupConsumeOptions {
  topics: string[]
  pattern?: string
  group: string
  fromBeginning: boolean
  maxMessages?: number
  idleTimeoutMs?: number
  exitAtEnd: boolean
  signal?: AbortSignal
}

/** Resolves once the records have left the process (so a commit never runs ahead of the output). */
export type FlushedSink = (records: KRecord[], flushed: true) => Promise<void> | void

export async function consumeWithGroup(client: KafkaClient, options: GroupConsumeOptions, sink: FlushedSink): Promise<ConsumeSummary> {
  registerCodecs()
  const cluster = await client.cluster()
  const topics = await client.run('read topic metadata', () => resolveTopics(cluster, options.topics, options.pattern))
  const admin = await client.admin()
  const ends = new Map<string, bigint>()
  const lows = new Map<string, bigint>()
  if (options.exitAtEnd) {
    for (const topic of topics) {
      const offsets = await client.run('look up end offsets', () => admin.fetchTopicOffsets(topic))
      for (const o of offsets) {
        ends.set(`${topic}:${o.partition}`, BigInt(o.high))
        lows.set(`${topic}:${o.partition}`, BigInt(o.low))
      }
    }
  }
  const consumer = client.kafka.consumer({groupId: options.group, allowAutoTopicCreation: false, maxWaitTimeInMs: 500})
  const next = new Map<string, bigint>()
  const assigned = new Set<string>()
  let count = 0
  let stoppedBy: ConsumeSummary['stoppedBy'] = 'end'
  let finish!: () => void
  const finished = new Promise<void>((resolve) => (finish = resolve))
  let stopping = false
  const stop = (why: ConsumeSummary['stoppedBy']) => {
    if (stopping) return
    stopping = true
    stoppedBy = why
    finish()
  }
  let lastActivity = Date.now()
  const atEnd = () => options.exitAtEnd && assigned.size > 0 && [...assigned].every((k) => (next.get(k) ?? -1n) >= (ends.get(k) ?? 0n))
  consumer.on(consumer.events.GROUP_JOIN, async (e: {payload: {memberAssignment: Record<string, number[]>}}) => {
    assigned.clear()
    for (const [topic, parts] of Object.entries(e.payload.memberAssignment)) for (const p of parts) assigned.add(`${topic}:${p}`)
    if (!options.exitAtEnd) return
    // Partitions whose committed offset is already at the end have nothing to read.
    const committed = await admin.fetchOffsets({groupId: options.group, topics}).catch(() => [])
    for (const t of committed) for (const p of t.partitions) {
      const key = `${t.topic}:${p.partition}`
      const start = BigInt(p.offset) >= 0n ? BigInt(p.offset) : options.fromBeginning ? (lows.get(key) ?? 0n) : (ends.get(key) ?? 0n)
      if (!next.has(key) && start >= 0n) next.set(key, start)
    }
    if (atEnd()) stop('end')
  })
  const idle = options.idleTimeoutMs
    ? setInterval(() => Date.now() - lastActivity >= options.idleTimeoutMs! && stop('timeout'), Math.min(100, options.idleTimeoutMs))
    : undefined
  const onAbort = () => stop('interrupt')
  options.signal?.addEventListener('abort', onAbort)
  try {
    await client.run('join the group', async () => {
      await consumer.connect()
      await consumer.subscribe({topics, fromBeginning: options.fromBeginning})
    })
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({batch, heartbeat}) => {
        if (stopping) return
        lastActivity = Date.now()
        const key = `${batch.topic}:${batch.partition}`
        const end = ends.get(key)
        let records: KRecord[] = []
        for (const m of batch.messages) {
          if (end !== undefined && BigInt(m.offset) >= end) break
          records.push({topic: batch.topic, partition: batch.partition, offset: m.offset, timestamp: m.timestamp, key: m.key, value: m.value, headers: headerPairs((m as {headerList?: never}).headerList)})
        }
        if (options.maxMessages !== undefined && count + records.length >= options.maxMessages) records = records.slice(0, options.maxMessages - count)
        if (records.length > 0) {
          await sink(records, true)
          count += records.length
          const after = BigInt(records[records.length - 1]!.offset) + 1n
          next.set(key, after)
          await consumer.commitOffsets([{topic: batch.topic, partition: batch.partition, offset: after.toString()}])
        } else if (end !== undefined && batch.messages.length > 0) {
          next.set(key, BigInt(batch.lastOffset()) + 1n)
        }
        await heartbeat()
        if (options.maxMessages !== undefined && count >= options.maxMessages) stop('max-messages')
        else if (atEnd()) stop('end')
      },
    })
    if (options.maxMessages === 0) stop('max-messages')
    const crashed = new Promise<never>((_, reject) => consumer.on(consumer.events.CRASH, (e: {payload: {error: Error}}) => reject(e.payload.error)))
    await Promise.race([finished, crashed])
  } finally {
    if (idle) clearInterval(idle)
    options.signal?.removeEventListener('abort', onAbort)
    // Leaving the group can hang in kafkajs (#1606): bounded, the output is already committed.
    await withDeadline(consumer.disconnect(), 1200, () => new Error('leave timed out')).catch(() => {})
  }
  const partitions: ConsumedPartition[] = [...assigned].sort().map((k) => {
    const i = k.lastIndexOf(':')
    return {topic: k.slice(0, i), partition: Number(k.slice(i + 1)), start: '', end: ends.get(k)?.toString(), next: next.get(k)?.toString() ?? ''}
  })
  return {count, stoppedBy, partitions}
}
