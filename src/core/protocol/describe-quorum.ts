/**
 * DescribeQuorum — API key 55 (KIP-595, KIP-836). Versions implemented: 0-1, flexible 0+.
 * What kafka-metadata-quorum.sh --describe --status shows: the KRaft leader
 * (the active controller), its epoch, high watermark, voters and observers.
 * Brokers forward it to the active controller.
 *
 * Request:  topics [topic_name COMPACT_STRING, partitions [partition_index INT32]]
 * Response: error_code INT16,
 *           topics [topic_name, partitions [partition_index INT32, error_code INT16, leader_id INT32,
 *                   leader_epoch INT32, high_watermark INT64, current_voters [ReplicaState],
 *                   observers [ReplicaState]]]
 *   ReplicaState: replica_id INT32, log_end_offset INT64, v1+: last_fetch_timestamp INT64,
 *                 last_caught_up_timestamp INT64
 * (v2 adds directory ids and node endpoints; v0-1 say all kfk shows.)
 */
import {sendVersioned} from '../kafkajs/versions.js'
import type {BrokerConnection} from '../kafkajs/types.js'
import {defineRequest, errorOrNull, type Reader} from './compact.js'
import type {ByteReader} from './bytes.js'

export const DESCRIBE_QUORUM_API_KEY = 55
const METADATA_TOPIC = '__cluster_metadata'

export interface ReplicaState {
  replicaId: number
  logEndOffset: string
  lastFetchTimestamp: number | null
  lastCaughtUpTimestamp: number | null
}

export interface QuorumDescription {
  leaderId: number
  leaderEpoch: number
  highWatermark: string
  voters: ReplicaState[]
  observers: ReplicaState[]
}

const timestamp = (d: ByteReader) => {
  const v = Number(d.int64())
  return v < 0 ? null : v
}

function replica(version: number, r: Reader) {
  return (d: ByteReader): ReplicaState => {
    const state: ReplicaState = {
      replicaId: d.int32(),
      logEndOffset: d.int64().toString(),
      lastFetchTimestamp: null,
      lastCaughtUpTimestamp: null,
    }
    if (version >= 1) {
      state.lastFetchTimestamp = timestamp(d)
      state.lastCaughtUpTimestamp = timestamp(d)
    }
    r.tags(d)
    return state
  }
}

function protocol(version: number) {
  return defineRequest<QuorumDescription>({
    apiKey: DESCRIBE_QUORUM_API_KEY,
    apiName: 'DescribeQuorum',
    version,
    flexible: true,
    encode: (e, w) => {
      w.array(e, [METADATA_TOPIC], (e, topic) => {
        w.string(e, topic)
        w.array(e, [0], (e, partition) => {
          e.writeInt32(partition)
          w.tags(e)
        })
        w.tags(e)
      })
      w.tags(e)
    },
    decode: (d, r) => {
      const topError = errorOrNull(d.int16())
      if (topError) throw topError
      const partitions = r
        .array(d, (t) => {
          r.string(t)
          const parts = r.array(t, (p) => {
            const partition = {
              index: p.int32(),
              error: errorOrNull(p.int16()),
              leaderId: p.int32(),
              leaderEpoch: p.int32(),
              highWatermark: p.int64().toString(),
              voters: r.array(p, replica(version, r)),
              observers: r.array(p, replica(version, r)),
            }
            r.tags(p)
            return partition
          })
          r.tags(t)
          return parts
        })
        .flat()
      r.tags(d)
      const partition = partitions[0]
      if (!partition) throw new Error('DescribeQuorum returned no partition')
      if (partition.error) throw partition.error
      const {index: _i, error: _e, ...description} = partition
      return {throttleTimeMs: 0, result: description}
    },
  })
}

/** The KRaft quorum of the cluster `broker` belongs to. */
export function describeQuorum(broker: BrokerConnection): Promise<QuorumDescription> {
  return sendVersioned(broker, DESCRIBE_QUORUM_API_KEY, {versions: [0, 1], protocol: ({version}) => protocol(version)})
}
