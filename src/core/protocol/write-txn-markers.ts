/**
 * WriteTxnMarkers — API key 27. Version implemented: 1 (flexible). What Java's
 * Admin.abortTransaction sends to a partition's leader to end a hanging
 * transaction with an abort marker (needs ClusterAction on the cluster).
 *
 * Request:  markers [producer_id INT64, producer_epoch INT16, transaction_result BOOLEAN (false: abort),
 *           topics [name COMPACT_STRING, partition_indexes [INT32]], coordinator_epoch INT32]
 * Response: markers [producer_id INT64, topics [name COMPACT_STRING,
 *           partitions [partition_index INT32, error_code INT16]]]
 */
import {sendVersioned} from '../kafkajs/versions.js'
import type {BrokerConnection} from '../kafkajs/types.js'
import {defineRequest, errorOrNull} from './compact.js'

export const WRITE_TXN_MARKERS_API_KEY = 27

export interface AbortMarker {
  producerId: bigint
  producerEpoch: number
  coordinatorEpoch: number
  topic: string
  partition: number
}

function protocol(marker: AbortMarker) {
  return defineRequest<Error | null>({
    apiKey: WRITE_TXN_MARKERS_API_KEY,
    apiName: 'WriteTxnMarkers',
    version: 1,
    flexible: true,
    encode: (e, w) => {
      w.array(e, [marker], (e, m) => {
        e.writeInt64(m.producerId.toString())
        e.writeInt16(m.producerEpoch)
        e.writeBoolean(false)
        w.array(e, [m], (e, m) => {
          w.string(e, m.topic)
          w.array(e, [m.partition], (e, p) => void e.writeInt32(p))
          w.tags(e)
        })
        e.writeInt32(m.coordinatorEpoch)
        w.tags(e)
      })
      w.tags(e)
    },
    decode: (d, r) => {
      let error: Error | null = null
      r.array(d, (d) => {
        d.int64()
        r.array(d, (d) => {
          r.string(d)
          r.array(d, (d) => {
            d.int32()
            error ??= errorOrNull(d.int16())
            r.tags(d)
          })
          r.tags(d)
        })
        r.tags(d)
      })
      r.tags(d)
      return {throttleTimeMs: 0, result: error}
    },
  })
}

/** Writes an abort marker for one producer's open transaction on one partition; throws the partition's error. */
export async function writeAbortMarker(broker: BrokerConnection, marker: AbortMarker): Promise<void> {
  const error = await sendVersioned(broker, WRITE_TXN_MARKERS_API_KEY, {versions: [1], protocol: () => protocol(marker)})
  if (error) throw error
}
