import type {KRecord} from '../../records/record.js'
import type {AcknowledgementBatch, AcquiredRange} from '../../protocol/share-fetch.js'

/**
 * What a share consumer does with the records the broker acquired for it (as
 * Java's ShareCompletedFetch): only records inside an acquired range are
 * delivered, carrying that range's delivery count; an acquired offset with no
 * record (a transaction marker, a compacted-away record) is a gap, which must
 * be acknowledged too; records outside every range belong to someone else.
 */
export function deliverAcquired(records: readonly KRecord[], acquired: readonly AcquiredRange[]): {delivered: KRecord[]; gaps: number[]} {
  const ranges = [...acquired].sort((a, b) => a.firstOffset - b.firstOffset)
  const delivered: KRecord[] = []
  const gaps: number[] = []
  let i = 0
  for (const range of ranges) {
    let next = range.firstOffset
    while (i < records.length && Number(records[i]!.offset) < range.firstOffset) i++
    while (i < records.length && Number(records[i]!.offset) <= range.lastOffset) {
      const record = records[i++]!
      const offset = Number(record.offset)
      for (; next < offset; next++) gaps.push(next)
      delivered.push({...record, deliveryCount: range.deliveryCount})
      next = offset + 1
    }
    for (; next <= range.lastOffset; next++) gaps.push(next)
  }
  return {delivered, gaps}
}

/** Every offset of the acquired ranges, in order. */
export function acquiredOffsets(acquired: readonly AcquiredRange[]): number[] {
  const offsets: number[] = []
  for (const r of acquired) for (let o = r.firstOffset; o <= r.lastOffset; o++) offsets.push(o)
  return offsets.sort((a, b) => a - b)
}

/**
 * Acknowledgements waiting to be sent for one partition, by offset. Sent as
 * few batches as possible: each run of consecutive offsets is one batch, with
 * one type when the whole run has the same type, else one type per offset.
 */
export class PendingAcks {
  private readonly types = new Map<number, number>()

  add(offset: number, type: number): void {
    this.types.set(offset, type)
  }

  has(offset: number): boolean {
    return this.types.has(offset)
  }

  get size(): number {
    return this.types.size
  }

  /** Takes everything pending, as acknowledgement batches. */
  take(): AcknowledgementBatch[] {
    const offsets = [...this.types.keys()].sort((a, b) => a - b)
    const batches: AcknowledgementBatch[] = []
    let run: number[] = []
    const flush = () => {
      if (run.length === 0) return
      const types = run.map((o) => this.types.get(o)!)
      batches.push({firstOffset: run[0]!, lastOffset: run.at(-1)!, types: types.every((t) => t === types[0]) ? [types[0]!] : types})
      run = []
    }
    for (const o of offsets) {
      if (run.length > 0 && o !== run.at(-1)! + 1) flush()
      run.push(o)
    }
    flush()
    this.types.clear()
    return batches
  }
}
