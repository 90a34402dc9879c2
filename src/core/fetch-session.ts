import {setTimeout as sleep} from 'node:timers/promises'
import {errorFromCode, type RawBroker, type RawCluster} from './kafkajs.js'
import type {KRecord} from './record.js'
import {fetchRaw, type FetchedPartition} from './protocol/fetch.js'
import {decodeBatches} from './records/batch-decode.js'

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
}

export type OnRecords = (records: KRecord[]) => Promise<void> | void

const OFFSET_OUT_OF_RANGE = 1
const RETRIABLE = /NOT_LEADER|LEADER_NOT_AVAILABLE|UNKNOWN_TOPIC_OR_PARTITION|FENCED_LEADER_EPOCH|UNKNOWN_LEADER_EPOCH|NOT_COORDINATOR|REPLICA_NOT_AVAILABLE|KafkaJSConnection|KafkaJSRequestTimeout|KafkaJSBrokerNotFound|ECONNREFUSED|ECONNRESET|EPIPE|KafkaJSLockTimeout/

export class FetchSession {
  private stopped = false
  private readonly loops = new Map<number, Promise<void>>()
  private failure: unknown

  constructor(
    private readonly cluster: RawCluster,
    private readonly partitions: PartitionState[],
    private readonly options: FetchOptions,
  ) {}

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
    let broker: RawBroker | undefined
    let failingSince = 0
    let pending: Promise<FetchedPartition[]> | undefined
    let pendingFor: PartitionState[] = []
    while (!this.stopped) {
      const mine = this.partitions.filter((p) => !p.done && p.leader === leader)
      if (mine.length === 0) return
      try {
        broker ??= await this.cluster.findBroker({nodeId: String(leader)})
        // Reuse the prefetched response only if it was asked for exactly these offsets.
        const response = await (pending && sameRequest(pendingFor, mine) ? pending : this.fetch(broker, mine))
        pending = undefined
        const byKey = new Map(mine.map((p) => [`${p.topic}\u0000${p.partition}`, p]))
        const batches: Array<{p: PartitionState; records: KRecord[]}> = []
        for (const data of response) {
          const p = byKey.get(`${data.topic}\u0000${data.partition}`)
          if (!p) continue
          if (data.errorCode === OFFSET_OUT_OF_RANGE) {
            p.offset = await this.options.resetOffset(p)
            continue
          }
          if (data.errorCode !== 0) throw Object.assign(errorFromCode(data.errorCode), {topic: data.topic, partition: data.partition})
          if (!data.records || data.records.length === 0) continue
          const decoded = await decodeBatches(data.topic, data.partition, data.records, p.offset, this.options.isolationLevel === 1 ? data.aborted : [])
          let records = decoded.records
          if (decoded.nextOffset !== undefined && decoded.nextOffset > p.offset) p.offset = decoded.nextOffset
          const end = p.end
          if (end !== undefined) {
            const endText = end
            let keep = records.length
            while (keep > 0 && BigInt(records[keep - 1]!.offset) >= endText) keep--
            if (keep < records.length) records = records.slice(0, keep)
            if (p.offset >= end) p.done = true
          }
          if (records.length > 0) batches.push({p, records})
        }
        failingSince = 0
        // Pipeline: ask for the next response before writing this one out.
        const next = this.partitions.filter((p) => !p.done && p.leader === leader)
        if (!this.stopped && next.length > 0) {
          pendingFor = next.map((p) => ({...p}))
          pending = this.fetch(broker, next)
          pending.catch(() => {})
        }
        for (const b of batches) {
          if (this.stopped) break
          await onRecords(b.records)
        }
      } catch (error) {
        pending = undefined
        const e = error as {name?: string; type?: string; message?: string}
        const text = `${e.name ?? ''} ${e.type ?? ''} ${e.message ?? ''} ${String((error as {originalError?: unknown}).originalError ?? '')}`
        if (!RETRIABLE.test(text)) throw error
        failingSince ||= Date.now()
        if (Date.now() - failingSince > this.options.retryMs) throw error
        await sleep(250)
        broker = undefined
        await this.refreshLeaders(onRecords).catch(() => {})
      }
    }
  }

  private fetch(broker: RawBroker, parts: PartitionState[]): Promise<FetchedPartition[]> {
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

function sameRequest(asked: PartitionState[], now: PartitionState[]): boolean {
  if (asked.length !== now.length) return false
  return asked.every((a, i) => a.topic === now[i]!.topic && a.partition === now[i]!.partition && a.offset === now[i]!.offset)
}
