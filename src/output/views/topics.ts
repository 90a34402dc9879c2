import type {TopicDescription, TopicSummary} from '../../core/topics/topics.js'
import type {ItemResult} from '../../core/topics/changes.js'
import type {StepResult} from '../../core/topics/apply.js'
import {colors} from '../colors.js'

export const TOPIC_LIST_HEAD = ['topic', 'partitions', 'replicas', 'internal']

export function topicListRows(topics: readonly TopicSummary[]): Array<Array<string | number>> {
  return topics.map((t) => [t.name, t.partitions, t.replicationFactor, t.internal ? 'yes' : ''])
}

/** The topic line kafka-topics --describe prints, in kfk's words. */
export function topicHeadline(t: TopicDescription): string {
  const c = colors()
  const configs = Object.entries(t.configs)
    .map(([k, v]) => `${k}=${v ?? '(sensitive)'}`)
    .join(',')
  return `${c.bold(t.name)}  id ${t.topicId}  partitions ${t.partitions}  replication ${t.replicationFactor}${configs ? `  configs ${configs}` : ''}`
}

const PARTITION_HEAD = ['partition', 'leader', 'replicas', 'isr', 'offline']
const ELR_HEAD = ['elr', 'last known elr']

/** ELR columns only where the cluster reports eligible leader replicas for this topic. */
function showsElr(t: TopicDescription): boolean {
  return t.partitionDetails.some((p) => (p.elr?.length ?? 0) > 0 || (p.lastKnownElr?.length ?? 0) > 0)
}

export function partitionHead(t: TopicDescription): string[] {
  return showsElr(t) ? [...PARTITION_HEAD, ...ELR_HEAD] : PARTITION_HEAD
}

/** One row per partition; leaderless and under-replicated partitions stand out. */
export function partitionRows(t: TopicDescription): Array<Array<string | number>> {
  const c = colors()
  const elr = showsElr(t)
  return t.partitionDetails.map((p) => {
    const under = p.isr.length < p.replicas.length
    const leader = p.leader === null ? c.red('none') : String(p.leader)
    const isr = under ? c.yellow(p.isr.join(',') || '-') : p.isr.join(',')
    const row: Array<string | number> = [
      p.partition,
      leader,
      p.replicas.join(','),
      isr,
      p.offlineReplicas.length > 0 ? c.red(p.offlineReplicas.join(',')) : '',
    ]
    if (elr) row.push((p.elr ?? []).join(','), (p.lastKnownElr ?? []).join(','))
    return row
  })
}

/** One line per applied step of `kfk apply`. */
export function stepResultLine(r: StepResult): string {
  const done = r.action === 'create' ? 'created' : r.action === 'delete' ? 'deleted' : 'updated'
  return r.ok ? `${done} ${r.topic}` : `failed ${r.topic}: ${r.error}`
}

/** One status line per topic of a batch (create, delete, alter). */
export function itemLine(r: ItemResult): string {
  const c = colors()
  const shape =
    r.partitions !== undefined
      ? ` (${r.partitions} partition${r.partitions === 1 ? '' : 's'}${r.replicationFactor !== undefined ? `, replication ${r.replicationFactor}` : ''})`
      : ''
  switch (r.status) {
    case 'created':
      return `${c.green('created')} ${r.topic}${shape}`
    case 'valid':
      return `${c.green('valid')} ${r.topic}${shape} (validate only: nothing created)`
    case 'exists':
      return `${c.dim('exists')} ${r.topic}${shape}`
    case 'deleted':
      return `${c.green('deleted')} ${r.topic}`
    case 'absent':
      return `${c.dim('absent')} ${r.topic} (nothing to delete)`
    case 'altered':
      return `${c.green('altered')} ${r.topic}${shape}`
    default:
      return `${c.red('failed')} ${r.topic}: ${r.error}`
  }
}
