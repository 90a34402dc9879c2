/**
 * DescribeLogDirs — API key 35 (KIP-113, KIP-827). Versions implemented: 1-4 (flexible from 2).
 * Each broker answers for its own log directories only: ask every broker.
 *
 * Request:  topics NULLABLE [topic STRING, partitions [INT32]]   (null: every partition)
 * Response: throttle_time_ms INT32, [v3+: error_code INT16],
 *           results [error_code INT16, log_dir STRING,
 *                    topics [name STRING, partitions [partition_index INT32, partition_size INT64,
 *                                                     offset_lag INT64, is_future_key BOOLEAN]],
 *                    [v4+: total_bytes INT64, usable_bytes INT64]]
 * offset_lag is the log end offset minus the high watermark for the current replica, and how
 * far a future replica (one being moved between a broker's dirs) trails the current one.
 * total_bytes and usable_bytes are -1 where unknown.
 */
import {sendVersioned} from '../kafkajs/versions.js'
import type {BrokerConnection} from '../kafkajs/types.js'
import {defineRequest, errorOrNull, writeTopicPartitions} from './compact.js'

export const DESCRIBE_LOG_DIRS_API_KEY = 35
const VERSIONS = [1, 2, 3, 4]

export interface LogDirPartition {
  topic: string
  partition: number
  size: bigint
  offsetLag: bigint
  isFuture: boolean
}

export interface LogDirDescription {
  logDir: string
  error: Error | null
  partitions: LogDirPartition[]
  /** -1 where the broker does not say (before v4). */
  totalBytes: bigint
  usableBytes: bigint
}

function protocol(version: number, topics: ReadonlyArray<{topic: string; partitions: number[]}> | null) {
  const flexible = version >= 2
  return defineRequest<{error: Error | null; dirs: LogDirDescription[]}>({
    apiKey: DESCRIBE_LOG_DIRS_API_KEY,
    apiName: 'DescribeLogDirs',
    version,
    flexible,
    encode: (e, w) => {
      writeTopicPartitions(e, w, topics)
      w.tags(e)
    },
    decode: (d, r) => {
      const throttleTimeMs = d.int32()
      const error = version >= 3 ? errorOrNull(d.int16()) : null
      const dirs = r.array(d, (d): LogDirDescription => {
        const dirError = errorOrNull(d.int16())
        const logDir = r.string(d)
        const partitions = r
          .array(d, (d) => {
            const topic = r.string(d)
            const parts = r.array(d, (d) => {
              const p = {topic, partition: d.int32(), size: d.int64(), offsetLag: d.int64(), isFuture: d.boolean()}
              r.tags(d)
              return p
            })
            r.tags(d)
            return parts
          })
          .flat()
        const totalBytes = version >= 4 ? d.int64() : -1n
        const usableBytes = version >= 4 ? d.int64() : -1n
        r.tags(d)
        return {logDir, error: dirError, partitions, totalBytes, usableBytes}
      })
      r.tags(d)
      return {throttleTimeMs, result: {error, dirs}}
    },
  })
}

/** The broker's log directories with the partitions in each (topics null: all); throws a top-level error. */
export async function describeLogDirs(
  broker: BrokerConnection,
  topics: ReadonlyArray<{topic: string; partitions: number[]}> | null,
): Promise<LogDirDescription[]> {
  const {error, dirs} = await sendVersioned(broker, DESCRIBE_LOG_DIRS_API_KEY, {
    versions: VERSIONS,
    protocol: ({version}) => protocol(version, topics),
  })
  if (error) throw error
  return dirs
}
