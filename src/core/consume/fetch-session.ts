import type {BrokerConnection} from '../kafkajs/types.js'
import {errorFromCode} from '../kafkajs/load.js'
import {KfkError} from '../../cli/errors.js'
import {isConnectionLost, topicDenied} from '../errors.js'
import {isKafkaError, type KafkaErrorName} from '../protocol/kafka-errors.js'
import type {KRecord} from '../records/record.js'
import {fetchRaw, type FetchedPartition} from '../protocol/fetch.js'
import {decodeBatches, type DecodeLimits} from '../records/batch-decode.js'
import {tpKey} from '../topic-partition.js'

/**
 * Group-less reading on kafkajs's protocol layer: metadata gives the leader of
 * each partition, and one Fetch loop runs per leader broker. No consumer
 * group is joined and nothing is committed (kafkajs's Consumer always needs a
 * group). Each loop fetches the next response while the caller writes out the
 * current one; the caller's `onRecords` promise is the backpressure.
 */
export interface PartitionState {
  topic: string
  partition: number
  /** Next offset to fetch. */
  offset: bigint
  /** Stop before this offset (-e: the high-water mark at start). */
  end?: bigint
  leader: number
  done: boolean
}

export interface FetchOptions {
  isolationLevel: number
  maxWaitMs: number
  maxBytes: number
  partitionMaxBytes: number
  /** How long leadership/connection errors may be retried before failing. */
  retryMs: number
  /** Where to restart a partition whose offset fell out of range. */
  resetOffset(state: PartitionState): Promise<bigint>
  limits?: DecodeLimits
}

/**
 * Fetch sizes of every consume: 8 MB a response and 256 KB a partition. Larger
 * partition fetches were no faster and held more decoded records at once
 * (1 MB: 240-270 MB peak RSS for 1M records of 100 B; 256 KB: about 140 MB).
 */
export const FETCH_SIZES = {maxWaitMs: 500, maxBytes: 8 * 1024 * 1024, partitionMaxBytes: 256 * 1024}

/**
 * How long a partition's fetches are retried through leader changes: at least
 * 30 s, since a broker killed outright keeps its partitions until the
 * controller fences it (broker.session.timeout.ms, 9 s by default).
 */
export function fetchRetryMs(timeoutMs: number): number {
  return Math.max(timeoutMs, 30_000)
}

export type OnRecords = (records: KRecord[]) => Promise<void> | void

/** Through the global setTimeout, which a unit test's mocked clock drives (node 20's mock timers leave timers/promises alone). */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** What a fetch session needs of the cluster: kafkajs's RawCluster is one, and a unit test passes fake brokers. */
export interface FetchCluster {
  refreshMetadata(): Promise<void>
  findTopicPartitionMetadata(topic: string): Array<{partitionId: number; leader: number}>
  findBroker(args: {nodeId: string}): Promise<BrokerConnection>
}

/** A partition's errors that wait for fresh metadata and a retry: its leader moved or is not there yet. */
const RETRIABLE: readonly KafkaErrorName[] = [
  'NOT_LEADER_OR_FOLLOWER',
  'LEADER_NOT_AVAILABLE',
  'PREFERRED_LEADER_NOT_AVAILABLE',
  'KAFKA_STORAGE_ERROR',
  'OFFSET_NOT_AVAILABLE',
  'UNKNOWN_TOPIC_OR_PARTITION',
  'FENCED_LEADER_EPOCH',
  'UNKNOWN_LEADER_EPOCH',
  'NOT_COORDINATOR',
  'REPLICA_NOT_AVAILABLE',
]

export class FetchSession {
  private stopped = false
  private readonly loops = new Map<number, Promise<void>>()
  private failure: unknown
  /** Since when each partition has answered with an error, to give up after retryMs. */
  private readonly failingSince = new Map<PartitionState, number>()
  /** The order partitions are asked for in; see rotate(). */
  private order: PartitionState[]

