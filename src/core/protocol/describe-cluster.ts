/**
 * DescribeCluster — API key 60 (KIP-700). Versions implemented: 0-2, all flexible (0+).
 *
 * Request  v0: include_cluster_authorized_operations BOOLEAN
 *          v1: + endpoint_type INT8 (1 = brokers, 2 = controllers)
 *          v2: + include_fenced_brokers BOOLEAN
 * Response v0: throttle_time_ms INT32, error_code INT16, error_message COMPACT_NULLABLE_STRING,
 *              [v1+: endpoint_type INT8], cluster_id COMPACT_STRING, controller_id INT32,
 *              brokers [broker_id INT32, host COMPACT_STRING, port INT32,
 *                       rack COMPACT_NULLABLE_STRING, [v2+: is_fenced BOOLEAN]],
 *              cluster_authorized_operations INT32
 */
import {sendVersioned} from '../kafkajs/versions.js'
import type {BrokerConnection} from '../kafkajs/types.js'
import {defineRequest, errorOrNull, NO_AUTHORIZED_OPERATIONS} from './compact.js'

export const DESCRIBE_CLUSTER_API_KEY = 60
const VERSIONS = [0, 1, 2]

export interface DescribedBroker {
  nodeId: number
  host: string
  port: number
  rack: string | null
  /** Only with includeFencedBrokers on v2+. */
  isFenced?: boolean
}

export interface ClusterDescription {
  clusterId: string
  controllerId: number
  brokers: DescribedBroker[]
  /** Bitfield of AclOperation codes; only when requested and reported by the broker. */
  clusterAuthorizedOperations?: number
}

export interface DescribeClusterOptions {
  includeAuthorizedOperations?: boolean
  /** v2+ only; ignored by older brokers. */
  includeFencedBrokers?: boolean
}

function protocol(version: number, options: DescribeClusterOptions) {
  return defineRequest<ClusterDescription & {error: Error | null}>({
    apiKey: DESCRIBE_CLUSTER_API_KEY,
    apiName: 'DescribeCluster',
    version,
    flexible: true,
    encode: (e, w) => {
      e.writeBoolean(options.includeAuthorizedOperations ?? false)
      if (version >= 1) e.writeInt8(1)
      if (version >= 2) e.writeBoolean(options.includeFencedBrokers ?? false)
      w.tags(e)
    },
    decode: (d, r) => {
      const throttleTimeMs = d.int32()
      const errorCode = d.int16()
      const errorMessage = r.nullableString(d)
      if (version >= 1) d.int8()
      const clusterId = r.string(d)
      const controllerId = d.int32()
      const brokers = r.array(d, (b): DescribedBroker => {
        const broker: DescribedBroker = {nodeId: b.int32(), host: r.string(b), port: b.int32(), rack: r.nullableString(b)}
        if (version >= 2) broker.isFenced = b.boolean()
        r.tags(b)
        return broker
      })
      const ops = d.int32()
      r.tags(d)
      const result: ClusterDescription & {error: Error | null} = {
        clusterId,
        controllerId,
        brokers,
        error: errorOrNull(errorCode, errorMessage),
      }
      if (options.includeAuthorizedOperations && ops !== NO_AUTHORIZED_OPERATIONS) result.clusterAuthorizedOperations = ops
      return {throttleTimeMs, result}
    },
  })
}

/** Describes the cluster as seen by `broker`; throws the top-level error if any. */
export async function describeCluster(broker: BrokerConnection, options: DescribeClusterOptions = {}): Promise<ClusterDescription> {
  const {error, ...description} = await sendVersioned(broker, DESCRIBE_CLUSTER_API_KEY, {
    versions: VERSIONS,
    protocol: ({version}) => protocol(version, options),
  })
  if (error) throw error
  return description
}
