/**
 * CreateTopics — API key 19. Versions implemented: 2-4 (classic; Kafka 4.x
 * answers 2-7). kafkajs sends it too, but drops the broker's error_message:
 * a policy refusal would read "Request parameters do not satisfy the
 * configured policy" where the controller said what was wrong ("Excessively
 * large number of partitions per request"). Send it to the controller.
 *
 * Request:  topics [name STRING, num_partitions INT32, replication_factor INT16,
 *                   assignments [partition_index INT32, broker_ids [INT32]],
 *                   configs [name STRING, value NULLABLE_STRING]],
 *           timeout_ms INT32, validate_only BOOLEAN
 * Response: throttle_time_ms INT32 (v2+), topics [name STRING, error_code INT16, error_message NULLABLE_STRING]
 */
import {sendVersioned} from '../kafkajs/versions.js'
import type {BrokerConnection} from '../kafkajs/types.js'
import {defineRequest, errorOrNull} from './compact.js'

export const CREATE_TOPICS_API_KEY = 19
const VERSIONS = [2, 3, 4]

export interface NewTopic {
  name: string
  /** -1: the broker's num.partitions (or from `assignments`). */
  numPartitions: number
  /** -1: the broker's default.replication.factor (or from `assignments`). */
  replicationFactor: number
  /** Replicas per partition, partition i at index i; empty to let the controller place them. */
  assignments: number[][]
  configs: Record<string, string>
}

function protocol(version: number, topics: readonly NewTopic[], timeoutMs: number, validateOnly: boolean) {
  return defineRequest<Array<{name: string; error: Error | null}>>({
    apiKey: CREATE_TOPICS_API_KEY,
    apiName: 'CreateTopics',
    version,
    flexible: false,
    encode: (e, w) => {
      w.array(e, topics, (e, t) => {
        w.string(e, t.name)
        e.writeInt32(t.numPartitions)
        e.writeInt16(t.replicationFactor)
        const assignments = t.assignments.map((brokers, partition) => ({partition, brokers}))
        w.array(e, assignments, (e, a) => {
          e.writeInt32(a.partition)
          w.array(e, a.brokers, (e, id) => void e.writeInt32(id))
        })
        w.array(e, Object.entries(t.configs), (e, [name, value]) => {
          w.string(e, name)
          w.string(e, value)
        })
      })
      e.writeInt32(timeoutMs)
      e.writeBoolean(validateOnly)
    },
    decode: (d, r) => {
      const throttleTimeMs = d.int32()
      const result = r.array(d, (d) => {
        const name = r.string(d)
        const code = d.int16()
        const message = r.nullableString(d)
        return {name, error: errorOrNull(code, message)}
      })
      return {throttleTimeMs, result}
    },
  })
}

/** Creates `topics` (send to the controller); per topic, null or the controller's error with its own message. */
export async function createTopicsRequest(
  broker: BrokerConnection,
  topics: readonly NewTopic[],
  options: {timeoutMs: number; validateOnly: boolean},
): Promise<Array<{name: string; error: Error | null}>> {
  return sendVersioned(broker, CREATE_TOPICS_API_KEY, {
    versions: VERSIONS,
    protocol: ({version}) => protocol(version, topics, options.timeoutMs, options.validateOnly),
  })
}
