import {murmur2} from '../kafkajs.js'
import {encodeBatch, encodeRecords, timestamps} from '../record-batch.js'
import type {OutRecord} from '../record.js'
import {compress} from '../codecs.js'

/**
 * Collects records into one open batch per partition, as the Java producer's
 * RecordAccumulator does: keyed records go to murmur2(key) % partitions,
 * keyless ones stick to one partition until its batch fills (the sticky
 * partitioner). A full batch is sealed at once; a partial one when the
 * sender has room for it and it has lingered long enough (see `sealIfDue`).
 */
export interface ProducerBatch {
  partition: number
  records: number
  /** Key, value and header bytes: what the summary counts. */
  payloadBytes: number
  firstLine: number
  lastLine: number
  createdAt: number
  /** The encoded record batch; undefined while it is being compressed. */
  bytes?: Buffer
  /** -1 until the sender stamps it on its first send. */
  baseSequence: number
  /** On the wire now. */
  inFlight: boolean
  /** A request that carried it got no answer: it may have been written. */
  maybeWritten: boolean
}

/** Bytes a record takes in a batch beyond its key, value and headers (generous, for sizing). */
export const RECORD_OVERHEAD = 32
/** A record batch's header (core/record-batch.ts). */
export const BATCH_OVERHEAD = 61

interface OpenBatch {
  records: OutRecord[]
  size: number
  payload: number
  createdAt: number
}

export class Accumulator {
  private readonly open = new Map<number, OpenBatch>()
  private sticky: number

  constructor(
    readonly partitions: number,
    private readonly batchBytes: number,
    private readonly compression: number,
    /** A sealed batch, in seal order per partition; `encoded` fires when its bytes are ready. */
    private readonly onSealed: (batch: ProducerBatch) => void,
    private readonly onEncoded: (batch: ProducerBatch, error?: unknown) => void,
  ) {
    this.sticky = Math.floor(Math.random() * partitions)
  }

  /** Where a record goes; throws for an explicit partition the topic lacks. */
  partitionOf(r: OutRecord, fixed: number | undefined): number {
    const p = r.partition ?? fixed ?? (r.key === null ? this.sticky : (murmur2(r.key) & 0x7fffffff) % this.partitions)
    if (p >= this.partitions || p < 0) throw new RangeError(`partition ${p} does not exist (the topic has ${this.partitions})`)
    return p
  }

  /** Adds a record of `size` bytes (payload plus overhead) to its partition's open batch. */
  append(r: OutRecord, partition: number, size: number, payload: number): void {
    let open = this.open.get(partition)
    if (open && open.size + size > this.batchBytes) {
      this.seal(partition)
      open = undefined
    }
    if (!open) this.open.set(partition, (open = {records: [], size: BATCH_OVERHEAD, payload: 0, createdAt: Date.now()}))
    open.records.push(r)
    open.size += size
    open.payload += payload
  }

  /** Partitions with an open batch. */
  openPartitions(): IterableIterator<number> {
    return this.open.keys()
  }

  /** When the oldest open batch is due (ms since epoch), or undefined if none is open. */
  oldestOpen(): number | undefined {
    let oldest: number | undefined
    for (const b of this.open.values()) if (oldest === undefined || b.createdAt < oldest) oldest = b.createdAt
    return oldest
  }

  /** Seals the partition's open batch if it has lingered `lingerMs` (or `now` is forced). */
  sealIfDue(partition: number, lingerMs: number, force: boolean): boolean {
    const open = this.open.get(partition)
    if (!open || (!force && Date.now() - open.createdAt < lingerMs)) return false
    this.seal(partition)
    return true
  }

  private seal(partition: number): void {
    const open = this.open.get(partition)!
    this.open.delete(partition)
    if (open.records.length === 0) return
    const list = open.records
    const batch: ProducerBatch = {
      partition,
      records: list.length,
      payloadBytes: open.payload,
      firstLine: list[0]!.line,
      lastLine: list[list.length - 1]!.line,
      createdAt: open.createdAt,
      baseSequence: -1,
      inFlight: false,
      maybeWritten: false,
    }
    // A keyless run moves on to the next partition when its batch is sealed (sticky partitioner).
    if (partition === this.sticky) this.sticky = (this.sticky + 1) % this.partitions
    const now = Date.now()
    const {base, max} = timestamps(list, now)
    const section = encodeRecords(list, base, now)
    const meta = {producerId: -1n, producerEpoch: -1, baseSequence: -1, compression: this.compression}
    this.onSealed(batch)
    if (this.compression === 0) {
      batch.bytes = encodeBatch(section, list.length, base, max, meta)
      this.onEncoded(batch)
      return
    }
    compress(this.compression, section).then(
      (compressed) => {
        batch.bytes = encodeBatch(compressed, list.length, base, max, meta)
        this.onEncoded(batch)
      },
      (error) => this.onEncoded(batch, error),
    )
  }
}
