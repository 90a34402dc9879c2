/**
 * DescribeProducers — API key 61 (KIP-664). Version implemented: 0, flexible.
 * Sent to each partition's leader, which answers from its producer state.
 *
 * Request:  topics [name COMPACT_STRING, partition_indexes [INT32]]
 * Response: throttle_time_ms INT32, topics [name COMPACT_STRING, partitions [partition_index INT32,
 *           error_code INT16, error_message COMPACT_NULLABLE_STRING, active_producers [producer_id INT64,
 *           producer_epoch INT32, last_sequence INT32, last_timestamp INT64, coordinator_epoch INT32,
 *           current_txn_start_offset INT64 (-1: no open transaction)]]]
 */
import {sendVersioned} from '../kafkajs/versions.js'
import type {BrokerConnection} from '../kafkajs/types.js'
import {defineRequest, errorOrNull, writeTopicPartitions} from './compact.js'

export const DESCRIBE_PRODUCERS_API_KEY = 61

export interface ActiveProducer {
  producerId: bigint
  producerEpoch: number
  lastSequence: number
  lastTimestamp: number
  coordinatorEpoch: number
  currentTxnStartOffset: bigint
}

export interface PartitionProducers {
  topic: string
  partition: number
  error: Error | null
  message: string | null
  producers: ActiveProducer[]
}

function protocol(topics: ReadonlyArray<{topic: string; partitions: number[]}>) {
  return defineRequest<PartitionProducers[]>({
    apiKey: DESCRIBE_PRODUCERS_API_KEY,
    apiName: 'DescribeProducers',
    version: 0,
    flexible: true,
    encode: (e, w) => {
      writeTopicPartitions(e, w, topics)
      w.tags(e)
    },
    decode: (d, r) => {
      const throttleTimeMs = d.int32()
      const result = r
        .array(d, (d) => {
          const topic = r.string(d)
          const parts = r.array(d, (d): PartitionProducers => {
            const partition = d.int32()
            const code = d.int16()
            const message = r.nullableString(d)
            const producers = r.array(d, (d): ActiveProducer => {
              const p = {
                producerId: d.int64(),
                producerEpoch: d.int32(),
                lastSequence: d.int32(),
                lastTimestamp: Number(d.int64()),
                coordinatorEpoch: d.int32(),
                currentTxnStartOffset: d.int64(),
              }
              r.tags(d)
              return p
            })
            r.tags(d)
            return {topic, partition, error: errorOrNull(code), message: code === 0 ? null : message, producers}
          })
          r.tags(d)
          return parts
        })
        .flat()
      r.tags(d)
      return {throttleTimeMs, result}
    },
  })
}

/** The active producers of each partition this broker leads (others answer NOT_LEADER_OR_FOLLOWER). */
export async function describeProducers(
  broker: BrokerConnection,
  topics: ReadonlyArray<{topic: string; partitions: number[]}>,
): Promise<PartitionProducers[]> {
  return sendVersioned(broker, DESCRIBE_PRODUCERS_API_KEY, {versions: [0], protocol: () => protocol(topics)})
}
