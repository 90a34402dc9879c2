import type {ProducerBatch} from './accumulator.js'

/**
 * Exact accounting of a produce run, per partition: what the brokers
 * acknowledged, what was certainly not written (refused, or never sent), and
 * what may have been written (a request that carried it lost its answer).
 * Input line numbers name the records, so a user can re-send exactly the
 * lines that were not written.
 */
export interface LineRange {
  records: number
  firstLine: number
  lastLine: number
}

export interface PartitionAccount {
  partition: number
  acknowledged: number
  /** The last input line acknowledged on this partition. */
  lastAcknowledgedLine?: number
  notWritten?: LineRange
  maybeWritten?: LineRange
  error?: string
}

export class PartitionLedger {
  private readonly accounts: PartitionAccount[]
  acknowledged = 0
  acknowledgedBytes = 0

  constructor(partitions: number) {
    this.accounts = Array.from({length: partitions}, (_, partition) => ({partition, acknowledged: 0}))
  }

  acked(b: ProducerBatch): void {
    const a = this.accounts[b.partition]!
    a.acknowledged += b.records
    a.lastAcknowledgedLine = Math.max(a.lastAcknowledgedLine ?? 0, b.lastLine)
    this.acknowledged += b.records
    this.acknowledgedBytes += b.payloadBytes
  }

  notWritten(b: {partition: number; records: number; firstLine: number; lastLine: number; maybeWritten?: boolean}): void {
    const a = this.accounts[b.partition]!
    const key = b.maybeWritten ? 'maybeWritten' : 'notWritten'
    const r = a[key]
    a[key] = r
      ? {records: r.records + b.records, firstLine: Math.min(r.firstLine, b.firstLine), lastLine: Math.max(r.lastLine, b.lastLine)}
      : {records: b.records, firstLine: b.firstLine, lastLine: b.lastLine}
  }

  fail(partition: number, error: Error): void {
    this.accounts[partition]!.error ??= error.message
  }

  /** Partitions that wrote or failed anything, in order. */
  partitions(): PartitionAccount[] {
    return this.accounts.filter((a) => a.acknowledged > 0 || a.notWritten || a.maybeWritten || a.error)
  }

  get notWrittenCount(): number {
    return this.accounts.reduce((n, a) => n + (a.notWritten?.records ?? 0), 0)
  }

  get maybeWrittenCount(): number {
    return this.accounts.reduce((n, a) => n + (a.maybeWritten?.records ?? 0), 0)
  }
}
