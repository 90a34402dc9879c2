/**
 * `kfk streams reset` (kafka-streams-application-reset): make a stopped Kafka
 * Streams application reprocess its input. Its group's committed offsets on
 * the input topics go to a position (the log start by default), intermediate
 * topics to their end, and its internal topics (repartition and changelog)
 * are deleted so its state starts empty; the application recreates them.
 * Works for streams groups (KIP-1071, internal topics from the topology) and
 * for applications on the classic protocol (internal topics by name).
 */
import type {KafkaClient} from '../client.js'
import {describeGroups, type GroupDescription} from './groups.js'
import {committedOffsets, prepareReset} from './offsets.js'
import {executeReset} from './reset.js'
import type {PlanRow, ResetSpec} from './reset-plan.js'
import {inputTopics, internalTopics} from './streams-groups.js'
import {listTopics} from '../topics/topics.js'
import {deleteTopics, type ItemResult} from '../topics/changes.js'

export interface StreamsResetPlan {
  applicationId: string
  /** The group as the cluster knows it; undefined when it has none (nothing committed, never ran). */
  group: GroupDescription | undefined
  inputTopics: string[]
  intermediateTopics: string[]
  internalTopics: string[]
  /** New committed offsets: input topics to the target, intermediate ones to their end. */
  partitions: PlanRow[]
}

/** The internal topics Kafka Streams names `<application.id>-<name>-changelog` or `-repartition`. */
export function isInternalTopicOf(applicationId: string, topic: string): boolean {
  return topic.startsWith(`${applicationId}-`) && /-(changelog|repartition)$/.test(topic)
}

export async function planStreamsReset(
  client: KafkaClient,
  applicationId: string,
  spec: ResetSpec,
  o: {inputTopics?: string[]; intermediateTopics?: string[]; internalTopics?: string[]},
): Promise<StreamsResetPlan> {
  const [described] = await describeGroups(client, [applicationId])
  const group = described?.exists ? described : undefined
  const existing = (await listTopics(client)).map((t) => t.name)
  const known = new Set(existing)
  const byName = existing.filter((t) => isInternalTopicOf(applicationId, t))
  const internal = o.internalTopics ?? [...new Set([...(group ? internalTopics(group) : []), ...byName])].filter((t) => known.has(t)).sort()
  // Input topics: as named, else the topology's (streams groups), else the committed topics that are not internal.
  const inputs =
    o.inputTopics ??
    (group?.type === 'streams'
      ? inputTopics(group)
      : (await committedTopics(client, applicationId)).filter((t) => !isInternalTopicOf(applicationId, t)))
  const intermediate = o.intermediateTopics ?? []
  const scope = (topics: string[]) => ({topics: topics.map((topic) => ({topic}))})
  const partitions = [
    ...(inputs.length > 0 ? await prepareReset(client, applicationId, spec, scope(inputs), {allowNewTopics: true}) : []),
    ...(intermediate.length > 0
      ? await prepareReset(client, applicationId, {kind: 'latest'}, scope(intermediate), {allowNewTopics: true})
      : []),
  ]
  return {applicationId, group, inputTopics: inputs, intermediateTopics: intermediate, internalTopics: internal, partitions}
}

async function committedTopics(client: KafkaClient, groupId: string): Promise<string[]> {
  const cluster = await client.cluster()
  const committed = await client.run('fetch committed offsets', () => committedOffsets(cluster, groupId))
  return [...new Set([...committed.values()].map((c) => c.tp.topic))].sort()
}

/**
 * Commits the plan's offsets and deletes the internal topics, refused while
 * the application has live members (checked again after `confirm`).
 */
export async function executeStreamsReset(
  client: KafkaClient,
  plan: StreamsResetPlan,
  confirm: () => Promise<void>,
): Promise<ItemResult[]> {
  await executeReset(client, plan.applicationId, plan.partitions, confirm)
  return plan.internalTopics.length > 0 ? deleteTopics(client, plan.internalTopics, {ifExists: true}) : []
}