  constructor(
    private readonly cluster: FetchCluster,
    private readonly partitions: PartitionState[],
    private readonly options: FetchOptions,
  ) {
    this.order = [...partitions]
  }

  stop(): void {
    this.stopped = true
  }

  get isStopped(): boolean {
    return this.stopped
  }

  /** Runs until every partition is done, stop() is called, or a fetch fails for good. */
  async run(onRecords: OnRecords): Promise<void> {
    this.startLoops(onRecords)
    while (this.loops.size > 0) {
      await Promise.race(this.loops.values())
    }
    if (this.failure) throw this.failure
  }

  private startLoops(onRecords: OnRecords): void {
    for (const leader of new Set(this.partitions.filter((p) => !p.done).map((p) => p.leader))) {
      if (this.loops.has(leader)) continue
      const loop = this.brokerLoop(leader, onRecords)
        .catch((error) => {
          this.failure ??= error
          this.stopped = true
        })
        .finally(() => this.loops.delete(leader))
      this.loops.set(leader, loop)
    }
  }

  private async brokerLoop(leader: number, onRecords: OnRecords): Promise<void> {
    let broker: BrokerConnection | undefined
    let failingSince = 0
    let pending: Promise<FetchedPartition[]> | undefined
    let pendingFor: PartitionState[] = []
    while (!this.stopped) {
      const mine = this.order.filter((p) => !p.done && p.leader === leader)
      if (mine.length === 0) return
      try {
        broker ??= await this.cluster.findBroker({nodeId: String(leader)})
        // Reuse the prefetched response only if it was asked for exactly these offsets.
        const response = await (pending && sameRequest(pendingFor, mine) ? pending : this.fetch(broker, mine))
        pending = undefined
        const {batches, stale} = await this.readResponse(response, mine)
        failingSince = 0
        this.rotate(mine.filter((p) => (batches.get(p)?.records.length ?? 0) > 0))
        // Pipeline: ask for the next response (from the positions after this one) before writing this one out.
        const next = this.order
          .filter((p) => mine.includes(p) && !stale.includes(p))
          .map((p) => ({...p, offset: batches.get(p)?.next ?? p.offset}))
        const open = next.filter((p) => p.end === undefined || p.offset < p.end)
        if (!this.stopped && open.length > 0 && stale.length === 0) {
          pendingFor = open
          pending = this.fetch(broker, open)
          pending.catch(() => {})
        }
        // A position moves only once its records are handed over: a stop or a
        // failure in between leaves it where the next read must start.
        for (const [p, b] of batches) {
          if (this.stopped) break
          if (b.records.length > 0) await onRecords(b.records)
          if (b.next > p.offset) p.offset = b.next
          if (p.end !== undefined && p.offset >= p.end) p.done = true
        }
        if (stale.length > 0) {
          // Their leader moved or is moving: new metadata hands them to the right loop.
          await sleep(100)
          await this.refreshLeaders(onRecords).catch(() => {})
        }
      } catch (error) {
        pending = undefined
        if (!isRetriable(error)) throw error
        failingSince ||= Date.now()
        if (Date.now() - failingSince > this.options.retryMs) throw error
        await sleep(250)
        broker = undefined
        await this.refreshLeaders(onRecords).catch(() => {})
      }
    }
  }

