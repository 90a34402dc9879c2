/**
 * ElectLeaders — API key 43 (KIP-183, KIP-460). Versions implemented: 1-2 (flexible from 2).
 * Sent to any broker, which forwards it to the active controller.
 *
 * Request:  election_type INT8 (0 preferred, 1 unclean),
 *           topic_partitions NULLABLE [topic STRING, partitions [INT32]] (null: every partition),
 *           timeout_ms INT32
 * Response: throttle_time_ms INT32, error_code INT16,
 *           replica_election_results [topic STRING, partition_result [partition_id INT32,
 *                                     error_code INT16, error_message NULLABLE_STRING]]
 * Per partition, ELECTION_NOT_NEEDED (84) means the wanted leader already leads.
 */
import {sendVersioned} from '../kafkajs/versions.js'
import type {BrokerConnection} from '../kafkajs/types.js'
import {defineRequest, errorOrNull, readPartitionResults, writeTopicPartitions, type PartitionResult} from './compact.js'

export const ELECT_LEADERS_API_KEY = 43
const VERSIONS = [1, 2]

export type ElectionType = 'preferred' | 'unclean'
export const ELECTION_NOT_NEEDED = 84

export type ElectionResult = PartitionResult

function protocol(
  version: number,
  type: ElectionType,
  partitions: ReadonlyArray<{topic: string; partitions: number[]}> | null,
  timeoutMs: number,
) {
  const flexible = version >= 2
  return defineRequest<{error: Error | null; results: ElectionResult[]}>({
    apiKey: ELECT_LEADERS_API_KEY,
    apiName: 'ElectLeaders',
    version,
    flexible,
    encode: (e, w) => {
      e.writeInt8(type === 'preferred' ? 0 : 1)
      writeTopicPartitions(e, w, partitions)
      e.writeInt32(timeoutMs)
      w.tags(e)
    },
    decode: (d, r) => {
      const throttleTimeMs = d.int32()
      const error = errorOrNull(d.int16())
      const results = readPartitionResults(d, r)
      r.tags(d)
      return {throttleTimeMs, result: {error, results}}
    },
  })
}

/** Each partition's election result; throws a top-level error (e.g. CLUSTER_AUTHORIZATION_FAILED). */
export async function electLeaders(
  broker: BrokerConnection,
  type: ElectionType,
  partitions: ReadonlyArray<{topic: string; partitions: number[]}> | null,
  timeoutMs: number,
): Promise<ElectionResult[]> {
  const {error, results} = await sendVersioned(broker, ELECT_LEADERS_API_KEY, {
    versions: VERSIONS,
    protocol: ({version}) => protocol(version, type, partitions, timeoutMs),
  })
  if (error) throw error
  return results
}
