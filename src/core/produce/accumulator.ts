import {
  BATCH_HEADER,
  encodeBatch,
  encodeRecordInto,
  encodeSpanRecordInto,
  RECORD_SIZE_BOUND,
  recordSizeBound,
  viewOf,
  writeBatchHeader,
} from '../records/batch-encode.js'
import type {OutRecord} from '../records/record.js'
import {compress} from '../records/codecs.js'
import {keyPartition} from './murmur2.js'
import {InputError} from './input.js'

/**
 * Collects records into one open batch per partition, as the Java producer's
 * RecordAccumulator does: keyed records go to murmur2(key) % partitions,
 * keyless ones stick to one partition until its batch fills (the sticky
 * partitioner). Each record is encoded into its batch's buffer as it is
 * appended, so no record object (nor the input chunk it points into) outlives
 * its line. A full batch is sealed at once; a partial one when the sender has
 * room for it and it has lingered long enough (see `sealIfDue`).
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
  /** The pooled buffer `bytes` lies in, to reuse once the batch is acknowledged. */
  backing?: Buffer
  /** -1 until the sender stamps it on its first send (and stays -1 without idempotence). */
  baseSequence: number
  /** The producer id, epoch, sequence and CRC are written (sender.ts, before the first send). */
  stamped: boolean
  /** On the wire now. */
  inFlight: boolean
  /** A request that carried it got no answer: it may have been written. */
  maybeWritten: boolean
}

interface OpenBatch {
  buffer: Buffer
  /**
   * A DataView of `buffer`, for encodeSpanRecordInto. Made with the batch: a property added
   * later changed the object's shape midway and threw V8's optimised appendSpan away.
   */
  view: DataView
  /** Where the next record goes. */
  at: number
  count: number
  payload: number
  createdAt: number
  baseTimestamp: number
  maxTimestamp: number
  firstLine: number
  lastLine: number
}

export interface AccumulatorOptions {
  topic: string
  partitions: number
  /** Java's batch.size: the buffer of an open batch (a record larger than it gets a batch of its own). */
  batchBytes: number
  compression: number
  /** The topic's max.message.bytes: a record whose batch would be larger fails its line, or is skipped (onOversized). */
  maxMessageBytes: number
  /** --partition: every record goes there (unless a JSONL line names its own). */
  partition?: number
  /** ignore.error: a record over max.message.bytes is counted here and skipped instead of failing its line. */
  onOversized?: () => void
}

/** What the accumulator tells the run it works for. */
export interface AccumulatorEvents {
  /** A sealed batch, in seal order per partition. */
  sealed(batch: ProducerBatch): void
  /** Its bytes are ready (at once without compression), or compressing it failed. */
  encoded(batch: ProducerBatch, error?: unknown): void
}

/** Whether a record of `size` bytes (its recordSizeBound) has room left in the batch. */
const fits = (open: OpenBatch, size: number): boolean => open.at + size <= open.buffer.length

export class Accumulator {
  readonly partitions: number
  private readonly batchBytes: number
  private readonly open = new Map<number, OpenBatch>()
  private sticky: number
  /**
   * Batch buffers of `batchBytes`, reused once acknowledged: without reuse
   * V8 lets freed batches pile up as external memory before it collects them.
   */
  private readonly pool: Buffer[] = []
  /** The input chunk appendSpan last saw, and its DataView (made once per chunk). */
  private spanSource?: Buffer
  private spanView?: DataView

  constructor(
    private readonly o: AccumulatorOptions,
    private readonly events: AccumulatorEvents,
  ) {
    this.partitions = o.partitions
    this.batchBytes = o.batchBytes
    this.sticky = Math.floor(Math.random() * o.partitions)
  }

  /**
   * Encodes a line's record into its partition's open batch, timestamped `now` unless it has its own;
   * returns the partition, or -1 for a record skipped as oversized.
   */
  add(r: OutRecord, now: number): number {
    const {line} = r
    const size = recordSizeBound(r)
    if (this.oversized(size, line)) return -1
    let payload = (r.key?.length ?? 0) + (r.value?.length ?? 0)
    for (const [k, v] of r.headers) payload += k.length + (v?.length ?? 0)
    const p = r.partition ?? this.o.partition ?? (r.key === null ? this.stickyFor(size) : keyPartition(r.key, this.partitions))
    this.checkPartition(p, line)
    const timestamp = r.timestamp === undefined ? now : Number(r.timestamp)
    const open = this.batchFor(p, size, timestamp, line)
    open.at = encodeRecordInto(open.buffer, open.at, r, open.count, timestamp - open.baseTimestamp)
    this.appended(open, payload, line, timestamp)
    return p
  }

  /**
   * `add` for a plain text line (the common case: no record object), its key `src[keyStart, keyEnd)`
   * (keyStart -1 for none) and value `src[valueStart, valueEnd)` spans of an input chunk, header-less
   * and timestamped `now` (see encodeSpanRecordInto); returns the partition, or -1 if skipped.
   */
  addText(src: Buffer, keyStart: number, keyEnd: number, valueStart: number, valueEnd: number, line: number, now: number): number {
    const size = RECORD_SIZE_BOUND + (keyStart < 0 ? 0 : keyEnd - keyStart) + valueEnd - valueStart
    if (this.oversized(size, line)) return -1
    const p = this.o.partition ?? (keyStart < 0 ? this.stickyFor(size) : keyPartition(src, this.partitions, keyStart, keyEnd))
    this.checkPartition(p, line)
    const open = this.batchFor(p, size, now, line)
    if (src !== this.spanSource) {
      this.spanSource = src
      this.spanView = viewOf(src)
    }
    open.at = encodeSpanRecordInto(
      open.buffer,
      open.at,
      src,
      keyStart,
      keyEnd,
      valueStart,
      valueEnd,
      open.count,
      now - open.baseTimestamp,
      open.view,
      this.spanView,
    )
    this.appended(open, (keyStart < 0 ? 0 : keyEnd - keyStart) + valueEnd - valueStart, line, now)
    return p
  }

