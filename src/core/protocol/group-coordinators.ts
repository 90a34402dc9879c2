import {setTimeout as sleep} from 'node:timers/promises'
import {isUnsupportedApi, type BrokerConnection, type RawCluster} from '../kafkajs/adapter.js'
import {COORDINATOR_MOVED} from './compact.js'
import {isKafkaError} from './kafka-errors.js'

/**
 * Sends a per-group request (ConsumerGroupDescribe, ShareGroupDescribe, ...)
 * to each group's coordinator, the groups of one coordinator together. Groups
 * answered with a coordinator error are re-resolved and retried a few times;
 * results follow `groupIds` order, `missing` fills a group no answer named.
 */
export async function askCoordinators<T extends {groupId: string; errorCode: number}>(
  cluster: RawCluster,
  groupIds: readonly string[],
  send: (broker: BrokerConnection, ids: string[]) => Promise<T[]>,
  missing: (groupId: string) => T,
): Promise<T[]> {
  const done = new Map<string, T>()
  let pending = [...new Set(groupIds)]
  for (let attempt = 1; pending.length > 0; attempt++) {
    const byNode = new Map<number, {broker: BrokerConnection; ids: string[]}>()
    for (const id of pending) {
      const broker = await cluster.findGroupCoordinator({groupId: id})
      const node = Number(broker.nodeId)
      const entry = byNode.get(node) ?? {broker, ids: []}
      entry.ids.push(id)
      byNode.set(node, entry)
    }
    const answers = await Promise.all([...byNode.values()].map(({broker, ids}) => send(broker, ids)))
    for (const group of answers.flat()) done.set(group.groupId, group)
    pending = pending.filter((id) => {
      const group = done.get(id)
      return !group || (isKafkaError(group.errorCode, ...COORDINATOR_MOVED) && attempt < 5)
    })
    if (pending.length > 0) {
      if (attempt >= 5) break
      await sleep(100 * attempt)
    }
  }
  return groupIds.map((id) => done.get(id) ?? missing(id))
}

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
