/**
 * ListGroups — API key 16. Versions implemented: 0-5; flexible from 3.
 * kafkajs 2.2.4 stops at v2, which has neither the group state (v4) nor the group
 * type (v5), so `kfk groups list --state/--type` needs this module.
 *
 * Request:  v4+: states_filter [STRING], v5+: types_filter [STRING]
 * Response: v1+: throttle_time_ms INT32, error_code INT16,
 *           groups [group_id STRING, protocol_type STRING, v4+: group_state STRING, v5+: group_type STRING]
 * Each broker lists only the groups it coordinates, so the cluster-wide list asks every broker.
 */
import {sendVersioned} from '../kafkajs/versions.js'
import type {BrokerConnection, RawCluster} from '../kafkajs/types.js'
import {defineRequest, errorOrNull} from './compact.js'

export const LIST_GROUPS_API_KEY = 16
const VERSIONS = [0, 1, 2, 3, 4, 5]

export interface ListedGroup {
  groupId: string
  protocolType: string
  /** v4+ only (e.g. Stable, Empty, PreparingRebalance, Assigning, Reconciling). */
  groupState?: string
  /** v5+ only: classic, consumer, share, streams. */
  groupType?: string
  /** The broker that answered: the group's coordinator. */
  coordinatorId: number
}

export interface ListGroupsFilter {
  /** Broker-side state filter (v4+; case-insensitive on the broker). */
  states?: readonly string[]
  /** Broker-side type filter (v5+). */
  types?: readonly string[]
}

function protocol(version: number, filter: ListGroupsFilter, nodeId: number) {
  return defineRequest<{groups: ListedGroup[]; error: Error | null}>({
    apiKey: LIST_GROUPS_API_KEY,
    apiName: 'ListGroups',
    version,
    flexible: version >= 3,
    encode: (e, w) => {
      if (version >= 4) w.array(e, filter.states ?? [], (e, s) => w.string(e, s))
      if (version >= 5) w.array(e, filter.types ?? [], (e, t) => w.string(e, t))
      w.tags(e)
    },
    decode: (d, r) => {
      const throttleTimeMs = version >= 1 ? d.int32() : 0
      const errorCode = d.int16()
      const groups = r.array(d, (d): ListedGroup => {
        const group: ListedGroup = {groupId: r.string(d), protocolType: r.string(d), coordinatorId: nodeId}
        if (version >= 4) group.groupState = r.string(d)
        if (version >= 5) group.groupType = r.string(d)
        r.tags(d)
        return group
      })
      r.tags(d)
      return {throttleTimeMs, result: {groups, error: errorOrNull(errorCode)}}
    },
  })
}

/** Lists the groups one broker coordinates; throws the broker's error, if any. */
export async function listGroupsOn(broker: BrokerConnection, filter: ListGroupsFilter = {}): Promise<ListedGroup[]> {
  const nodeId = Number(broker.nodeId)
  const {groups, error} = await sendVersioned(broker, LIST_GROUPS_API_KEY, {
    versions: VERSIONS,
    protocol: ({version}) => protocol(version, filter, nodeId),
  })
  if (error) throw error
  return groups
}

/**
 * Lists the groups of the whole cluster: every broker in the metadata is asked.
 * Filters are applied by brokers that support them (v4/v5) and again here, so
 * the result is the same on older brokers.
 */
export async function listGroups(cluster: RawCluster, filter: ListGroupsFilter = {}): Promise<ListedGroup[]> {
  const brokers = cluster.brokerPool.metadata?.brokers ?? []
  const answers = await Promise.all(brokers.map(async ({nodeId}) => listGroupsOn(await cluster.findBroker({nodeId}), filter)))
  const states = new Set((filter.states ?? []).map((s) => s.toLowerCase()))
  const types = new Set((filter.types ?? []).map((t) => t.toLowerCase()))
  return (
    answers
      .flat()
      .filter((g) => states.size === 0 || g.groupState === undefined || states.has(g.groupState.toLowerCase()))
      // Before v5 (Kafka 3.8) every group is classic.
      .filter((g) => types.size === 0 || types.has((g.groupType ?? 'classic').toLowerCase()))
  )
}
