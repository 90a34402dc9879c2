import type {RequestChannel} from '../../src/core/kafkajs/channel.js'
import type {SenderCluster} from '../../src/core/produce/sender.js'
import {PRODUCE_API_KEY} from '../../src/core/protocol/produce.js'
import {kafkaErrorCode, type KafkaErrorName} from '../../src/core/protocol/kafka-errors.js'
import {crc32c} from '../../src/core/records/batch-encode.js'
import {decodeBatches} from '../../src/core/records/batch-decode.js'

/**
 * Brokers in memory for the produce engine's unit tests: the Sender's
 * SenderCluster, and request channels that read the Produce requests (v7, v8)
 * from the bytes the sender writes. Each partition keeps a log and its
 * producers' idempotence state as a broker does (the last 5 batches per
 * producer: DUPLICATE_SEQUENCE_NUMBER, OUT_OF_ORDER_SEQUENCE_NUMBER,
 * UNKNOWN_PRODUCER_ID, INVALID_PRODUCER_EPOCH; a producer it does not know
 * must start at sequence 0, as brokers before 2.5 require: later ones accept
 * any sequence from it, KIP-360), and a partition led elsewhere
 * answers NOT_LEADER_OR_FOLLOWER. Like a broker, each connection handles its
 * requests in the order they arrived, a microtask after they were written
 * (so a sender's pipelined requests are all on the wire first), or one at a
 * time under `pause` / `step`. Faults are scripted (`fault`).
 */
export interface ProducedBatch {
  partition: number
  producerId: bigint
  epoch: number
  baseSequence: number
  records: number
  /** A copy of the bytes as the socket took them (the sender reuses its buffers). */
  bytes: Buffer
}

/** A Produce request the fake brokers received. */
export interface ProduceCall {
  broker: number
  version: number
  acks: number
  topic: string
  batches: ProducedBatch[]
  /** Each partition's answer (an error name, or NONE: written), once the request was handled. */
  answers?: Map<number, string>
}

export type FaultAction =
  /** The connection drops before the broker reads the request: nothing written; every answer due on it is lost. */
  | 'drop'
  /** Written, then the connection drops: its answer and those of the requests behind it are lost. */
  | 'lose'
  /** Written; answered only at `releaseLate()`, after the requests sent later. */
  | 'late'
  /** Written; the answer is cut short (a broker or a proxy that breaks the protocol). */
  | 'garble'
  /** The partition's batch is refused with this error: nothing written. */
  | {refuse: KafkaErrorName}
  /** Written, then answered with this error (REQUEST_TIMED_OUT, NOT_ENOUGH_REPLICAS_AFTER_APPEND). */
  | {appendThen: KafkaErrorName}
  /** The partition's leader moves to this broker just before the request is handled (NOT_LEADER_OR_FOLLOWER). */
  | {moveLeaderTo: number}

export interface Fault {
  /** Requests to this broker only. */
  broker?: number
  /** Requests that carry this partition only; a partition's action applies to its batch alone. */
  partition?: number
  /** How many matching requests it hits: 1 unless given (Infinity: every one). */
  times?: number
  do: FaultAction
}

interface Pending {
  call: ProduceCall
  channel: FakeChannel
  resolve(body: Buffer | null): void
  reject(error: Error): void
}

interface ProducerState {
  epoch: number
  /** The last 5 batches written: their first and last sequence. */
  batches: Array<{first: number; last: number}>
}

const SEQUENCE_LIMIT = 0x80000000
/** As kafkajs's KafkaJSConnectionError: isAnswerLost reads "Not connected" as nothing written, anything else as maybe written. */
const connectionError = (message: string) => Object.assign(new Error(message), {name: 'KafkaJSConnectionError'})

export class FakeProduceBrokers {
  /** The truth: each partition's leader. */
  readonly leaders: number[]
  /** What the last metadata said (the sender sees moves only after refreshMetadata). */
  private published: number[]
  readonly down = new Set<number>()
  produceVersions = {minVersion: 3, maxVersion: 9}
  readonly logs: ProducedBatch[][]
  private readonly logEnd: number[]
  private readonly producers: Array<Map<bigint, ProducerState>>
  /** Every request received, in order. */
  readonly calls: ProduceCall[] = []
  /** Received and not yet handled, in order. */
  readonly waiting: Pending[] = []
  private readonly late: Array<() => void> = []
  private faults: Fault[] = []
  private paused = false
  readonly channels: FakeChannel[] = []
  refreshes = 0
  /** The most requests carrying a partition that were ever unanswered at once. */
  readonly peakInFlight = new Map<number, number>()
  /** Partitions sent to a broker while requests carrying them were unanswered at another. */
  readonly twoBrokersAtOnce = new Set<number>()

