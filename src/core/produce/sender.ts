import {openRequestChannel, type RequestChannel} from '../kafkajs/channel.js'
import type {RawCluster} from '../kafkajs/types.js'
import {isKafkaError} from '../protocol/kafka-errors.js'
import {stampBatch} from '../records/batch-encode.js'
import {decodeProduceResponse, encodeProduceRequest, PRODUCE_API_KEY, PRODUCE_VERSIONS} from '../protocol/produce.js'
import type {ProducerBatch} from './accumulator.js'
import {classifyProduceError, isAnswerLost, type Outcome} from './produce-errors.js'
import {PartitionLedger} from './ledger.js'

/** What the sender tells the run it works for. */
export interface SenderEvents {
  acked(batch: ProducerBatch): void
  /** The batch is acknowledged or given up: nothing will send it again. */
  done(batch: ProducerBatch): void
  warning(text: string): void
  /** A partition has room for another batch: the accumulator may seal a lingering one. */
  sealDue(partition: number): void
}

/**
 * What the sender needs of the cluster: each partition's leader, fresh
 * metadata when a leader moved, and an ordered request channel to a broker.
 * `senderCluster` gives it over kafkajs; a unit test passes fake brokers.
 */
export interface SenderCluster {
  /** Asks the brokers for metadata; `leaders` answers from it afterwards. */
  refreshMetadata(): Promise<void>
  /** Each partition's leader in the last metadata (-1: none). */
  leaders(topic: string): Array<{partition: number; leader: number}>
  /** An ordered channel to a broker, and the Produce versions it offers (undefined: it did not say). */
  connect(broker: number): Promise<{channel: RequestChannel; produceVersions?: {minVersion: number; maxVersion: number}}>
}

export function senderCluster(cluster: RawCluster): SenderCluster {
  return {
    refreshMetadata: () => cluster.refreshMetadata(),
    leaders: (topic) => cluster.findTopicPartitionMetadata(topic).map((m) => ({partition: m.partitionId, leader: m.leader})),
    async connect(broker) {
      const raw = await cluster.findBroker({nodeId: String(broker)})
      return {channel: await openRequestChannel(raw), produceVersions: raw.versions?.[PRODUCE_API_KEY]}
    },
  }
}

export interface SenderOptions {
  topic: string
  partitions: number
  acks: -1 | 0 | 1
  producerId: bigint
  producerEpoch: number
  requestTimeoutMs: number
  deliveryTimeoutMs: number
  maxInFlight: number
}

const RETRY_BACKOFF_MS = 100
/** How long a partition waits on errors before kfk says so on stderr, and how often it repeats it. */
const RETRY_NOTE_MS = 5000
const SEQUENCE_LIMIT = 0x80000000

interface PartitionState {
  id: number
  leader: number
  queue: ProducerBatch[]
  inFlight: number
  /** The broker that has this partition's in-flight batches. */
  broker: number
  nextSequence: number
  epoch: number
  /** A batch failed retriably: send nothing until all in flight are back, then re-send from the oldest. */
  retry: boolean
  /** The broker lost the sequence state: re-stamp every queued batch from 0 under a new epoch. */
  resequence: boolean
  failure?: Error
}

interface Link {
  channel?: RequestChannel
  opening?: Promise<void>
  inFlight: number
  version: number
}

/**
 * The send side of the produce engine, after the Java producer's Sender:
 * - one request per leader carries at most one batch per partition, and at
 *   most `maxInFlight` requests are unanswered per broker (so at most that
 *   many batches per partition), written to the socket in send order;
 * - idempotent (acks all or 1): every batch has a producer id, epoch and
 *   sequence, so a batch re-sent after a lost answer is written once
 *   (DUPLICATE_SEQUENCE), and the broker refuses anything out of order;
 * - a retriable failure holds the partition until all its batches in flight
 *   are back, refreshes metadata, then re-sends from its oldest unacknowledged
 *   batch, in order, to the (new) leader, until the delivery timeout;
 * - OUT_OF_ORDER_SEQUENCE_NUMBER / UNKNOWN_PRODUCER_ID on the oldest batch
 *   means the broker lost this producer's state (the batch was refused, so
 *   nothing is written twice): as Java (KIP-360), bump the epoch for the
 *   partition and re-sequence its batches from 0.
 */
export class Sender {
  readonly ledger: PartitionLedger
  private readonly parts: PartitionState[]
  private readonly links = new Map<number, Link>()
  private refreshing?: Promise<void>
  private lastError = new Map<number, Error>()
  /** When each partition last said it is retrying (noteWaiting). */
  private readonly notedAt = new Map<number, number>()
  private draining = false
  private drainAgain = false
  private readonly waiters = new Set<() => void>()
  private timer?: NodeJS.Timeout
  private closed = false
  /** Ctrl-C's deadline passed: answers still coming are ignored (what they held is counted as maybe written). */
  private abandoned = false
  queuedBytes = 0

