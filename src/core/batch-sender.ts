import {setTimeout as sleep} from 'node:timers/promises'
import type {KafkaClient} from './client.js'
import {errorFromCode, kafkajs, murmur2, type RawBroker, type RawCluster} from './kafkajs.js'
import {encodeBatch, encodeRecords, timestamps} from './record-batch.js'
import {produceBatches} from './protocol/produce.js'
import type {OutRecord} from './record.js'

/**
 * The send side of `kfk produce`: partitions records as the Java producer does
 * (murmur2 of the key, toPositive % partitions; keyless records go to one
 * partition per batch, in turn), encodes one v2 record batch per partition,
 * and sends one Produce request per leader. With acks=all it is idempotent:
 * a producer id from InitProducerId and a sequence per partition, so a batch
 * retried after a leader change or a lost answer is written once.
 */
const DUPLICATE_SEQUENCE = 46
const RETRIABLE = new Set([3, 5, 6, 7, 13, 19, 20, 56, 74, 75])

export interface Prepared {
  count: number
  batches: Promise<Array<{partition: number; batch: Buffer}>>
}

export class BatchSender {
  private producerId = -1n
  private producerEpoch = -1
  private readonly sequences = new Map<number, number>()
  private nextKeyless = 0
  private readonly leaders = new Map<number, number>()

  private constructor(
    private readonly client: KafkaClient,
    private readonly cluster: RawCluster,
    readonly topic: string,
    readonly partitions: number,
    private readonly options: {acks: number; compression: number; idempotent: boolean},
  ) {
    this.nextKeyless = Math.floor(Math.random() * partitions)
  }

  static async open(client: KafkaClient, topic: string, options: {acks: number; compression: number; idempotent: boolean}): Promise<BatchSender> {
    const cluster = await client.cluster()
    const meta = cluster.findTopicPartitionMetadata(topic)
    const sender = new BatchSender(client, cluster, topic, meta.length, options)
    sender.learnLeaders()
    if (options.idempotent) {
      await client.run('get a producer id', async () => {
        // A fresh broker answers COORDINATOR_LOAD_IN_PROGRESS (or similar) until its producer-id block is ready: retry until the timeout.
        for (let attempt = 0; ; attempt++) {
          try {
            const broker = await cluster.findBroker({nodeId: String(meta[attempt % meta.length]!.leader)})
            const r = (await broker.initProducerId({transactionTimeout: 60_000})) as {producerId: string; producerEpoch: number}
            sender.producerId = BigInt(r.producerId)
            sender.producerEpoch = r.producerEpoch
            return
          } catch (error) {
            if (!isRetriable(error)) throw error
            await sleep(200)
          }
        }
      })
    }
    return sender
  }

  private learnLeaders(): void {
    for (const m of this.cluster.findTopicPartitionMetadata(this.topic)) this.leaders.set(m.partitionId, m.leader)
  }

  /** Partitions and encodes now (sequence numbers are taken in call order); compression finishes in the promise. */
  prepare(records: OutRecord[], partition?: number): Prepared {
    const byPartition = new Map<number, OutRecord[]>()
    const keyless = this.nextKeyless
    this.nextKeyless = (this.nextKeyless + 1) % this.partitions
    for (const r of records) {
      const p = r.partition ?? partition ?? (r.key === null ? keyless : (murmur2(r.key) & 0x7fffffff) % this.partitions)
      let list = byPartition.get(p)
      if (!list) byPartition.set(p, (list = []))
      list.push(r)
    }
    const now = Date.now()
    const jobs = [...byPartition].map(async ([p, list]) => {
      if (p >= this.partitions) throw new Error(`partition ${p} does not exist: topic "${this.topic}" has ${this.partitions} partitions (line ${list[0]!.line})`)
      const baseSequence = this.options.idempotent ? this.takeSequence(p, list.length) : -1
      const {base, max} = timestamps(list, now)
      let section = encodeRecords(list, base, now)
      if (this.options.compression !== 0) section = await compress(this.options.compression, section)
      const batch = encodeBatch(section, list.length, base, max, {producerId: this.producerId, producerEpoch: this.producerEpoch, baseSequence, compression: this.options.compression})
      return {partition: p, batch}
    })
    return {count: records.length, batches: Promise.all(jobs)}
  }

  private takeSequence(partition: number, count: number): number {
    const seq = this.sequences.get(partition) ?? 0
    this.sequences.set(partition, (seq + count) % 0x80000000)
    return seq
  }

  /** Sends one prepared set; retries what a leader change or lost connection failed, until the timeout. */
  /** Resolves once the previous send's first requests are on their way (see send). */
  private lastStarted: Promise<void> = Promise.resolve()

  /**
   * Sends one prepared set. Requests are pipelined: a send goes out as soon as
   * the one before it has started, without waiting for its answer. A broker
   * handles the requests of one connection in order (kafkajs sends Produce on
   * one connection per broker), so the order and the sequence numbers hold.
   * A retry (leader change, lost connection) waits for `previous` to finish,
   * so retried batches keep their order too. Fails after the timeout.
   */
  async send(prepared: Prepared, timeoutMs: number, previous: Promise<unknown> = Promise.resolve()): Promise<void> {
    const before = this.lastStarted
    let started!: () => void
    this.lastStarted = new Promise((resolve) => (started = resolve))
    let pending: Awaited<Prepared['batches']>
    try {
      pending = await prepared.batches
      await before
    } catch (error) {
      started()
      throw error
    }
    const deadline = Date.now() + Math.max(timeoutMs, 5000)
    let attempt = 0
    for (;;) {
      if (attempt++ > 0) await previous.catch(() => {})
      const byLeader = new Map<number, typeof pending>()
      for (const b of pending) {
        const leader = this.leaders.get(b.partition) ?? -1
        byLeader.set(leader, [...(byLeader.get(leader) ?? []), b])
      }
      const retry: typeof pending = []
      let lastError: unknown
      const requests = Promise.all(
        [...byLeader].map(async ([leader, batches]) => {
          try {
            if (leader < 0) throw errorFromCode(5)
            const broker: RawBroker = await this.cluster.findBroker({nodeId: String(leader)})
            const results = await produceBatches(broker, {acks: this.options.acks, timeoutMs: 30_000, batches: batches.map((b) => ({topic: this.topic, ...b}))})
            for (const r of results) {
              if (r.errorCode === 0 || r.errorCode === DUPLICATE_SEQUENCE) continue
              const b = batches.find((x) => x.partition === r.partition)!
              if (RETRIABLE.has(r.errorCode)) {
                retry.push(b)
                lastError = errorFromCode(r.errorCode)
              } else {
                throw errorFromCode(r.errorCode)
              }
            }
          } catch (error) {
            if (!isRetriable(error)) throw error
            retry.push(...batches)
            lastError = error
          }
        }),
      )
      started()
      await requests
      if (retry.length === 0) return
      if (Date.now() > deadline) throw lastError
      await sleep(200)
      await this.cluster.refreshMetadata().catch(() => {})
      this.learnLeaders()
      pending = retry
    }
  }
}

function isRetriable(error: unknown): boolean {
  const e = error as {name?: string; retriable?: boolean}
  return Boolean(e.retriable) || /Connection|RequestTimeout|BrokerNotFound|LockTimeout/.test(e.name ?? '')
}

async function compress(type: number, section: Buffer): Promise<Buffer> {
  const codec = (kafkajs().CompressionCodecs as unknown as Record<number, () => {compress(e: {buffer: Buffer}): Promise<Buffer>}>)[type]!()
  return codec.compress({buffer: section})
}
