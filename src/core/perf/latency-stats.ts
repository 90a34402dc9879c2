/**
 * ProducerPerformance's statistics: records, bytes and latency per reporting
 * window and in total, with latencies sampled (at most 500,000 kept) for the
 * percentiles, as org.apache.kafka.tools.ProducerPerformance.Stats does.
 */
export interface WindowReport {
  records: number
  recordsPerSec: number
  mbPerSec: number
  avgLatencyMs: number
  maxLatencyMs: number
}

export interface TotalReport extends WindowReport {
  p50Ms: number
  p95Ms: number
  p99Ms: number
  p999Ms: number
}

export class LatencyStats {
  private readonly samples: Int32Array
  private readonly sampling: number
  private sampled = 0
  private iteration = 0
  private count = 0
  private bytes = 0
  private totalLatency = 0
  private maxLatency = 0
  private window = {count: 0, bytes: 0, totalLatency: 0, maxLatency: 0, start: 0}
  private readonly start: number

  constructor(
    expectedRecords: number,
    private readonly reportingIntervalMs: number,
    private readonly onWindow: (w: WindowReport) => void,
    now = Date.now(),
  ) {
    this.sampling = Math.max(1, Math.floor(expectedRecords / Math.min(Math.max(expectedRecords, 1), 500_000)))
    this.samples = new Int32Array(Math.floor(expectedRecords / this.sampling) + 1)
    this.start = now
    this.window.start = now
  }

  record(latencyMs: number, bytes: number, now: number): void {
    this.count++
    this.bytes += bytes
    this.totalLatency += latencyMs
    if (latencyMs > this.maxLatency) this.maxLatency = latencyMs
    const w = this.window
    w.count++
    w.bytes += bytes
    w.totalLatency += latencyMs
    if (latencyMs > w.maxLatency) w.maxLatency = latencyMs
    if (this.iteration % this.sampling === 0 && this.sampled < this.samples.length) this.samples[this.sampled++] = latencyMs
    this.iteration++
    if (now - w.start >= this.reportingIntervalMs) {
      this.onWindow(report(w.count, w.bytes, w.totalLatency, w.maxLatency, now - w.start))
      this.window = {count: 0, bytes: 0, totalLatency: 0, maxLatency: 0, start: now}
    }
  }

  get records(): number {
    return this.count
  }

  total(now = Date.now()): TotalReport {
    const sorted = this.samples.subarray(0, this.sampled).sort()
    const at = (q: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!)
    return {
      ...report(this.count, this.bytes, this.totalLatency, this.maxLatency, now - this.start),
      p50Ms: at(0.5),
      p95Ms: at(0.95),
      p99Ms: at(0.99),
      p999Ms: at(0.999),
    }
  }
}

function report(count: number, bytes: number, totalLatency: number, maxLatency: number, elapsedMs: number): WindowReport {
  const ms = Math.max(elapsedMs, 1)
  return {
    records: count,
    recordsPerSec: (1000 * count) / ms,
    mbPerSec: (1000 * bytes) / ms / (1024 * 1024),
    avgLatencyMs: count === 0 ? 0 : totalLatency / count,
    maxLatencyMs: maxLatency,
  }
}

/** ProducerPerformance's window line. */
export function windowLine(w: WindowReport): string {
  return `${w.records} records sent, ${w.recordsPerSec.toFixed(1)} records/sec (${w.mbPerSec.toFixed(2)} MB/sec), ${w.avgLatencyMs.toFixed(1)} ms avg latency, ${w.maxLatencyMs.toFixed(1)} ms max latency.`
}

/** ProducerPerformance's final line. */
export function totalLine(t: TotalReport): string {
  return (
    `${t.records} records sent, ${t.recordsPerSec.toFixed(1)} records/sec (${t.mbPerSec.toFixed(2)} MB/sec), ` +
    `${t.avgLatencyMs.toFixed(2)} ms avg latency, ${t.maxLatencyMs.toFixed(2)} ms max latency, ` +
    `${t.p50Ms} ms 50th, ${t.p95Ms} ms 95th, ${t.p99Ms} ms 99th, ${t.p999Ms} ms 99.9th.`
  )
}