  constructor(
    private readonly cluster: SenderCluster,
    private readonly o: SenderOptions,
    private readonly events: SenderEvents,
  ) {
    this.ledger = new PartitionLedger(o.partitions)
    this.parts = Array.from({length: o.partitions}, (_, id) => ({
      id,
      leader: -1,
      queue: [],
      inFlight: 0,
      broker: -1,
      nextSequence: 0,
      epoch: o.producerEpoch,
      retry: false,
      resequence: false,
    }))
    this.learnLeaders()
    // Delivery timeouts are checked even when nothing else happens (a broker that never answers).
    this.timer = setInterval(() => this.expire(), 250)
    this.timer.unref()
  }

  get idempotent(): boolean {
    return this.o.producerId >= 0n
  }

  /** Some partition failed for good: the producer stops reading input. */
  get failed(): boolean {
    return this.parts.some((p) => p.failure)
  }

  /** A sealed batch joins its partition's queue (in seal order). */
  add(batch: ProducerBatch): void {
    const p = this.parts[batch.partition]!
    if (p.failure) {
      this.ledger.notWritten(batch)
      return
    }
    p.queue.push(batch)
    this.queuedBytes += batch.payloadBytes
  }

  /**
   * A batch that could not be encoded (its codec failed) fails its partition
   * at once with the codec's error: nothing after it may be sent before it,
   * and waiting would only end in the delivery timeout.
   */
  failEncoding(batch: ProducerBatch, error: unknown): void {
    const p = this.parts[batch.partition]!
    p.failure ??= new Error(`compressing a batch failed: ${(error as Error)?.message ?? String(error)}`)
    if (p.inFlight === 0) this.settlePartition(p)
    this.notify()
  }

  /** Batches not yet acknowledged or given up (0: every partition is done). */
  get pending(): number {
    let n = 0
    for (const p of this.parts) n += p.queue.length
    return n
  }

  /** Resolves at the next change (an answer, a failure, a refresh). */
  changed(): Promise<void> {
    return new Promise((resolve) => this.waiters.add(resolve))
  }

  /** Wakes whoever waits in `changed()` (Ctrl-C). */
  wake(): void {
    this.notify()
  }

  private notify(): void {
    const waiters = [...this.waiters]
    this.waiters.clear()
    for (const w of waiters) w()
  }

  /** Sends what can be sent now. Synchronous, so requests reach each socket in the order built here. */
  drain(): void {
    if (this.closed) return
    if (this.draining) {
      this.drainAgain = true
      return
    }
    this.draining = true
    try {
      do {
        this.drainAgain = false
        const byLeader = new Map<number, PartitionState[]>()
        for (const p of this.parts) {
          if (p.failure || p.retry || p.resequence) continue
          if (p.leader < 0) {
            // No leader known: look again (a new leader is elected within seconds).
            if (p.queue.length > 0 && p.inFlight === 0) {
              p.retry = true
              this.refreshSoon()
            }
            continue
          }
          if (p.inFlight >= this.o.maxInFlight || (p.inFlight > 0 && p.broker !== p.leader)) continue
          if (p.queue.length === p.inFlight) this.events.sealDue(p.id)
          if (p.queue.length > p.inFlight) byLeader.set(p.leader, [...(byLeader.get(p.leader) ?? []), p])
        }
        for (const [broker, partitions] of byLeader) this.drainTo(broker, partitions)
      } while (this.drainAgain)
    } finally {
      this.draining = false
    }
  }

  private drainTo(broker: number, partitions: PartitionState[]): void {
    const link = this.link(broker)
    if (!link.channel?.usable) {
      this.open(broker, link)
      return
    }
    while (link.inFlight < this.o.maxInFlight) {
      const batches: ProducerBatch[] = []
      for (const p of partitions) {
        if (p.inFlight >= this.o.maxInFlight || p.queue.length <= p.inFlight) continue
        const batch = p.queue[p.inFlight]!
        if (!batch.bytes) continue // still compressing; later batches wait behind it
        this.stamp(p, batch)
        batch.inFlight = true
        p.inFlight++
        p.broker = broker
        batches.push(batch)
      }
      if (batches.length === 0) return
      this.request(link, broker, batches)
    }
  }

  /** Writes producer id, epoch, sequence and the CRC before a batch's first send (again after an epoch bump). */
  private stamp(p: PartitionState, batch: ProducerBatch): void {
    if (batch.stamped) return
    batch.stamped = true
    if (!this.idempotent) return stampBatch(batch.bytes!, -1n, -1, -1)
    batch.baseSequence = p.nextSequence
    p.nextSequence = (p.nextSequence + batch.records) % SEQUENCE_LIMIT
    stampBatch(batch.bytes!, this.o.producerId, p.epoch, batch.baseSequence)
  }

