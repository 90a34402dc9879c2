import type {BrokerConnection, ProtocolRequest} from '../../src/core/kafkajs/types.js'
import type {FetchCluster} from '../../src/core/consume/fetch-session.js'
import {FETCH_API_KEY} from '../../src/core/protocol/fetch.js'
import {kafkaErrorCode, type KafkaErrorName} from '../../src/core/protocol/kafka-errors.js'
import {encodeBatch, encodeRecords} from '../../src/core/records/batch-encode.js'

/**
 * Brokers in memory for the fetch session's unit tests: a FetchCluster whose
 * brokers answer Fetch v11 from per-partition logs of record batches made by
 * kfk's batch encoder. fetchRaw's request is encoded as for the socket and read
 * back here; the answer goes through fetchRaw's own decoder. As a broker, a
 * partition led elsewhere answers NOT_LEADER_OR_FOLLOWER, an offset outside
 * the log OFFSET_OUT_OF_RANGE, and a fetch with nothing to return waits
 * max_wait_ms (on the test's clock) before it answers empty. Faults are scripted.
 */
export interface FetchCall {
  broker: number
  maxWaitMs: number
  maxBytes: number
  partitionMaxBytes: number
  /** In the order asked. */
  partitions: Array<{partition: number; offset: bigint}>
}

export interface FetchFault {
  /** Fetches to this broker only. */
  broker?: number
  /** Fetches that ask for this partition only; a partition's action applies to it alone. */
  partition?: number
  /** How many matching fetches it hits: 1 unless given (Infinity: every one). */
  times?: number
  /** The connection drops (the fetch fails); an error for the partition; or its leader moves just before. */
  do: 'disconnect' | {refuse: KafkaErrorName} | {moveLeaderTo: number}
}

interface Batch {
  offset: number
  count: number
  bytes: Buffer
}

const connectionError = (message: string) => Object.assign(new Error(message), {name: 'KafkaJSConnectionError'})

export class FakeFetchBrokers {
  /** The truth: each partition's leader. */
  readonly leaders: number[]
  /** What the last metadata said. */
  private published: number[]
  private readonly logs: Batch[][]
  /** The first offset each log holds (truncate moves it). */
  readonly logStart: number[]
  readonly calls: FetchCall[] = []
  private faults: FetchFault[] = []
  refreshes = 0

  constructor(
    readonly topic: string,
    leaders: number[],
  ) {
    this.leaders = [...leaders]
    this.published = [...leaders]
    this.logs = leaders.map(() => [])
    this.logStart = leaders.map(() => 0)
  }

  readonly cluster: FetchCluster = {
    refreshMetadata: async () => {
      this.refreshes++
      this.published = [...this.leaders]
    },
    findTopicPartitionMetadata: (topic) =>
      topic === this.topic ? this.published.map((leader, partitionId) => ({partitionId, leader})) : [],
    findBroker: async ({nodeId}) => this.broker(Number(nodeId)),
  }

  /** One batch of `values` at the end of the partition's log. */
  append(partition: number, values: string[]): void {
    const now = Date.now()
    const section = encodeRecords(
      values.map((v) => ({key: null, value: Buffer.from(v), headers: [], line: 0})),
      now,
      now,
    )
    const bytes = encodeBatch(section, values.length, now, now, {producerId: -1n, producerEpoch: -1, baseSequence: -1, compression: 0})
    const offset = this.logEnd(partition)
    bytes.writeBigInt64BE(BigInt(offset), 0)
    this.logs[partition]!.push({offset, count: values.length, bytes})
  }

  logEnd(partition: number): number {
    const last = this.logs[partition]!.at(-1)
    return last ? last.offset + last.count : this.logStart[partition]!
  }

  /** The log loses its batches before `offset` (retention, DeleteRecords): fetching below it is OFFSET_OUT_OF_RANGE. */
  truncate(partition: number, offset: number): void {
    this.logStart[partition] = offset
    const log = this.logs[partition]!
    while (log.length > 0 && log[0]!.offset + log[0]!.count <= offset) log.shift()
  }

  moveLeader(partition: number, broker: number): void {
    this.leaders[partition] = broker
  }

  fault(f: FetchFault): void {
    this.faults.push({times: 1, ...f})
  }

  private broker(id: number): BrokerConnection {
    return {
      nodeId: id,
      versions: {[FETCH_API_KEY]: {minVersion: 4, maxVersion: 16}},
      connectionPool: {send: <T>(request: ProtocolRequest<T>) => this.fetch(id, request)},
    }
  }

  private async fetch<T>(broker: number, {request, response}: ProtocolRequest<T>): Promise<T> {
    if (request.apiKey !== FETCH_API_KEY || request.apiVersion !== 11) throw new Error(`the fake brokers answer Fetch v11 only`)
    const call = {broker, ...decodeFetchRequest((await request.encode()).buffer)}
    this.calls.push(call)
    const fault = this.faultFor(call)
    if (fault?.do === 'disconnect') throw connectionError('Connection closed')
    let answers = this.answer(call, fault)
    // Nothing to return: a broker holds the fetch for max_wait_ms, then answers with what it has.
    if (answers.every((a) => a.error === 'NONE' && a.batches.length === 0)) {
      await new Promise((resolve) => setTimeout(resolve, call.maxWaitMs))
      answers = this.answer(call, undefined)
    }
    return response.parse(await response.decode(encodeFetchResponse(this.topic, answers)))
  }

