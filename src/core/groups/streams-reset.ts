/**
 * `kfk streams reset` (kafka-streams-application-reset): make a stopped Kafka
 * Streams application reprocess its input. Its group's committed offsets on
 * the input topics go to a position (the log start by default), intermediate
 * topics to their end, and its internal topics (repartition and changelog)
 * are deleted so its state starts empty; the application recreates them.
 * Works for streams groups (KIP-1071, internal topics from the topology) and
 * for applications on the classic protocol (internal topics by name).
 */
import type {GroupDescription} from './model.js'
import type {KafkaClient} from '../kafkajs/client.js'
import {describeGroups} from './groups.js'
import {committedOffsets, prepareReset} from './offsets.js'
import {executeReset} from './reset.js'
import type {PlanRow, ResetSpec} from './reset-plan.js'
import {inputTopics} from './streams-groups.js'
import {usageError} from '../../cli/errors.js'
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

/**
 * Whether a topic is named as Kafka Streams names an application's internal
 * topics: `<application.id>-` then a changelog, repartition or foreign-key
 * join subscription topic (StreamsResetter.matchesInternalTopicFormat).
 */
export function isInternalTopicOf(applicationId: string, topic: string): boolean {
  return (
    topic.startsWith(`${applicationId}-`) &&
    (/-(changelog|repartition|subscription-registration-topic|subscription-response-topic)$/.test(topic) ||
      /.+-KTABLE-FK-JOIN-SUBSCRIPTION-(REGISTRATION|RESPONSE)-\d+-topic$/.test(topic))
  )
}

export async function planStreamsReset(
  client: KafkaClient,
  applicationId: string,
  spec: ResetSpec,
  o: {inputTopics?: string[]; intermediateTopics?: string[]; internalTopics?: string[]},
): Promise<StreamsResetPlan> {
  const [described] = await describeGroups(client, [applicationId])
  const group = described?.exists ? described : undefined
  // Input topics: as named, else the topology's (streams groups), else the committed topics that are not internal.
  const inputs =
    o.inputTopics ??
    (group?.type === 'streams'
      ? inputTopics(group)
      : (await committedTopics(client, applicationId)).filter((t) => !isInternalTopicOf(applicationId, t)))
  const intermediate = o.intermediateTopics ?? []
  // Only topics that exist, are named as this application's internal topics and are not among its inputs
  // (an input may be named like one: KAFKA-7930) are ever deleted, whatever the topology or the user lists.
  const user = new Set([...inputs, ...intermediate])
  const deletable = (await listTopics(client)).map((t) => t.name).filter((t) => isInternalTopicOf(applicationId, t) && !user.has(t))
  const notInternal = (o.internalTopics ?? []).filter((t) => !deletable.includes(t))
  if (notInternal.length > 0)
    throw usageError(
      `--internal-topics ${notInternal.join(',')}: not an internal topic of '${applicationId}' on this cluster`,
      'Internal topics are named <application.id>-...-changelog or -repartition; a dry run without --internal-topics lists them.',
    )
  const internal = o.internalTopics ?? deletable.sort()
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