  constructor(
    readonly topic: string,
    leaders: number[],
    readonly brokers: number[] = [...new Set(leaders)],
  ) {
    this.leaders = [...leaders]
    this.published = [...leaders]
    this.logs = leaders.map(() => [])
    this.logEnd = leaders.map(() => 0)
    this.producers = leaders.map(() => new Map())
  }

  readonly cluster: SenderCluster = {
    refreshMetadata: async () => {
      this.refreshes++
      this.published = [...this.leaders]
    },
    leaders: (topic) => (topic === this.topic ? this.published.map((leader, partition) => ({partition, leader})) : []),
    connect: async (broker) => {
      if (this.down.has(broker) || !this.brokers.includes(broker))
        throw connectionError(`Connection error: connect ECONNREFUSED (broker ${broker})`)
      const channel = new FakeChannel(this, broker)
      this.channels.push(channel)
      return {channel, produceVersions: this.produceVersions}
    },
  }

  fault(f: Fault): void {
    this.faults.push({times: 1, ...f})
  }

  /** Scripted faults no request has met yet (those for every request stay). */
  get unmetFaults(): Fault[] {
    return this.faults.filter((f) => f.times !== Infinity)
  }

  moveLeader(partition: number, broker: number): void {
    this.leaders[partition] = broker
  }

  /** The broker stops: its connections drop and new ones are refused. */
  stop(broker: number): void {
    this.down.add(broker)
    for (const c of this.channels) if (c.broker === broker) c.drop(connectionError('Connection closed'))
  }

  /** The partition's producer state is gone (its log was truncated or deleted, say): the next sequence > 0 is UNKNOWN_PRODUCER_ID. */
  forgetProducers(partition: number): void {
    this.producers[partition]!.clear()
  }

  /** Requests wait until `step` or `resume`. */
  pause(): void {
    this.paused = true
  }

  resume(): void {
    this.paused = false
    while (this.waiting.length > 0) this.handle(this.waiting[0]!)
  }

  /** Handles the oldest waiting request, or `which` (out of arrival order: a reordering). */
  step(which: Pending | undefined = this.waiting[0]): void {
    if (!which) throw new Error('no request is waiting')
    this.handle(which)
  }

  /** Answers the requests held by 'late' faults, oldest first. */
  releaseLate(): void {
    for (const answer of this.late.splice(0)) answer()
  }

  /** The values on a partition's log, in offset order (decoded by kfk's own batch decoder, CRCs checked). */
  async values(partition: number): Promise<string[]> {
    const data = Buffer.concat(this.logs[partition]!.map((b) => b.bytes))
    const {records} = await decodeBatches(this.topic, partition, data, 0n, [])
    return records.map((r) => r.value!.toString())
  }

  /** How many partitions were answered `name` over all handled requests. */
  answered(name: string): number {
    let n = 0
    for (const c of this.calls) for (const a of c.answers?.values() ?? []) if (a === name) n++
    return n
  }

  /** Requests sent and not yet answered or failed. */
  get outstanding(): number {
    return this.channels.reduce((n, c) => n + c.outstanding.size, 0)
  }

  /** A request the channel wrote: read now, as the socket took the bytes; handled in order. */
  received(channel: FakeChannel, version: number, body: Buffer, pending: Omit<Pending, 'call' | 'channel'>): ProduceCall {
    const call = {broker: channel.broker, ...decodeProduceRequest(body), version}
    if (call.topic !== this.topic) throw new Error(`a Produce request for ${call.topic}, not ${this.topic}`)
    this.calls.push(call)
    const p: Pending = {call, channel, ...pending}
    if (call.acks !== 0) channel.outstanding.add(p)
    for (const partition of new Set(call.batches.map((b) => b.partition))) {
      let n = 0
      for (const c of this.channels)
        for (const o of c.outstanding)
          if (o.call.batches.some((b) => b.partition === partition)) {
            n++
            if (c.broker !== channel.broker) this.twoBrokersAtOnce.add(partition)
          }
      this.peakInFlight.set(partition, Math.max(this.peakInFlight.get(partition) ?? 0, n, call.acks === 0 ? 1 : 0))
    }
    this.waiting.push(p)
    queueMicrotask(() => {
      while (!this.paused && this.waiting.length > 0) this.handle(this.waiting[0]!)
    })
    return call
  }

