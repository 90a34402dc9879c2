/**
 * Declarative topic setup: the plan that makes a cluster match a topics file.
 * Pure (no Kafka): the diff of desired against actual, unit-tested.
 */
export interface DesiredTopic {
  name: string
  partitions?: number
  replicationFactor?: number
  /** Topic-level overrides; anything not listed is unset. */
  configs: Record<string, string>
}

export interface ActualTopic {
  name: string
  partitions: number
  replicationFactor: number
  /** Topic-level overrides (DYNAMIC_TOPIC_CONFIG) only. */
  configs: Record<string, string | null>
  internal?: boolean
}

export type PlanStep =
  | {topic: string; action: 'create'; partitions?: number; replicationFactor?: number; configs: Record<string, string>}
  | {topic: string; action: 'update'; addPartitions?: {from: number; to: number}; set: Record<string, string>; unset: string[]}
  | {topic: string; action: 'unchanged'}
  | {topic: string; action: 'delete'}
  | {topic: string; action: 'refused'; reason: string}

export interface Plan {
  steps: PlanStep[]
  /** True when nothing would change. */
  empty: boolean
  refused: boolean
}

export function planApply(desired: readonly DesiredTopic[], actual: readonly ActualTopic[], options: {deleteMissing?: boolean} = {}): Plan {
  const byName = new Map(actual.map((a) => [a.name, a]))
  const steps: PlanStep[] = []
  for (const d of desired) {
    const a = byName.get(d.name)
    if (!a) {
      steps.push({topic: d.name, action: 'create', partitions: d.partitions, replicationFactor: d.replicationFactor, configs: d.configs})
      continue
    }
    if (d.partitions !== undefined && d.partitions < a.partitions) {
      steps.push({
        topic: d.name,
        action: 'refused',
        reason: `has ${a.partitions} partitions, the file asks for ${d.partitions}; Kafka cannot remove partitions`,
      })
      continue
    }
    if (d.replicationFactor !== undefined && d.replicationFactor !== a.replicationFactor) {
      steps.push({
        topic: d.name,
        action: 'refused',
        reason: `has replication factor ${a.replicationFactor}, the file asks for ${d.replicationFactor}; changing it needs a partition reassignment, which apply does not do`,
      })
      continue
    }
    const set = Object.fromEntries(Object.entries(d.configs).filter(([k, v]) => a.configs[k] !== v))
    const unset = Object.keys(a.configs)
      .filter((k) => !(k in d.configs))
      .sort()
    const grow = d.partitions !== undefined && d.partitions > a.partitions ? {from: a.partitions, to: d.partitions} : undefined
    if (!grow && Object.keys(set).length === 0 && unset.length === 0) steps.push({topic: d.name, action: 'unchanged'})
    else steps.push({topic: d.name, action: 'update', ...(grow ? {addPartitions: grow} : {}), set, unset})
  }
  if (options.deleteMissing) {
    const wanted = new Set(desired.map((d) => d.name))
    for (const a of actual) if (!wanted.has(a.name) && !a.internal) steps.push({topic: a.name, action: 'delete'})
  }
  return {
    steps,
    empty: steps.every((s) => s.action === 'unchanged'),
    refused: steps.some((s) => s.action === 'refused'),
  }
}

/** One human line per step, e.g. "~ orders: partitions 3 -> 6, set retention.ms=1000". */
export function describeStep(step: PlanStep): string {
  switch (step.action) {
    case 'create': {
      const parts = [
        step.partitions !== undefined ? `${step.partitions} partitions` : 'default partitions',
        step.replicationFactor !== undefined ? `replication ${step.replicationFactor}` : 'default replication',
      ]
      const configs = Object.entries(step.configs).map(([k, v]) => `${k}=${v}`)
      return `+ create ${step.topic} (${parts.join(', ')}${configs.length ? `, ${configs.join(', ')}` : ''})`
    }
    case 'update': {
      const parts: string[] = []
      if (step.addPartitions) parts.push(`partitions ${step.addPartitions.from} -> ${step.addPartitions.to}`)
      for (const [k, v] of Object.entries(step.set)) parts.push(`set ${k}=${v}`)
      for (const k of step.unset) parts.push(`unset ${k}`)
      return `~ update ${step.topic}: ${parts.join(', ')}`
    }
    case 'unchanged':
      return `= unchanged ${step.topic}`
    case 'delete':
      return `- delete ${step.topic}`
    case 'refused':
      return `! refused ${step.topic}: ${step.reason}`
  }
}
