/**
 * Keeps kafkajs working while some partition has no leader — exactly when
 * `topics describe --unavailable-partitions` is needed.
 *
 * Why: kafkajs encodes an empty topic list as null (= every topic) in Metadata
 * v1-v6 and throws when any partition in the answer reports an error, so its
 * plain refreshMetadata() fails cluster-wide with LEADER_NOT_AVAILABLE as soon
 * as one partition is leaderless. Here a refresh for "no topics" really asks for
 * no topics (Metadata v12, ./protocol/metadata.ts), which is all kafkajs needs
 * to find brokers and the controller. Requests for named topics are untouched.
 * Installed on every broker of every cluster the client creates (client.ts).
 */
import type {RawBroker} from './types.js'
import {fetchMetadata} from '../protocol/metadata.js'

export function askNoTopicsForNoTopics(broker: RawBroker): void {
  const original = broker.metadata.bind(broker)
  broker.metadata = async (topics: string[] = []) => {
    if (topics.length > 0) return original(topics)
    const m = await fetchMetadata(broker, [])
    return {throttleTime: 0, brokers: m.brokers, clusterId: m.clusterId, controllerId: m.controllerId, topicMetadata: []}
  }
}
