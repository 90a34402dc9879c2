/**
 * DescribeTransactions — API key 65 (KIP-664). Version implemented: 0, flexible.
 * Sent to each transactional id's coordinator (FindCoordinator with key type 1).
 *
 * Request:  transactional_ids [COMPACT_STRING]
 * Response: throttle_time_ms INT32, transaction_states [error_code INT16, transactional_id COMPACT_STRING,
 *           transaction_state COMPACT_STRING, transaction_timeout_ms INT32, transaction_start_time_ms INT64,
 *           producer_id INT64, producer_epoch INT16, topics [topic COMPACT_STRING, partitions [INT32]]]
 */
import {sendVersioned} from '../kafkajs/versions.js'
import type {BrokerConnection} from '../kafkajs/types.js'
import {defineRequest, errorOrNull} from './compact.js'

export const DESCRIBE_TRANSACTIONS_API_KEY = 65

export interface DescribedTransaction {
  transactionalId: string
  errorCode: number
  error: Error | null
  state: string
  timeoutMs: number
  /** -1 when no transaction is running. */
  startTimeMs: number
  producerId: bigint
  producerEpoch: number
  partitions: Array<{topic: string; partitions: number[]}>
}

function protocol(ids: readonly string[]) {
  return defineRequest<DescribedTransaction[]>({
    apiKey: DESCRIBE_TRANSACTIONS_API_KEY,
    apiName: 'DescribeTransactions',
    version: 0,
    flexible: true,
    encode: (e, w) => {
      w.array(e, ids, (e, id) => w.string(e, id))
      w.tags(e)
    },
    decode: (d, r) => {
      const throttleTimeMs = d.int32()
      const result = r.array(d, (d): DescribedTransaction => {
        const errorCode = d.int16()
        const t = {
          errorCode,
          error: errorOrNull(errorCode),
          transactionalId: r.string(d),
          state: r.string(d),
          timeoutMs: d.int32(),
          startTimeMs: Number(d.int64()),
          producerId: d.int64(),
          producerEpoch: d.int16(),
          partitions: r.array(d, (d) => {
            const p = {topic: r.string(d), partitions: r.array(d, (d) => d.int32())}
            r.tags(d)
            return p
          }),
        }
        r.tags(d)
        return t
      })
      r.tags(d)
      return {throttleTimeMs, result}
    },
  })
}

/** Each transactional id's state on this coordinator (per-id errors, e.g. NOT_COORDINATOR, in `error`). */
export async function describeTransactions(broker: BrokerConnection, ids: readonly string[]): Promise<DescribedTransaction[]> {
  return sendVersioned(broker, DESCRIBE_TRANSACTIONS_API_KEY, {versions: [0], protocol: () => protocol(ids)})
}
