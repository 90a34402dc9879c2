/**
 * The output side of a share consumer: how many records may still be
 * acquired (--max-messages across every broker loop), writing them out, and
 * the acknowledgement each gets: --ack's type once written, release when not
 * written (past the limit, after the stop, a write that failed), so another
 * member gets them at once.
 */
import type {KRecord} from '../../records/record.js'
import {ACK} from '../../protocol/share-fetch.js'
import type {ConsumedPartition} from '../consume.js'
import type {FlushedSink} from '../group/group-consumer.js'
import type {SharePart, ShareSession} from './session.js'
import {parseTpKey} from '../../topic-partition.js'

export type AckType = 'accept' | 'release' | 'reject'

export class ShareDelivery {
  count = 0
  lastActivity = Date.now()
  /** Records promised to the output (count plus those being written), so concurrent loops never pass --max-messages. */
  private reserved = 0
  private readonly seen = new Set<string>()

  constructor(
    private readonly sink: FlushedSink,
    private readonly ack: AckType,
    private readonly maxMessages: number | undefined,
    /** The limit is reached. */
    private readonly onFull: () => void,
  ) {}

  /** Records to ask the next fetch for, at most `max`. */
  left(max: number): number {
    return this.maxMessages === undefined ? max : Math.max(1, Math.min(max, this.maxMessages - this.reserved))
  }

  /** Writes out what the limit allows (nothing once stopping) and queues each record's acknowledgement in the session. */
  async deliver(session: ShareSession, part: SharePart, records: KRecord[], stopping: boolean): Promise<void> {
    const take = stopping ? 0 : Math.min(records.length, (this.maxMessages ?? Infinity) - this.reserved)
    this.reserved += take
    const offsets = records.map((r) => Number(r.offset))
    session.ack(part, offsets.slice(take), ACK.release)
    if (take === 0) return
    this.lastActivity = Date.now()
    try {
      await this.sink(records.slice(0, take), true)
    } catch (error) {
      // Not (wholly) written: released, so no record is lost.
      session.ack(part, offsets.slice(0, take), ACK.release)
      throw error
    }
    session.ack(part, offsets.slice(0, take), ACK[this.ack])
    this.count += take
    this.seen.add(part.key)
    if (this.maxMessages !== undefined && this.count >= this.maxMessages) this.onFull()
  }

  /** The partitions records were written from (no offsets: the broker keeps a share group's place). */
  partitions(): ConsumedPartition[] {
    return [...this.seen].sort().map((k) => ({...parseTpKey(k), start: null, next: null}))
  }
}