  private answer(call: FetchCall, fault: FetchFault | undefined) {
    let total = 0
    return call.partitions.map(({partition, offset}) => {
      const action = fault && (fault.partition === undefined || fault.partition === partition) ? fault.do : undefined
      if (typeof action === 'object' && 'moveLeaderTo' in action) this.leaders[partition] = action.moveLeaderTo
      const end = this.logEnd(partition)
      const a = {partition, error: 'NONE', highWatermark: end, logStart: this.logStart[partition]!, batches: [] as Buffer[]}
      if (typeof action === 'object' && 'refuse' in action) return {...a, error: action.refuse}
      if (this.leaders[partition] !== call.broker) return {...a, error: 'NOT_LEADER_OR_FOLLOWER'}
      if (offset < a.logStart || offset > end) return {...a, error: 'OFFSET_OUT_OF_RANGE'}
      // Whole batches from the one holding `offset`, up to partition_max_bytes and max_bytes over the
      // response, in the order asked; the first batch of the response goes whatever its size (KIP-74).
      let bytes = 0
      for (const b of this.logs[partition]!) {
        if (b.offset + b.count <= offset) continue
        const fits = bytes + b.bytes.length <= call.partitionMaxBytes && total + b.bytes.length <= call.maxBytes
        if (!fits && total > 0) break
        a.batches.push(b.bytes)
        bytes += b.bytes.length
        total += b.bytes.length
      }
      return a
    })
  }

  private faultFor(call: FetchCall): FetchFault | undefined {
    const f = this.faults.find(
      (f) =>
        (f.broker === undefined || f.broker === call.broker) &&
        (f.partition === undefined || call.partitions.some((p) => p.partition === f.partition)),
    )
    if (f && --f.times! <= 0) this.faults = this.faults.filter((x) => x !== f)
    return f
  }
}

/** Fetch v11 request body (see protocol/fetch.ts); one topic. */
function decodeFetchRequest(body: Buffer): Omit<FetchCall, 'broker'> {
  let at = 0
  const int32 = () => ((at += 4), body.readInt32BE(at - 4))
  int32() // replica_id
  const maxWaitMs = int32()
  int32() // min_bytes
  const maxBytes = int32()
  at += 1 + 4 + 4 // isolation_level, session_id, session_epoch
  const partitions: FetchCall['partitions'] = []
  let partitionMaxBytes = 0
  for (let topics = int32(); topics > 0; topics--) {
    at += 2 + body.readInt16BE(at) // topic name
    for (let n = int32(); n > 0; n--) {
      const partition = int32()
      at += 4 // current_leader_epoch
      const offset = body.readBigInt64BE(at)
      at += 8 + 8 // fetch_offset, log_start_offset
      partitionMaxBytes = int32()
      partitions.push({partition, offset})
    }
  }
  return {maxWaitMs, maxBytes, partitionMaxBytes, partitions}
}

/** Fetch v11 response body (after the correlation id). */
function encodeFetchResponse(
  topic: string,
  answers: Array<{partition: number; error: string; highWatermark: number; logStart: number; batches: Buffer[]}>,
): Buffer {
  const name = Buffer.from(topic, 'utf8')
  const head = Buffer.alloc(4 + 2 + 4 + 4 + 2 + name.length + 4)
  let at = 10 // throttle_time_ms 0, error_code 0, session_id 0
  at = head.writeInt32BE(1, at)
  at = head.writeInt16BE(name.length, at)
  at += name.copy(head, at)
  head.writeInt32BE(answers.length, at)
  const parts = [head]
  for (const a of answers) {
    const records = Buffer.concat(a.batches)
    const ok = a.error === 'NONE'
    const p = Buffer.alloc(4 + 2 + 8 + 8 + 8 + 4 + 4 + 4)
    p.writeInt32BE(a.partition, 0)
    p.writeInt16BE(ok ? 0 : kafkaErrorCode(a.error as KafkaErrorName), 4)
    p.writeBigInt64BE(BigInt(ok ? a.highWatermark : -1), 6) // high_watermark
    p.writeBigInt64BE(BigInt(ok ? a.highWatermark : -1), 14) // last_stable_offset
    p.writeBigInt64BE(BigInt(ok ? a.logStart : -1), 22) // log_start_offset
    p.writeInt32BE(0, 30) // aborted_transactions
    p.writeInt32BE(-1, 34) // preferred_read_replica
    p.writeInt32BE(ok ? records.length : -1, 38)
    parts.push(p)
    if (ok) parts.push(records)
  }
  return Buffer.concat(parts)
}
