import {fetchedBatch, type RawBroker, type RawCluster} from './kafkajs.js'
import {headerPairs, type KRecord} from './record.js'

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
    let pending: Promise<{responses: any[]}> | undefined
    let pendingFor: PartitionState[] = []
    while (!this.stopped) {
      const mine = this.partitions.filter((p) => !p.done && p.leader === leader)
      if (mine.length === 0) return
      try {
        broker ??= await this.cluster.findBroker({nodeId: String(leader)})
        // Reuse the prefetched response only if it was asked for exactly these offsets.
        const response = await (pending && sameRequest(pendingFor, mine) ? pending : this.fetch(broker, mine))
        pending = undefined
        const fetched = mine.map((p) => ({p, from: p.offset}))
        const byKey = new Map(fetched.map((f) => [`${f.p.topic}\u0000${f.p.partition}`, f]))
        const batches: Array<{p: PartitionState; records: KRecord[]}> = []
        for (const {topicName, partitions} of response.responses) {
          for (const data of partitions) {
            const f = byKey.get(`${topicName}\u0000${data.partition}`)
            if (!f) continue
            const batch = fetchedBatch(topicName, f.from.toString(), data)
            const within = (batch as unknown as {messagesWithinOffset: unknown[]; rawMessages: unknown[]})
            if (within.messagesWithinOffset.length > 0 || within.rawMessages.length > 0) f.p.offset = BigInt(batch.lastOffset()) + 1n
            const end = f.p.end
            const records: KRecord[] = []
            for (const m of batch.messages) {
              if (end !== undefined && BigInt(m.offset) >= end) break
              records.push({topic: topicName, partition: data.partition, offset: m.offset, timestamp: m.timestamp, key: m.key, value: m.value, headers: headerPairs(m.headerList)})
            }
            if (end !== undefined && f.p.offset >= end) f.p.done = true
            if (records.length > 0) batches.push({p: f.p, records})
          }
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
        const e = error as {name?: string; type?: string; message?: string; topic?: string; partition?: number}
        if (e.name === 'KafkaJSOffsetOutOfRange') {
          const p = mine.find((x) => x.topic === e.topic && x.partition === e.partition)
          if (p) {
            p.offset = await this.options.resetOffset(p)
            continue
          }
        }
        const text = `${e.name ?? ''} ${e.type ?? ''} ${e.message ?? ''} ${String((error as {originalError?: unknown}).originalError ?? '')}`
        if (!RETRIABLE.test(text)) throw error
        failingSince ||= Date.now()
        if (Date.now() - failingSince > this.options.retryMs) throw error
        await new Promise((resolve) => setTimeout(resolve, 250))
        broker = undefined
        await this.refreshLeaders(onRecords).catch(() => {})
      }
    }
  }

  private fetch(broker: RawBroker, parts: PartitionState[]): Promise<{responses: any[]}> {
    const topics = new Map<string, Array<{partition: number; fetchOffset: string; maxBytes: number}>>()
    for (const p of parts) {
      const list = topics.get(p.topic) ?? []
      list.push({partition: p.partition, fetchOffset: p.offset.toString(), maxBytes: this.options.partitionMaxBytes})
      topics.set(p.topic, list)
    }
    return broker.fetch({
      replicaId: -1,
      isolationLevel: this.options.isolationLevel,
      maxWaitTime: this.options.maxWaitMs,
      minBytes: 1,
      maxBytes: this.options.maxBytes,
      topics: [...topics].map(([topic, partitions]) => ({topic, partitions})),
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