  /** Drops a channel's requests that were never read. */
  forget(channel: FakeChannel): void {
    for (let i = this.waiting.length - 1; i >= 0; i--) if (this.waiting[i]!.channel === channel) this.waiting.splice(i, 1)
  }

  private handle(p: Pending): void {
    this.waiting.splice(this.waiting.indexOf(p), 1)
    const {call, channel} = p
    if (!channel.usable) return
    const fault = this.faultFor(call)
    if (fault?.do === 'drop') return channel.drop(connectionError('Connection closed'))
    call.answers = new Map()
    for (const b of call.batches) call.answers.set(b.partition, this.appendOrRefuse(call.broker, b, fault))
    if (fault?.do === 'lose') return channel.drop(connectionError('Connection closed'))
    const body = encodeProduceResponse(call)
    const answer = () => channel.answer(p, fault?.do === 'garble' ? body.subarray(0, 5) : body)
    if (fault?.do === 'late') this.late.push(answer)
    else answer()
  }

  private faultFor(call: ProduceCall): Fault | undefined {
    const f = this.faults.find(
      (f) =>
        (f.broker === undefined || f.broker === call.broker) &&
        (f.partition === undefined || call.batches.some((b) => b.partition === f.partition)),
    )
    if (f && --f.times! <= 0) this.faults = this.faults.filter((x) => x !== f)
    return f
  }

  private appendOrRefuse(broker: number, b: ProducedBatch, fault: Fault | undefined): string {
    const action = fault && (fault.partition === undefined || fault.partition === b.partition) ? fault.do : undefined
    if (typeof action === 'object' && 'moveLeaderTo' in action) this.leaders[b.partition] = action.moveLeaderTo
    if (typeof action === 'object' && 'refuse' in action) return action.refuse
    if (this.leaders[b.partition] !== broker) return 'NOT_LEADER_OR_FOLLOWER'
    if (b.bytes.readInt8(16) !== 2 || b.bytes.readUInt32BE(17) !== crc32c(b.bytes.subarray(21))) return 'CORRUPT_MESSAGE'
    const result = this.append(b)
    return result === 'NONE' && typeof action === 'object' && 'appendThen' in action ? action.appendThen : result
  }

  /** A broker's idempotence checks (Kafka's ProducerStateManager), then the write. */
  private append(b: ProducedBatch): string {
    const last = (b.baseSequence + b.records - 1) % SEQUENCE_LIMIT
    if (b.producerId >= 0n) {
      const producers = this.producers[b.partition]!
      const state = producers.get(b.producerId)
      if (!state) {
        if (b.baseSequence !== 0) return 'UNKNOWN_PRODUCER_ID'
        producers.set(b.producerId, {epoch: b.epoch, batches: []})
      } else if (b.epoch < state.epoch) {
        return 'INVALID_PRODUCER_EPOCH'
      } else if (b.epoch > state.epoch) {
        if (b.baseSequence !== 0) return 'OUT_OF_ORDER_SEQUENCE_NUMBER'
        producers.set(b.producerId, {epoch: b.epoch, batches: []})
      } else {
        if (state.batches.some((x) => x.first === b.baseSequence && x.last === last)) return 'DUPLICATE_SEQUENCE_NUMBER'
        const expected = ((state.batches.at(-1)?.last ?? -1) + 1) % SEQUENCE_LIMIT
        if (b.baseSequence !== expected) return 'OUT_OF_ORDER_SEQUENCE_NUMBER'
      }
      const written = producers.get(b.producerId)!.batches
      written.push({first: b.baseSequence, last})
      if (written.length > 5) written.shift()
    }
    const bytes = Buffer.from(b.bytes)
    bytes.writeBigInt64BE(BigInt(this.logEnd[b.partition]!), 0)
    this.logEnd[b.partition]! += b.records
    this.logs[b.partition]!.push({...b, bytes})
    return 'NONE'
  }
}