  /**
   * Decodes one response into records and next positions per partition,
   * without moving any position. A partition's own error concerns that
   * partition only: it is set aside (stale) for a leader refresh while the
   * others' records are kept.
   */
  private async readResponse(
    response: FetchedPartition[],
    mine: PartitionState[],
  ): Promise<{batches: Map<PartitionState, {records: KRecord[]; next: bigint}>; stale: PartitionState[]}> {
    const byKey = new Map(mine.map((p) => [tpKey(p), p]))
    const batches = new Map<PartitionState, {records: KRecord[]; next: bigint}>()
    const stale: PartitionState[] = []
    for (const data of response) {
      const p = byKey.get(tpKey(data))
      if (!p) continue
      if (isKafkaError(data.errorCode, 'OFFSET_OUT_OF_RANGE')) {
        p.offset = await this.options.resetOffset(p)
        if (p.end !== undefined && p.offset >= p.end) p.done = true
        continue
      }
      if (isKafkaError(data.errorCode, 'TOPIC_AUTHORIZATION_FAILED')) throw topicDenied('Read', data.topic)
      if (data.errorCode !== 0) {
        const error = Object.assign(errorFromCode(data.errorCode), {topic: data.topic, partition: data.partition})
        if (!isRetriable(error)) throw error
        this.markFailing(p, error)
        stale.push(p)
        continue
      }
      this.failingSince.delete(p)
      if (!data.records || data.records.length === 0) continue
      const decoded = await decodeBatches(
        data.topic,
        data.partition,
        data.records,
        p.offset,
        this.options.isolationLevel === 1 ? data.aborted : [],
        this.options.limits,
      )
      let records = decoded.records
      const next = decoded.nextOffset !== undefined && decoded.nextOffset > p.offset ? decoded.nextOffset : p.offset
      if (p.end !== undefined) {
        let keep = records.length
        while (keep > 0 && BigInt(records[keep - 1]!.offset) >= p.end) keep--
        if (keep < records.length) records = records.slice(0, keep)
      }
      batches.set(p, {records, next})
    }
    return {batches, stale}
  }

  /**
   * Partitions that just returned records go to the back of the next request,
   * as the Java consumer does (movePartitionToEnd). A broker fills an answer
   * partition by partition in the order asked, up to maxBytes, and hands a
   * batch larger than partitionMaxBytes only to the first partition with data:
   * without the rotation, a partition behind a busy one waits until the busy
   * one is drained (forever, while it keeps receiving records).
   */
  private rotate(served: readonly PartitionState[]): void {
    if (served.length === 0) return
    this.order = [...this.order.filter((p) => !served.includes(p)), ...served]
  }

  /** A partition that errors for longer than retryMs fails the session; until then it is retried. */
  private markFailing(p: PartitionState, error: Error): void {
    const since = this.failingSince.get(p) ?? Date.now()
    this.failingSince.set(p, since)
    if (Date.now() - since > this.options.retryMs) throw error
  }

  private fetch(broker: BrokerConnection, parts: PartitionState[]): Promise<FetchedPartition[]> {
    return fetchRaw(broker, {
      maxWaitMs: this.options.maxWaitMs,
      maxBytes: this.options.maxBytes,
      partitionMaxBytes: this.options.partitionMaxBytes,
      isolationLevel: this.options.isolationLevel,
      partitions: parts.map((p) => ({topic: p.topic, partition: p.partition, offset: p.offset})),
    })
  }

  /** After a leadership change: new metadata, and loops for leaders that have none yet. */
  private async refreshLeaders(onRecords: OnRecords): Promise<void> {
    await this.cluster.refreshMetadata()
    for (const p of this.partitions) {
      const meta = this.cluster.findTopicPartitionMetadata(p.topic).find((m) => m.partitionId === p.partition)
      if (meta && meta.leader >= 0) p.leader = meta.leader
    }
    this.startLoops(onRecords)
  }
}

function isRetriable(error: unknown): boolean {
  // kfk's own errors (corrupt bytes, a failed stdout write, --offset-reset error) are final.
  if (error instanceof KfkError) return false
  const e = error as {name?: string; retriable?: boolean}
  if (e?.name === 'KafkaJSProtocolError' && e.retriable) return true
  return isKafkaError(error, ...RETRIABLE) || isConnectionLost(error)
}

function sameRequest(asked: PartitionState[], now: PartitionState[]): boolean {
  if (asked.length !== now.length) return false
  return asked.every((a, i) => a.topic === now[i]!.topic && a.partition === now[i]!.partition && a.offset === now[i]!.offset)
}
