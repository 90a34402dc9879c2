/**
 * AlterPartitionReassignments — API key 45 (KIP-455). Version implemented: 0 (flexible).
 * Sent to any broker, which forwards it to the active controller.
 *
 * Request:  timeout_ms INT32, topics [name COMPACT_STRING,
 *           partitions [partition_index INT32, replicas COMPACT_NULLABLE [INT32]]]
 *           (null replicas: cancel the partition's ongoing reassignment)
 * Response: throttle_time_ms INT32, error_code INT16, error_message COMPACT_NULLABLE_STRING,
 *           responses [name, partitions [partition_index INT32, error_code INT16,
 *                                        error_message COMPACT_NULLABLE_STRING]]
 */
import {sendVersioned} from '../kafkajs/versions.js'
import type {BrokerConnection} from '../kafkajs/types.js'
import {defineRequest, errorOrNull, readPartitionResults, type PartitionResult} from './compact.js'

export const ALTER_PARTITION_REASSIGNMENTS_API_KEY = 45
const VERSIONS = [0]

export interface PartitionTarget {
  topic: string
  partition: number
  /** The new replica list, or null to cancel the ongoing reassignment. */
  replicas: number[] | null
}

export type PartitionTargetResult = PartitionResult

function protocol(targets: readonly PartitionTarget[], timeoutMs: number) {
  const topics = [...new Set(targets.map((t) => t.topic))]
  return defineRequest<{error: Error | null; message: string | null; results: PartitionTargetResult[]}>({
    apiKey: ALTER_PARTITION_REASSIGNMENTS_API_KEY,
    apiName: 'AlterPartitionReassignments',
    version: 0,
    flexible: true,
    encode: (e, w) => {
      e.writeInt32(timeoutMs)
      w.array(e, topics, (e, topic) => {
        w.string(e, topic)
        w.array(
          e,
          targets.filter((t) => t.topic === topic),
          (e, t) => {
            e.writeInt32(t.partition)
            if (t.replicas === null) e.writeUVarInt(0)
            else w.array(e, t.replicas, (e, r) => void e.writeInt32(r))
            w.tags(e)
          },
        )
        w.tags(e)
      })
      w.tags(e)
    },
    decode: (d, r) => {
      const throttleTimeMs = d.int32()
      const code = d.int16()
      const message = r.nullableString(d)
      const results = readPartitionResults(d, r)
      r.tags(d)
      return {throttleTimeMs, result: {error: errorOrNull(code), message: code === 0 ? null : message, results}}
    },
  })
}

/** Each partition's result; a top-level error is thrown with the controller's message. */
export async function alterPartitionReassignments(
  broker: BrokerConnection,
  targets: readonly PartitionTarget[],
  timeoutMs: number,
): Promise<PartitionTargetResult[]> {
  const {error, message, results} = await sendVersioned(broker, ALTER_PARTITION_REASSIGNMENTS_API_KEY, {
    versions: VERSIONS,
    protocol: () => protocol(targets, timeoutMs),
  })
  if (error) {
    if (message) error.message = message
    throw error
  }
  return results
}
