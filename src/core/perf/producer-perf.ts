/**
 * `kfk perf produce` (ProducerPerformance): generated records through kfk's
 * own produce engine at a target rate, with latency from each record's
 * generation to its batch's acknowledgement, reported as the Java tool does.
 */
import type {KafkaClient} from '../kafkajs/client.js'
import {produce} from '../produce/produce.js'
import type {ProduceSummary} from '../produce/report.js'
import {LINE_DEFAULTS} from '../produce/input.js'
import type {ProducerSettings} from '../produce/settings.js'
import {LatencyStats, type TotalReport, type WindowReport} from './latency-stats.js'

export interface ProducerPerfOptions extends ProducerSettings {
  topic: string
  numRecords: number
  /** Random A-Z values of this size (as ProducerPerformance), or one of `payloads` at random. */
  recordSize?: number
  payloads?: Buffer[]
  /** Records a second; -1: as fast as possible. */
  throughput: number
  /** The first records, left out of the totals (the producer warming up). */
  warmupRecords: number
  reportingIntervalMs: number
  onWindow: (w: WindowReport) => void
  signal?: AbortSignal
}

export interface ProducerPerfResult {
  total: TotalReport
  summary: ProduceSummary
}

/** Lines per generated chunk at most: big enough to be cheap. */
const CHUNK_LINES = 1000

export async function producerPerf(client: KafkaClient, o: ProducerPerfOptions): Promise<ProducerPerfResult> {
  const expected = Math.max(1, o.numRecords - o.warmupRecords)
  let stats = new LatencyStats(expected, o.reportingIntervalMs, o.onWindow)
  let warmupLeft = o.warmupRecords
  const summary = await produce(client, {
    ...o,
    topic: o.topic,
    line: {...LINE_DEFAULTS},
    input: generate(o),
    signal: o.signal,
    // A batch's records wait at most from when it opened: each counts the batch's whole wait,
    // the latency of its first record (Java times each record from its send() call).
    onBatchAcked: (b) => {
      const now = Date.now()
      const bytes = b.payloadBytes / b.records
      for (let i = 0; i < b.records; i++) {
        if (warmupLeft > 0 && --warmupLeft === 0) {
          stats = new LatencyStats(expected, o.reportingIntervalMs, o.onWindow, now)
          continue
        }
        if (warmupLeft === 0) stats.record(now - b.createdAt, bytes, now)
      }
    },
  })
  return {total: stats.total(), summary}
}

/** The records as input lines, paced to `throughput` records a second (ProducerPerformance's throttle). */
async function* generate(o: ProducerPerfOptions): AsyncGenerator<Buffer> {
  const start = Date.now()
  let sent = 0
  let seed = 1
  const random = () => {
    // xorshift: cheap and the same every run, as the Java tool seeds its own.
    seed ^= seed << 13
    seed ^= seed >>> 17
    seed ^= seed << 5
    return (seed >>> 0) / 0x100000000
  }
  while (sent < o.numRecords) {
    if (o.signal?.aborted) return
    // A chunk is about 10 ms of records at the target rate, so a low rate is sent evenly, not in bursts.
    const chunk = o.throughput > 0 ? Math.max(1, Math.min(CHUNK_LINES, Math.ceil(o.throughput / 100))) : CHUNK_LINES
    const n = Math.min(chunk, o.numRecords - sent)
    const parts: Buffer[] = []
    for (let i = 0; i < n; i++) {
      if (o.payloads) parts.push(o.payloads[Math.floor(random() * o.payloads.length)]!, NEWLINE)
      else {
        const value = Buffer.allocUnsafe(o.recordSize! + 1)
        for (let j = 0; j < o.recordSize!; j++) value[j] = 65 + Math.floor(random() * 26)
        value[o.recordSize!] = 10
        parts.push(value)
      }
    }
    if (o.throughput > 0) {
      // Ahead of the target rate: wait until this chunk is due.
      const due = start + (sent * 1000) / o.throughput
      const wait = due - Date.now()
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    }
    sent += n
    yield Buffer.concat(parts)
  }
}

const NEWLINE = Buffer.from('\n')