  private request(link: Link, broker: number, batches: ProducerBatch[]): void {
    link.inFlight++
    const body = encodeProduceRequest({
      acks: this.o.acks,
      timeoutMs: this.o.requestTimeoutMs,
      topic: this.o.topic,
      batches: batches.map((b) => ({partition: b.partition, batch: b.bytes!})),
    })
    const channel = link.channel!
    // The client waits a little longer than the broker, so the broker's own REQUEST_TIMED_OUT comes first.
    channel
      .send(PRODUCE_API_KEY, link.version, 'Produce', body, this.o.acks !== 0, this.o.requestTimeoutMs + 2000)
      // An answer that does not decode fails as a lost connection does: its batches may have been written.
      .then((response) => (response === null ? null : decodeProduceResponse(link.version, response)))
      .then(
        (results) => {
          link.inFlight--
          if (this.abandoned) return
          if (results === null) {
            for (const b of batches) this.settleBatch(b, {kind: 'ok'})
          } else {
            for (const b of batches) {
              const r = results.find((x) => x.partition === b.partition)
              this.settleBatch(
                b,
                r
                  ? classifyProduceError(r.errorCode, r.errorMessage)
                  : {kind: 'retry', error: new Error('the broker did not answer for this partition')},
              )
            }
          }
          this.afterChange()
        },
        (error: Error) => {
          link.inFlight--
          if (this.abandoned) return
          if (link.channel === channel) link.channel = undefined
          // Whatever else is in flight on this connection fails with it (Java closes it too).
          void channel.abort(error)
          const lost = isAnswerLost(error)
          for (const b of batches) {
            if (lost) b.maybeWritten = true
            this.settleBatch(b, {kind: 'retry', error})
          }
          this.afterChange()
        },
      )
  }

  private settleBatch(batch: ProducerBatch, outcome: Outcome): void {
    const p = this.parts[batch.partition]!
    batch.inFlight = false
    p.inFlight--
    if (outcome.kind === 'ok') {
      const i = p.queue.indexOf(batch)
      if (i !== 0)
        this.events.warning(
          `partition ${p.id}: lines ${batch.firstLine}-${batch.lastLine} were acknowledged before older lines (${i} batch(es) behind)`,
        )
      p.queue.splice(i, 1)
      // An answer again: an earlier error no longer explains a wait (noteWaiting) or a timeout (expire).
      this.lastError.delete(p.id)
      this.queuedBytes -= batch.payloadBytes
      this.ledger.acked(batch)
      this.events.acked(batch)
      this.events.done(batch)
    } else if (outcome.kind === 'sequence' && !p.retry && p.queue[0] === batch && this.idempotent) {
      // The oldest unacknowledged batch was refused for its sequence: the broker lost this producer's state.
      p.resequence = true
      this.lastError.set(p.id, outcome.error)
    } else if (outcome.kind === 'fatal') {
      p.failure ??= outcome.error
    } else {
      p.retry = true
      this.lastError.set(p.id, outcome.error)
    }
    if (p.inFlight === 0) this.settlePartition(p)
  }

  /** All of a partition's batches are back: fail the rest, re-sequence, or refresh and retry. */
  private settlePartition(p: PartitionState): void {
    if (p.failure) {
      for (const b of p.queue.splice(0)) {
        this.queuedBytes -= b.payloadBytes
        this.ledger.notWritten(b)
        if (!b.inFlight) this.events.done(b)
      }
      this.ledger.fail(p.id, p.failure)
      return
    }
    if (p.resequence) {
      p.resequence = false
      p.retry = true
      p.epoch = (p.epoch + 1) & 0x7fff
      p.nextSequence = 0
      // Each is stamped again as it is sent, in queue order (drainTo): one still compressing has no bytes yet.
      for (const b of p.queue) {
        b.baseSequence = -1
        b.stamped = false
      }
      this.events.warning(
        `partition ${p.id}: the broker no longer knows this producer's sequence (${this.lastError.get(p.id)?.message}); continuing under epoch ${p.epoch}, nothing was written twice`,
      )
    }
    if (p.retry) this.refreshSoon()
  }

  private afterChange(): void {
    this.notify()
    this.drain()
  }

  /** One metadata refresh at a time, after a short backoff; then the held partitions send again. */
  private refreshSoon(): void {
    if (this.refreshing || this.closed) return
    this.refreshing = (async () => {
      await new Promise((resolve) => setTimeout(resolve, RETRY_BACKOFF_MS))
      try {
        await withTimeout(this.cluster.refreshMetadata(), this.o.requestTimeoutMs)
        this.learnLeaders()
      } catch (error) {
        for (const p of this.parts) if (p.retry) this.lastError.set(p.id, error as Error)
        await new Promise((resolve) => setTimeout(resolve, 500))
      }
      for (const p of this.parts) if (p.retry && p.inFlight === 0) p.retry = false
    })().finally(() => {
      this.refreshing = undefined
      this.afterChange()
    })
  }

