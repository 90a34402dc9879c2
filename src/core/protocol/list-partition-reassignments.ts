/**
 * ListPartitionReassignments — API key 46 (KIP-455). Version implemented: 0 (flexible).
 * Sent to any broker, which forwards it to the active controller.
 *
 * Request:  timeout_ms INT32, topics COMPACT_NULLABLE [name COMPACT_STRING, partition_indexes [INT32]]
 *           (null: every ongoing reassignment)
 * Response: throttle_time_ms INT32, error_code INT16, error_message COMPACT_NULLABLE_STRING,
 *           topics [name, partitions [partition_index INT32, replicas [INT32],
 *                                     adding_replicas [INT32], removing_replicas [INT32]]]
 * Only partitions being reassigned are listed; replicas is the full set while moving.
 */
import {sendVersioned} from '../kafkajs/versions.js'
import type {BrokerConnection} from '../kafkajs/types.js'
import {defineRequest, errorOrNull, writeTopicPartitions} from './compact.js'
import type {ByteReader} from './bytes.js'

export const LIST_PARTITION_REASSIGNMENTS_API_KEY = 46
const VERSIONS = [0]

export interface OngoingReassignment {
  topic: string
  partition: number
  replicas: number[]
  addingReplicas: number[]
  removingReplicas: number[]
}

function protocol(topics: ReadonlyArray<{topic: string; partitions: number[]}> | null, timeoutMs: number) {
  return defineRequest<{error: Error | null; reassignments: OngoingReassignment[]}>({
    apiKey: LIST_PARTITION_REASSIGNMENTS_API_KEY,
    apiName: 'ListPartitionReassignments',
    version: 0,
    flexible: true,
    encode: (e, w) => {
      e.writeInt32(timeoutMs)
      writeTopicPartitions(e, w, topics)
      w.tags(e)
    },
    decode: (d, r) => {
      const throttleTimeMs = d.int32()
      const error = errorOrNull(d.int16(), r.nullableString(d))
      const ids = (d: ByteReader) => r.array(d, (d) => d.int32())
      const reassignments = r
        .array(d, (d) => {
          const topic = r.string(d)
          const parts = r.array(d, (d): OngoingReassignment => {
            const p = {topic, partition: d.int32(), replicas: ids(d), addingReplicas: ids(d), removingReplicas: ids(d)}
            r.tags(d)
            return p
          })
          r.tags(d)
          return parts
        })
        .flat()
      r.tags(d)
      return {throttleTimeMs, result: {error, reassignments}}
    },
  })
}

/** The ongoing reassignments (of the named partitions, or all); throws a top-level error. */
export async function listPartitionReassignments(
  broker: BrokerConnection,
  topics: ReadonlyArray<{topic: string; partitions: number[]}> | null,
  timeoutMs: number,
): Promise<OngoingReassignment[]> {
  const {error, reassignments} = await sendVersioned(broker, LIST_PARTITION_REASSIGNMENTS_API_KEY, {
    versions: VERSIONS,
    protocol: () => protocol(topics, timeoutMs),
  })
  if (error) throw error
  return reassignments
}
