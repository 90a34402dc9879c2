/**
 * ShareFetch — API key 78 (share groups, KIP-932). Versions implemented: 1-2
 * (Kafka 4.1+; v0 was 4.0's early access), flexible. Fetches records the broker
 * acquires for this member, and carries acknowledgements of earlier ones.
 *
 * Request:  group_id N, member_id N, share_session_epoch INT32 (0 open, then +1 per request),
 *           max_wait_ms, min_bytes, max_bytes, max_records, batch_size INT32,
 *           v2+: share_acquire_mode INT8 (0 batch-optimized, 1 record-limit), is_renew_ack BOOLEAN,
 *           topics [topic_id UUID, partitions [partition_index INT32,
 *                   acknowledgement_batches [first_offset INT64, last_offset INT64, acknowledge_types [INT8]]]],
 *           forgotten_topics_data [topic_id UUID, partitions [INT32]]
 * Response: throttle_time_ms, error_code, error_message N, acquisition_lock_timeout_ms INT32,
 *           responses [topic_id, partitions [partition_index, error_code, error_message N,
 *                      acknowledge_error_code, acknowledge_error_message N,
 *                      current_leader {leader_id, leader_epoch}, records COMPACT_RECORDS,
 *                      acquired_records [first_offset INT64, last_offset INT64, delivery_count INT16]]],
 *           node_endpoints [node_id, host, port, rack N]
 * In a session (epoch > 0) only partitions new to it, or with acknowledgements, are listed.
 * The records are returned as the broker's bytes, for kfk's batch decoder.
 */
import {sendVersioned} from '../kafkajs/versions.js'
import type {BrokerConnection, Encoder} from '../kafkajs/types.js'
import {defineRequest, type Reader, type Writer} from './compact.js'
import type {ByteReader} from './bytes.js'

export const SHARE_FETCH_API_KEY = 78
const VERSIONS = [1, 2]

/** Acknowledgement types, as in Kafka's AcknowledgeType (0 is a gap: an acquired offset with no record). */
export const ACK = {gap: 0, accept: 1, release: 2, reject: 3} as const

/** One range of offsets and its types: one type for the whole range, or one per offset. */
export interface AcknowledgementBatch {
  firstOffset: number
  lastOffset: number
  types: number[]
}

export interface SharePartitionRequest {
  topicId: string
  partition: number
  acknowledgements: AcknowledgementBatch[]
}

export interface ShareFetchRequest {
  groupId: string
  memberId: string
  sessionEpoch: number
  maxWaitMs: number
  minBytes: number
  maxBytes: number
  maxRecords: number
  batchSize: number
  /** v2: acquire at most maxRecords (record-limit) instead of whole batches. */
  recordLimit: boolean
  partitions: SharePartitionRequest[]
  forgotten: Array<{topicId: string; partition: number}>
}

export interface AcquiredRange {
  firstOffset: number
  lastOffset: number
  deliveryCount: number
}

export interface ShareFetchedPartition {
  topicId: string
  partition: number
  errorCode: number
  errorMessage: string | null
  acknowledgeErrorCode: number
  acknowledgeErrorMessage: string | null
  leaderId: number
  records: Buffer | null
  acquired: AcquiredRange[]
}

export interface ShareFetchResponse {
  errorCode: number
  errorMessage: string | null
  acquisitionLockTimeoutMs: number
  partitions: ShareFetchedPartition[]
}

/** Groups per-partition entries by topic id, keeping the order of first appearance. */
export function byTopicId<T extends {topicId: string}>(items: readonly T[]): Array<[string, T[]]> {
  const topics = new Map<string, T[]>()
  for (const item of items) topics.set(item.topicId, [...(topics.get(item.topicId) ?? []), item])
  return [...topics]
}

export function writeAcknowledgements(e: Encoder, w: Writer, batches: readonly AcknowledgementBatch[]): void {
  w.array(e, batches, (e, b) => {
    e.writeInt64(b.firstOffset).writeInt64(b.lastOffset)
    w.array(e, b.types, (e, t) => void e.writeInt8(t))
    w.tags(e)
  })
}

