/**
 * `kfk perf consume` (ConsumerPerformance): read N records through a consumer
 * group with kfk's own group member and fetch engine, and measure MB/s and
 * records/s, overall and for the fetching alone, as the Java tool does.
 */
import type {KafkaClient} from '../kafkajs/client.js'
import {consumeWithGroup} from '../consume/group/group-consumer.js'

export interface ConsumerPerfOptions {
  topics: string[]
  pattern?: string
  messages: number
  group: string
  fromLatest: boolean
  /** Give up when no record came for this long (Java's --timeout). */
  timeoutMs: number
  reportingIntervalMs: number
  onInterval?: (p: IntervalReport) => void
  signal?: AbortSignal
}

export interface IntervalReport {
  time: number
  totalMb: number
  mbPerSec: number
  messages: number
  messagesPerSec: number
  rebalanceTimeMs: number
  fetchTimeMs: number
  fetchMbPerSec: number
  fetchMessagesPerSec: number
}

export interface ConsumerPerfResult {
  startMs: number
  endMs: number
  mb: number
  mbPerSec: number
  messages: number
  messagesPerSec: number
  /** Until the group gave this member its partitions and the first records came. */
  rebalanceTimeMs: number
  fetchTimeMs: number
  fetchMbPerSec: number
  fetchMessagesPerSec: number
  /** True when --timeout ended the run before `messages` records were read. */
  timedOut: boolean
}

const MB = 1024 * 1024

export async function consumerPerf(client: KafkaClient, o: ConsumerPerfOptions): Promise<ConsumerPerfResult> {
  const startMs = Date.now()
  let firstAt: number | undefined
  let messages = 0
  let bytes = 0
  let last = {time: startMs, messages: 0, bytes: 0}
  const summary = await consumeWithGroup(
    client,
    {
      topics: o.topics,
      pattern: o.pattern,
      group: o.group,
      fromBeginning: !o.fromLatest,
      maxMessages: o.messages,
      idleTimeoutMs: o.timeoutMs,
      exitAtEnd: false,
      signal: o.signal,
    },
    (records) => {
      const now = Date.now()
      firstAt ??= now
      for (const r of records) bytes += (r.key?.length ?? 0) + (r.value?.length ?? 0)
      messages += records.length
      if (o.onInterval && now - last.time >= o.reportingIntervalMs) {
        const elapsed = now - last.time
        const rebalance = last.time === startMs ? firstAt - startMs : 0
        const fetchMs = elapsed - rebalance
        const mb = (bytes - last.bytes) / MB
        o.onInterval({
          time: now,
          totalMb: bytes / MB,
          mbPerSec: (1000 * mb) / elapsed,
          messages,
          messagesPerSec: (1000 * (messages - last.messages)) / elapsed,
          rebalanceTimeMs: rebalance,
          fetchTimeMs: fetchMs,
          fetchMbPerSec: fetchMs <= 0 ? 0 : (1000 * mb) / fetchMs,
          fetchMessagesPerSec: fetchMs <= 0 ? 0 : (1000 * (messages - last.messages)) / fetchMs,
        })
        last = {time: now, messages, bytes}
      }
    },
  )
  const endMs = Date.now()
  const elapsedSec = Math.max(endMs - startMs, 1) / 1000
  const rebalanceTimeMs = (firstAt ?? endMs) - startMs
  const fetchTimeMs = endMs - startMs - rebalanceTimeMs
  const mb = bytes / MB
  return {
    startMs,
    endMs,
    mb,
    mbPerSec: mb / elapsedSec,
    messages,
    messagesPerSec: messages / elapsedSec,
    rebalanceTimeMs,
    fetchTimeMs,
    fetchMbPerSec: fetchTimeMs <= 0 ? 0 : mb / (fetchTimeMs / 1000),
    fetchMessagesPerSec: fetchTimeMs <= 0 ? 0 : messages / (fetchTimeMs / 1000),
    timedOut: summary.count < o.messages && summary.stoppedBy !== 'interrupt',
  }
}

/** Java's SimpleDateFormat patterns the tool's --date-format uses: yyyy MM dd HH mm ss SSS, in local time. */
export function formatDate(ms: number, pattern: string): string {
  const d = new Date(ms)
  const pad = (n: number, w = 2) => String(n).padStart(w, '0')
  const tokens: Record<string, string> = {
    yyyy: String(d.getFullYear()),
    MM: pad(d.getMonth() + 1),
    dd: pad(d.getDate()),
    HH: pad(d.getHours()),
    mm: pad(d.getMinutes()),
    ss: pad(d.getSeconds()),
    SSS: pad(d.getMilliseconds(), 3),
  }
  return pattern.replace(/yyyy|MM|dd|HH|mm|ss|SSS/g, (t) => tokens[t]!)
}