  /** A record of `size` bytes (its recordSizeBound) whose batch would pass max.message.bytes: skipped (true) or its line fails. */
  private oversized(size: number, line: number): boolean {
    if (size + BATCH_HEADER <= this.o.maxMessageBytes) return false
    if (this.o.onOversized) return (this.o.onOversized(), true)
    throw new InputError(
      line,
      `the record is ${size + BATCH_HEADER} bytes, over the topic's max.message.bytes of ${this.o.maxMessageBytes}`,
    )
  }

  private checkPartition(p: number, line: number): void {
    if (p >= this.partitions || p < 0)
      throw new InputError(line, `partition ${p} does not exist (the topic has ${this.partitions}): topic "${this.o.topic}"`)
  }

  /**
   * The sticky partition for a keyless record of `size` bytes. When the record
   * does not fit that partition's open batch, the batch is sealed and the
   * record starts the next partition's (as the Java producer's abortOnNewBatch):
   * left in a new batch of the old partition, it went out as a batch and a
   * request of its own after every full one.
   */
  private stickyFor(size: number): number {
    for (let i = 0; i < this.partitions; i++) {
      const open = this.open.get(this.sticky)
      if (!open || fits(open, size)) break
      this.seal(this.sticky)
    }
    return this.sticky
  }

  /** The partition's open batch with room for `size` more bytes (the full one sealed, a new one opened). */
  private batchFor(partition: number, size: number, timestamp: number, line: number): OpenBatch {
    let open = this.open.get(partition)
    if (open && !fits(open, size)) {
      this.seal(partition)
      open = undefined
    }
    if (!open) {
      const buffer =
        BATCH_HEADER + size <= this.batchBytes
          ? (this.pool.pop() ?? Buffer.allocUnsafeSlow(this.batchBytes))
          : Buffer.allocUnsafeSlow(BATCH_HEADER + size)
      open = {
        buffer,
        view: viewOf(buffer),
        at: BATCH_HEADER,
        count: 0,
        payload: 0,
        createdAt: Date.now(),
        baseTimestamp: timestamp,
        maxTimestamp: timestamp,
        firstLine: line,
        lastLine: line,
      }
      this.open.set(partition, open)
    }
    return open
  }

  private appended(open: OpenBatch, payload: number, line: number, timestamp: number): void {
    open.count++
    open.payload += payload
    open.lastLine = line
    if (timestamp > open.maxTimestamp) open.maxTimestamp = timestamp
  }

  /** Partitions with an open batch. */
  openPartitions(): IterableIterator<number> {
    return this.open.keys()
  }

  /** When the oldest open batch was opened (ms since epoch), or undefined if none is open. */
  oldestOpen(): number | undefined {
    let oldest: number | undefined
    for (const b of this.open.values()) if (oldest === undefined || b.createdAt < oldest) oldest = b.createdAt
    return oldest
  }

  /** Seals the partition's open batch if it has lingered `lingerMs` (or `force`). */
  sealIfDue(partition: number, lingerMs: number, force: boolean): boolean {
    const open = this.open.get(partition)
    if (!open || (!force && Date.now() - open.createdAt < lingerMs)) return false
    this.seal(partition)
    return true
  }

  private seal(partition: number): void {
    const open = this.open.get(partition)!
    this.open.delete(partition)
    const batch: ProducerBatch = {
      partition,
      records: open.count,
      payloadBytes: open.payload,
      firstLine: open.firstLine,
      lastLine: open.lastLine,
      createdAt: open.createdAt,
      baseSequence: -1,
      stamped: false,
      inFlight: false,
      maybeWritten: false,
    }
    // A keyless run moves on to the next partition when its batch is sealed (sticky partitioner).
    if (partition === this.sticky) this.sticky = (this.sticky + 1) % this.partitions
    const {compression} = this.o
    const meta = {producerId: -1n, producerEpoch: -1, baseSequence: -1, compression}
    const {buffer, count, baseTimestamp, maxTimestamp} = open
    this.events.sealed(batch)
    if (compression === 0) {
      batch.backing = buffer
      // The sender stamps (and checksums) every batch before its first send: no CRC here.
      batch.bytes = writeBatchHeader(buffer.subarray(0, open.at), count, baseTimestamp, maxTimestamp, meta, false)
      this.events.encoded(batch)
      return
    }
    compress(compression, buffer.subarray(BATCH_HEADER, open.at)).then(
      (compressed) => {
        this.recycle(buffer)
        batch.bytes = encodeBatch(compressed, count, baseTimestamp, maxTimestamp, meta)
        this.events.encoded(batch)
      },
      (error) => {
        this.recycle(buffer)
        this.events.encoded(batch, error)
      },
    )
  }

  /** A batch the brokers are done with (acknowledged, or given up): its buffer can be reused. */
  release(batch: ProducerBatch): void {
    if (batch.backing) this.recycle(batch.backing)
    batch.backing = undefined
    batch.bytes = undefined
  }

  private recycle(buffer: Buffer): void {
    if (buffer.length === this.batchBytes && this.pool.length < 64) this.pool.push(buffer)
  }
}
