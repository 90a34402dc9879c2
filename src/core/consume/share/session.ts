/**
 * The client side of one share session with one broker (as Java's
 * ShareSessionHandler): the session epoch (0 opens, then +1 a request), the
 * partitions the broker holds in the session, and the acknowledgements waiting
 * to be sent. A ShareFetch in a session lists only partitions new to it or
 * with acknowledgements, and forgets those no longer wanted; the broker
 * refuses acknowledgements on an opening fetch (epoch 0), so after a reset
 * they wait for the next request. Acknowledgements of a partition no longer
 * wanted go in a ShareAcknowledge before the partition is forgotten; those of
 * a request that failed are put back, never lost in between.
 */
import type {AcknowledgementBatch, SharePartitionRequest} from '../../protocol/share-fetch.js'
import {PendingAcks} from './acks.js'

export interface SharePart {
  topic: string
  partition: number
  topicId: string
  /** "topic:partition" */
  key: string
}

/** Acknowledgements carried by one request, by partition key. */
export type SentAcks = Map<string, {part: SharePart; batches: AcknowledgementBatch[]}>

export interface FetchPlan {
  epoch: number
  partitions: SharePartitionRequest[]
  forgotten: Array<{topicId: string; partition: number}>
  acks: SentAcks
  wanted: SharePart[]
}

const MAX_EPOCH = 0x7fffffff

export class ShareSession {
  epoch = 0
  /** The partitions in the broker's session. */
  private readonly held = new Map<string, SharePart>()
  private readonly pending = new Map<string, {part: SharePart; acks: PendingAcks}>()

  ack(part: SharePart, offsets: Iterable<number>, type: number): void {
    const entry = this.pending.get(part.key) ?? {part, acks: new PendingAcks()}
    for (const o of offsets) entry.acks.add(o, type)
    if (entry.acks.size > 0) this.pending.set(part.key, entry)
  }

  /** Records whose acknowledgements wait to be sent. */
  get pendingRecords(): number {
    let n = 0
    for (const {acks} of this.pending.values()) n += acks.size
    return n
  }

  /** Whether the session holds partitions or acknowledgements. */
  get idle(): boolean {
    return this.held.size === 0 && this.pending.size === 0
  }

  /**
   * The acknowledgements of partitions not in `wanted`, for a ShareAcknowledge
   * in the session (none before the session is open).
   */
  takeUnwanted(wanted: readonly SharePart[]): SentAcks {
    if (this.epoch === 0) return new Map()
    const keys = new Set(wanted.map((p) => p.key))
    return this.take((key) => !keys.has(key))
  }

  /** Every acknowledgement waiting (for the closing ShareAcknowledge). */
  takeAll(): SentAcks {
    return this.take(() => true)
  }

  /** The next ShareFetch for the partitions wanted now; its acknowledgements leave the pending set until `fetched` or `failed`. */
  nextFetch(wanted: readonly SharePart[]): FetchPlan {
    const keys = new Set(wanted.map((p) => p.key))
    if (this.epoch === 0) {
      const partitions = wanted.map((p) => ({topicId: p.topicId, partition: p.partition, acknowledgements: []}))
      return {epoch: 0, partitions, forgotten: [], acks: new Map(), wanted: [...wanted]}
    }
    const acks = this.take((key) => keys.has(key))
    const partitions: SharePartitionRequest[] = []
    for (const p of wanted)
      if (!this.held.has(p.key) || acks.has(p.key))
        partitions.push({topicId: p.topicId, partition: p.partition, acknowledgements: acks.get(p.key)?.batches ?? []})
    // A partition whose acknowledgements are still pending stays until a ShareAcknowledge carried them.
    const forgotten = [...this.held.values()]
      .filter((p) => !keys.has(p.key) && !this.pending.has(p.key))
      .map((p) => ({topicId: p.topicId, partition: p.partition}))
    return {epoch: this.epoch, partitions, forgotten, acks, wanted: [...wanted]}
  }

  /** The broker answered the fetch without a top-level error: the next epoch, and the session holds what was wanted. */
  fetched(plan: FetchPlan): void {
    this.next()
    for (const f of plan.forgotten)
      for (const [k, p] of this.held) if (p.topicId === f.topicId && p.partition === f.partition) this.held.delete(k)
    for (const p of plan.wanted) this.held.set(p.key, p)
  }

  /** A ShareAcknowledge in the session was answered. */
  acknowledged(): void {
    this.next()
  }

  /**
   * A request failed (no answer, or the session is gone): its acknowledgements
   * are pending again (a newer one for the same offset wins) and the next
   * fetch opens a new session. The records stay acquired by this member, so
   * the acknowledgements are still good in the new session.
   */
  failed(acks: SentAcks): void {
    for (const [key, {part, batches}] of acks) {
      const entry = this.pending.get(key) ?? {part, acks: new PendingAcks()}
      for (const b of batches)
        for (let o = b.firstOffset; o <= b.lastOffset; o++)
          if (!entry.acks.has(o)) entry.acks.add(o, b.types.length === 1 ? b.types[0]! : b.types[o - b.firstOffset]!)
      if (entry.acks.size > 0) this.pending.set(key, entry)
    }
    this.reset()
  }

  reset(): void {
    this.epoch = 0
    this.held.clear()
  }

  private next(): void {
    this.epoch = this.epoch >= MAX_EPOCH ? 1 : this.epoch + 1
  }

  private take(which: (key: string) => boolean): SentAcks {
    const out: SentAcks = new Map()
    for (const [key, {part, acks}] of this.pending)
      if (which(key)) {
        out.set(key, {part, batches: acks.take()})
        this.pending.delete(key)
      }
    return out
  }
}

/** Records acknowledged in `batches`, by acknowledgement type (gaps, type 0, included). */
export function countByType(batches: readonly AcknowledgementBatch[]): Map<number, number> {
  const counts = new Map<number, number>()
  for (const b of batches)
    if (b.types.length === 1) counts.set(b.types[0]!, (counts.get(b.types[0]!) ?? 0) + b.lastOffset - b.firstOffset + 1)
    else for (const t of b.types) counts.set(t, (counts.get(t) ?? 0) + 1)
  return counts
}
