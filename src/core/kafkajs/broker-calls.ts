/**
 * The requests kfk sends through kafkajs's Broker (which picks the versions),
 * typed: the domain files call these, never a broker method. The classic
 * group protocol's requests go to the group coordinator (kafkajs redoes a
 * JoinGroup that answered MEMBER_ID_REQUIRED with the id the broker handed out).
 */
import type {JoinGroupResult, RawBroker, TopicPartitions} from './types.js'

type Args<M extends keyof RawBroker> = RawBroker[M] extends (args: infer A) => unknown ? A : never
type Answer<M extends keyof RawBroker> = RawBroker[M] extends (...args: never[]) => infer R ? R : never

/** DescribeGroups: classic groups' state, protocol and members. */
export const describeGroups = (broker: RawBroker, groupIds: string[]): Answer<'describeGroups'> => broker.describeGroups({groupIds})

/** DeleteGroups: per-group outcomes (the broker refuses non-empty groups). */
export const deleteGroups = (broker: RawBroker, groupIds: string[]): Answer<'deleteGroups'> => broker.deleteGroups(groupIds)

export const describeConfigs = (broker: RawBroker, args: Args<'describeConfigs'>): Answer<'describeConfigs'> => broker.describeConfigs(args)

export const deleteRecords = (broker: RawBroker, args: Args<'deleteRecords'>): Answer<'deleteRecords'> => broker.deleteRecords(args)

export const initProducerId = (broker: RawBroker, args: Args<'initProducerId'>): Answer<'initProducerId'> => broker.initProducerId(args)

export const deleteTopics = (broker: RawBroker, args: Args<'deleteTopics'>): Answer<'deleteTopics'> => broker.deleteTopics(args)

export const createPartitions = (broker: RawBroker, args: Args<'createPartitions'>): Answer<'createPartitions'> =>
  broker.createPartitions(args)

export function joinGroup(
  broker: RawBroker,
  args: {
    groupId: string
    memberId: string
    sessionTimeout: number
    rebalanceTimeout: number
    groupProtocols: Array<{name: string; metadata: Buffer}>
  },
): Promise<JoinGroupResult> {
  return broker.joinGroup({...args, protocolType: 'consumer'})
}

export async function syncGroup(
  broker: RawBroker,
  args: {groupId: string; generationId: number; memberId: string; groupAssignment: Array<{memberId: string; memberAssignment: Buffer}>},
): Promise<Buffer> {
  const response = await broker.syncGroup(args)
  return response.memberAssignment ?? Buffer.alloc(0)
}

export async function heartbeat(broker: RawBroker, args: {groupId: string; generationId: number; memberId: string}): Promise<void> {
  await broker.heartbeat({groupId: args.groupId, groupGenerationId: args.generationId, memberId: args.memberId})
}

export async function leaveGroup(broker: RawBroker, args: {groupId: string; memberId: string}): Promise<void> {
  await broker.leaveGroup(args)
}

export async function offsetCommit(
  broker: RawBroker,
  args: {groupId: string; generationId: number; memberId: string; topics: Array<TopicPartitions<{partition: number; offset: string}>>},
): Promise<void> {
  await broker.offsetCommit({groupId: args.groupId, groupGenerationId: args.generationId, memberId: args.memberId, topics: args.topics})
}

/** Committed offsets (-1 where none), by topic and partition. */
export async function offsetFetch(
  broker: RawBroker,
  args: {groupId: string; topics: Array<TopicPartitions<{partition: number}>>},
): Promise<Array<TopicPartitions<{partition: number; offset: string}>>> {
  const response = await broker.offsetFetch(args)
  return response.responses
}
