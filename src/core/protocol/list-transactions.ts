/**
 * ListTransactions — API key 66 (KIP-664, KIP-994, KIP-1152). Versions implemented: 0-2, flexible.
 * Each broker answers for the transactional ids whose coordinator it is: ask every broker.
 *
 * Request:  state_filters [COMPACT_STRING], producer_id_filters [INT64],
 *           v1+: duration_filter INT64 (-1: none; only transactions running longer),
 *           v2+: transactional_id_pattern COMPACT_NULLABLE_STRING (a Java regex)
 * Response: throttle_time_ms INT32, error_code INT16, unknown_state_filters [COMPACT_STRING],
 *           transaction_states [transactional_id COMPACT_STRING, producer_id INT64,
 *                               transaction_state COMPACT_STRING]
 */
import {sendVersioned} from '../kafkajs/versions.js'
import type {BrokerConnection} from '../kafkajs/types.js'
import {defineRequest, errorOrNull} from './compact.js'

export const LIST_TRANSACTIONS_API_KEY = 66
const VERSIONS = [0, 1, 2]

export interface ListTransactionsFilter {
  states: string[]
  producerIds: bigint[]
  /** Milliseconds; needs a broker with v1 (Kafka 3.8+). */
  durationMs?: number
  /** Needs a broker with v2 (Kafka 4.1+). */
  transactionalIdPattern?: string
}

export interface ListedTransaction {
  transactionalId: string
  producerId: bigint
  state: string
}

function protocol(version: number, filter: ListTransactionsFilter) {
  return defineRequest<{error: Error | null; unknownStates: string[]; transactions: ListedTransaction[]}>({
    apiKey: LIST_TRANSACTIONS_API_KEY,
    apiName: 'ListTransactions',
    version,
    flexible: true,
    encode: (e, w) => {
      w.array(e, filter.states, (e, s) => w.string(e, s))
      w.array(e, filter.producerIds, (e, id) => void e.writeInt64(id.toString()))
      if (version >= 1) e.writeInt64(String(filter.durationMs ?? -1))
      if (version >= 2) w.string(e, filter.transactionalIdPattern ?? null)
      w.tags(e)
    },
    decode: (d, r) => {
      const throttleTimeMs = d.int32()
      const error = errorOrNull(d.int16())
      const unknownStates = r.array(d, (d) => r.string(d))
      const transactions = r.array(d, (d): ListedTransaction => {
        const t = {transactionalId: r.string(d), producerId: d.int64(), state: r.string(d)}
        r.tags(d)
        return t
      })
      r.tags(d)
      return {throttleTimeMs, result: {error, unknownStates, transactions}}
    },
  })
}

/** The transactions this broker coordinates that pass the filter, and the state filters it does not know; throws the broker's error. */
export async function listTransactions(
  broker: BrokerConnection,
  filter: ListTransactionsFilter,
): Promise<{transactions: ListedTransaction[]; unknownStates: string[]}> {
  const needs = filter.transactionalIdPattern !== undefined ? 2 : filter.durationMs !== undefined ? 1 : 0
  const {error, unknownStates, transactions} = await sendVersioned(broker, LIST_TRANSACTIONS_API_KEY, {
    versions: VERSIONS.filter((v) => v >= needs),
    protocol: ({version}) => protocol(version, filter),
  })
  if (error) throw error
  return {transactions, unknownStates}
}
