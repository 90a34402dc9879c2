import {anyBroker} from '../kafkajs/cluster.js'
import type {RawCluster} from '../kafkajs/types.js'
import {KfkError} from '../../cli/errors.js'
import {describeCluster} from '../protocol/describe-cluster.js'

/**
 * The cluster's broker ids, after checking that each id a command was given is
 * one of them. A broker that does not exist is not an outage: "no broker 99"
 * beats "cannot reach Kafka" or an empty answer (exit 1, as a missing topic).
 */
export async function requireBrokers(cluster: RawCluster, ids: readonly number[]): Promise<number[]> {
  const live = (await describeCluster(await anyBroker(cluster))).brokers.map((b) => b.nodeId).sort((a, b) => a - b)
  const missing = [...new Set(ids.filter((id) => !live.includes(id)))]
  if (missing.length > 0)
    throw new KfkError(`no broker ${missing.join(', ')} in the cluster`, {
      hint: `Its brokers are ${live.join(', ')} (kfk cluster describe).`,
    })
  return live
}
