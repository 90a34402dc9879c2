import {isUnsupportedApi} from '../kafkajs/versions.js'
import type {RawCluster} from '../kafkajs/types.js'
import {isKafkaError} from '../protocol/kafka-errors.js'

/**
 * One group's answer to a per-type describe: true when described, false when
 * the group is not of that type. Any other error is thrown: a group that could
 * not be read must not look absent, since resets and deletes decide on it.
 *
 * Not of that type: GROUP_ID_NOT_FOUND, what ConsumerGroupDescribe,
 * ShareGroupDescribe and StreamsGroupDescribe answer for a group of another
 * type; UNSUPPORTED_VERSION per group, from a broker that lists the API but
 * does not run that group type (Kafka 3.8 and 3.9 list ConsumerGroupDescribe
 * with the consumer protocol off, as by default): no group of that type can
 * exist there, so the group is another type's.
 */
export function isDescribed(g: {groupId: string; errorCode: number; error: Error | null}): boolean {
  if (g.errorCode === 0) return true
  if (isKafkaError(g.errorCode, 'GROUP_ID_NOT_FOUND', 'UNSUPPORTED_VERSION')) return false
  throw g.error ?? new Error(`describing group ${g.groupId} failed with error code ${g.errorCode}`)
}

/**
 * The groups of one type among `groupIds`, each with its coordinator's node id,
 * from that type's describe (ShareGroupDescribe, StreamsGroupDescribe): the
 * others are left out, and none are found where the brokers lack the API.
 */
export async function describeOfType<T extends {groupId: string; errorCode: number; error: Error | null}>(
  cluster: RawCluster,
  groupIds: readonly string[],
  describe: (cluster: RawCluster, groupIds: readonly string[]) => Promise<T[]>,
): Promise<Array<{group: T; coordinator: number}>> {
  if (groupIds.length === 0) return []
  let described: T[]
  try {
    described = await describe(cluster, groupIds)
  } catch (error) {
    if (isUnsupportedApi(error)) return []
    throw error
  }
  const out: Array<{group: T; coordinator: number}> = []
  for (const group of described.filter(isDescribed))
    out.push({group, coordinator: Number((await cluster.findGroupCoordinator({groupId: group.groupId})).nodeId)})
  return out
}