/** One connection to a fake broker. */
export class FakeChannel implements RequestChannel {
  usable = true
  readonly outstanding = new Set<Pending>()

  constructor(
    private readonly brokers: FakeProduceBrokers,
    readonly broker: number,
  ) {}

  send(apiKey: number, apiVersion: number, _apiName: string, body: Buffer[], expectResponse: boolean): Promise<Buffer | null> {
    if (!this.usable) return Promise.reject(connectionError('Not connected'))
    if (apiKey !== PRODUCE_API_KEY) throw new Error(`the fake brokers answer Produce only, not API ${apiKey}`)
    const {minVersion, maxVersion} = this.brokers.produceVersions
    if (apiVersion < minVersion || apiVersion > maxVersion) throw new Error(`Produce v${apiVersion} is not offered`)
    return new Promise((resolve, reject) => {
      const call = this.brokers.received(this, apiVersion, Buffer.concat(body), {resolve, reject})
      if (expectResponse !== (call.acks !== 0)) throw new Error(`expectResponse ${expectResponse} with acks ${call.acks}`)
      // acks=0: the request is done once the socket took it.
      if (!expectResponse) resolve(null)
    })
  }

  answer(p: Pending, body: Buffer): void {
    if (p.call.acks === 0 || !this.outstanding.delete(p)) return
    p.resolve(body)
  }

  /** The connection is gone: what is in flight on it fails (its answers are lost), what was not read never will be. */
  drop(error: Error): void {
    this.usable = false
    this.brokers.forget(this)
    for (const p of this.outstanding) p.reject(error)
    this.outstanding.clear()
  }

  async abort(reason: Error): Promise<void> {
    this.drop(reason)
  }

  async flushed(): Promise<void> {}
}

/** Produce request v7/v8 body (see protocol/produce.ts): one topic, one batch per partition. */
function decodeProduceRequest(body: Buffer): {acks: number; topic: string; batches: ProducedBatch[]} {
  let at = 0
  const int16 = () => ((at += 2), body.readInt16BE(at - 2))
  const int32 = () => ((at += 4), body.readInt32BE(at - 4))
  if (int16() !== -1) throw new Error('the sender is not transactional')
  const acks = int16()
  int32() // timeout_ms
  const batches: ProducedBatch[] = []
  let topic = ''
  for (let topics = int32(); topics > 0; topics--) {
    const length = int16()
    topic = body.toString('utf8', at, (at += length))
    for (let partitions = int32(); partitions > 0; partitions--) {
      const partition = int32()
      const size = int32()
      const bytes = Buffer.from(body.subarray(at, (at += size)))
      batches.push({
        partition,
        producerId: bytes.readBigInt64BE(43),
        epoch: bytes.readInt16BE(51),
        baseSequence: bytes.readInt32BE(53),
        records: bytes.readInt32BE(57),
        bytes,
      })
    }
  }
  if (at !== body.length) throw new Error(`Produce request: ${body.length - at} bytes after the end`)
  return {acks, topic, batches}
}

/** Produce response v7/v8 body (after the correlation id) for a handled request. */
function encodeProduceResponse(call: ProduceCall): Buffer {
  const name = Buffer.from(call.topic, 'utf8')
  const parts: Buffer[] = []
  const head = Buffer.alloc(4 + 2 + name.length + 4)
  head.writeInt32BE(1, 0)
  head.writeInt16BE(name.length, 4)
  name.copy(head, 6)
  head.writeInt32BE(call.answers!.size, 6 + name.length)
  parts.push(head)
  for (const [partition, answer] of call.answers!) {
    const p = Buffer.alloc(4 + 2 + 8 + 8 + 8 + (call.version >= 8 ? 4 + 2 : 0))
    p.writeInt32BE(partition, 0)
    p.writeInt16BE(answer === 'NONE' ? 0 : kafkaErrorCode(answer as KafkaErrorName), 4)
    p.writeBigInt64BE(-1n, 6) // base_offset: the sender does not read it
    p.writeBigInt64BE(-1n, 14) // log_append_time_ms
    p.writeBigInt64BE(0n, 22) // log_start_offset
    if (call.version >= 8) {
      p.writeInt32BE(0, 30) // record_errors
      p.writeInt16BE(-1, 34) // error_message
    }
    parts.push(p)
  }
  parts.push(Buffer.alloc(4)) // throttle_time_ms
  return Buffer.concat(parts)
}
