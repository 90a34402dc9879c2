import type {KafkaClient} from '../kafkajs/client.js'
import type {ActualTopic, DesiredTopic, Plan, PlanStep} from './apply-plan.js'
import {alterConfigs, describeConfigs} from '../configs/configs.js'
import {addPartitions, createTopics, deleteTopics, validateSpecs} from './changes.js'
import {brokerIds, clusterMetadata, compilePattern} from './topics.js'

/** The cluster's side of a plan: the named topics (or all) with their topic-level overrides. */
export async function readActualTopics(
  client: KafkaClient,
  options: {names?: readonly string[]; pattern?: string; includeInternal?: boolean} = {},
): Promise<ActualTopic[]> {
  const re = compilePattern(options.pattern)
  const meta = await clusterMetadata(client, null)
  const wanted = options.names && options.names.length > 0 ? new Set(options.names) : undefined
  const topics = meta.topics
    .filter(
      (t) => t.errorCode === 0 && (options.includeInternal || !t.isInternal) && (!wanted || wanted.has(t.name)) && (!re || re.test(t.name)),
    )
    .sort((a, b) => a.name.localeCompare(b.name))
  const configs =
    topics.length > 0
      ? await describeConfigs(
          client,
          'topics',
          topics.map((t) => t.name),
        )
      : []
  return topics.map((t) => ({
    name: t.name,
    partitions: t.partitions.length,
    replicationFactor: t.partitions[0]?.replicas.length ?? 0,
    internal: t.isInternal,
    configs: Object.fromEntries((configs.find((c) => c.entityName === t.name)?.configs ?? []).map((c) => [c.name, c.value])),
  }))
}

/** Checks the creates against the cluster (replication factor vs brokers) before anything changes. */
export async function checkPlan(client: KafkaClient, plan: Plan, desired: readonly DesiredTopic[]): Promise<void> {
  const creates = plan.steps.filter((s) => s.action === 'create').map((s) => desired.find((d) => d.name === s.topic)!)
  if (creates.length > 0) validateSpecs(creates, await brokerIds(client))
}

export interface StepResult {
  topic: string
  action: PlanStep['action']
  ok: boolean
  error: string | null
}

/** Applies a plan; every step reports, one failure does not stop the others. */
export async function executePlan(client: KafkaClient, plan: Plan): Promise<StepResult[]> {
  const results: StepResult[] = []
  const creates = plan.steps.filter((s): s is Extract<PlanStep, {action: 'create'}> => s.action === 'create')
  if (creates.length > 0) {
    const {results: created} = await createTopics(
      client,
      creates.map((s) => ({name: s.topic, partitions: s.partitions, replicationFactor: s.replicationFactor, configs: s.configs})),
    )
    for (const r of created) results.push({topic: r.topic, action: 'create', ok: r.ok, error: r.error})
  }
  for (const step of plan.steps) {
    if (step.action !== 'update') continue
    let error: string | null = null
    if (Object.keys(step.set).length > 0 || step.unset.length > 0) {
      const [r] = await alterConfigs(client, [{entityType: 'topics', entityName: step.topic, set: step.set, delete: step.unset}])
      error = r ? r.error : 'the brokers gave no answer'
    }
    if (!error && step.addPartitions) {
      const r = await addPartitions(client, step.topic, step.addPartitions.to)
      error = r.error
    }
    results.push({topic: step.topic, action: 'update', ok: error === null, error})
  }
  const deletes = plan.steps.filter((s) => s.action === 'delete').map((s) => s.topic)
  if (deletes.length > 0) {
    for (const r of await deleteTopics(client, deletes)) results.push({topic: r.topic, action: 'delete', ok: r.ok, error: r.error})
  }
  return results
}