  private learnLeaders(): void {
    for (const m of this.cluster.leaders(this.o.topic)) {
      const p = this.parts[m.partition]
      if (p) p.leader = m.leader
    }
  }

  private link(broker: number): Link {
    let link = this.links.get(broker)
    if (!link) this.links.set(broker, (link = {inFlight: 0, version: PRODUCE_VERSIONS[0]!}))
    return link
  }

  private open(broker: number, link: Link): void {
    if (link.opening || link.inFlight > 0) return
    link.opening = (async () => {
      const {channel, produceVersions: range} = await withTimeout(this.cluster.connect(broker), this.o.requestTimeoutMs)
      link.version = Math.max(...PRODUCE_VERSIONS.filter((v) => !range || (v >= range.minVersion && v <= range.maxVersion)))
      link.channel = channel
    })()
      .catch((error: Error) => {
        // No connection to the leader: hold its partitions and look for a new leader.
        for (const p of this.parts) {
          if (p.leader === broker && p.inFlight === 0 && !p.failure) {
            p.retry = true
            this.lastError.set(p.id, error)
          }
        }
        this.refreshSoon()
      })
      .finally(() => {
        link.opening = undefined
        this.afterChange()
      })
  }

  /** Fails batches that waited longer than the delivery timeout (those in flight wait for their answer first). */
  private expire(): void {
    const now = Date.now()
    for (const p of this.parts) {
      if (p.failure || p.queue.length === 0) continue
      const oldest = p.queue[0]!
      if (now - oldest.createdAt < this.o.deliveryTimeoutMs) {
        this.noteWaiting(p, now - oldest.createdAt)
        continue
      }
      const why = this.lastError.get(p.id)?.message ?? (p.leader < 0 ? 'no leader' : `no answer from broker ${p.leader}`)
      p.failure = new Error(
        `not acknowledged within the delivery timeout of ${Math.round(this.o.deliveryTimeoutMs / 1000)} s (last: ${why})`,
      )
      if (p.inFlight === 0) this.settlePartition(p)
    }
    if (this.failed) this.notify()
  }

  /**
   * A partition held by errors for a while (below min ISR, no leader, a broker that does not answer) says
   * so on stderr every RETRY_NOTE_MS with the cause and the time left, instead of waiting out the
   * delivery timeout in silence. Quick leader moves (under RETRY_NOTE_MS) stay quiet.
   */
  private noteWaiting(p: PartitionState, waitedMs: number): void {
    const error = this.lastError.get(p.id)
    // Within half a short delivery timeout, so the note comes before the failure it warns of.
    const after = Math.min(RETRY_NOTE_MS, this.o.deliveryTimeoutMs / 2)
    if (!error || waitedMs < after || Date.now() - (this.notedAt.get(p.id) ?? 0) < RETRY_NOTE_MS) return
    this.notedAt.set(p.id, Date.now())
    const cause = isKafkaError(error, 'NOT_ENOUGH_REPLICAS', 'NOT_ENOUGH_REPLICAS_AFTER_APPEND')
      ? "NOT_ENOUGH_REPLICAS: fewer replicas in sync than the topic's min.insync.replicas"
      : error.message
    const left = Math.max(0, Math.round((this.o.deliveryTimeoutMs - waitedMs) / 1000))
    this.events.warning(`partition ${p.id}: retrying (${cause}); ${left} s left of the delivery timeout`)
  }

  /** Gives up on everything not yet acknowledged (Ctrl-C's deadline): counted, never silently dropped. */
  abandon(reason: string): void {
    this.abandoned = true
    for (const p of this.parts) {
      if (p.queue.length === 0) continue
      p.failure ??= new Error(reason)
      for (const b of p.queue) if (b.inFlight) b.maybeWritten = true
      p.inFlight = 0
      this.settlePartition(p)
    }
    this.notify()
  }

  async close(): Promise<void> {
    this.closed = true
    if (this.timer) clearInterval(this.timer)
    // With acks=0 a batch counts as sent once written to the socket: let the socket's buffer reach the kernel
    // before closing, or the last batches are dropped with it.
    await withTimeout(Promise.allSettled([...this.links.values()].map((l) => l.channel?.flushed())), this.o.requestTimeoutMs).catch(
      () => {},
    )
    await Promise.allSettled([...this.links.values()].map((l) => l.channel?.abort(new Error('closed'))))
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)
    }),
  ]).finally(() => clearTimeout(timer))
}