/** current_leader {leader_id, leader_epoch}: the leader id. */
export function readLeader(d: ByteReader, r: Reader): number {
  const leaderId = d.int32()
  d.int32() // leader_epoch
  r.tags(d)
  return leaderId
}

/** node_endpoints: read past (kfk looks leaders up in its metadata). */
export function skipNodeEndpoints(d: ByteReader, r: Reader): void {
  r.array(d, (d) => {
    d.int32()
    r.string(d)
    d.int32()
    r.nullableString(d)
    r.tags(d)
  })
}

/** The request of one version (exported for the byte-level unit test). */
export function shareFetchProtocol(version: number, q: ShareFetchRequest) {
  return defineRequest<ShareFetchResponse>({
    apiKey: SHARE_FETCH_API_KEY,
    apiName: 'ShareFetch',
    version,
    flexible: true,
    encode: (e, w) => {
      w.string(e, q.groupId)
      w.string(e, q.memberId)
      e.writeInt32(q.sessionEpoch).writeInt32(q.maxWaitMs).writeInt32(q.minBytes).writeInt32(q.maxBytes)
      e.writeInt32(q.maxRecords).writeInt32(q.batchSize)
      if (version >= 2) e.writeInt8(q.recordLimit ? 1 : 0).writeBoolean(false)
      w.array(e, byTopicId(q.partitions), (e, [topicId, parts]) => {
        e.writeBuffer(Buffer.from(topicId, 'base64url'))
        w.array(e, parts, (e, p) => {
          e.writeInt32(p.partition)
          writeAcknowledgements(e, w, p.acknowledgements)
          w.tags(e)
        })
        w.tags(e)
      })
      w.array(e, byTopicId(q.forgotten), (e, [topicId, parts]) => {
        e.writeBuffer(Buffer.from(topicId, 'base64url'))
        w.array(e, parts, (e, p) => void e.writeInt32(p.partition))
        w.tags(e)
      })
      w.tags(e)
    },
    decode: (d, r) => {
      const throttleTimeMs = d.int32()
      const errorCode = d.int16()
      const errorMessage = r.nullableString(d)
      const acquisitionLockTimeoutMs = d.int32()
      const partitions = r
        .array(d, (d) => {
          const topicId = d.uuid()
          const parts = r.array(d, (d): ShareFetchedPartition => {
            const partition = d.int32()
            const code = d.int16()
            const message = r.nullableString(d)
            const ackCode = d.int16()
            const ackMessage = r.nullableString(d)
            const leaderId = readLeader(d, r)
            const records = d.compactNullableBytes('records')
            const acquired = r.array(d, (d): AcquiredRange => {
              const range = {
                firstOffset: Number(d.int64()),
                lastOffset: Number(d.int64()),
                deliveryCount: d.int16(),
              }
              r.tags(d)
              return range
            })
            r.tags(d)
            return {
              topicId,
              partition,
              errorCode: code,
              errorMessage: message,
              acknowledgeErrorCode: ackCode,
              acknowledgeErrorMessage: ackMessage,
              leaderId,
              records,
              acquired,
            }
          })
          r.tags(d)
          return parts
        })
        .flat()
      skipNodeEndpoints(d, r)
      r.tags(d)
      return {throttleTimeMs, result: {errorCode, errorMessage, acquisitionLockTimeoutMs, partitions}}
    },
  })
}

/** Whether this broker can serve a share consumer at all (ShareFetch is listed only with share groups on). */
export function supportsShareFetch(broker: BrokerConnection): boolean {
  return broker.versions?.[SHARE_FETCH_API_KEY] !== undefined
}

/** One ShareFetch; errors (top-level and per partition) come back in the response, not thrown. */
export function shareFetch(broker: BrokerConnection, request: ShareFetchRequest): Promise<ShareFetchResponse> {
  return sendVersioned(broker, SHARE_FETCH_API_KEY, {versions: VERSIONS, protocol: ({version}) => shareFetchProtocol(version, request)})
}
