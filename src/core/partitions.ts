import {KfkError} from '../errors.js'
import {anyBroker, type RawCluster} from './kafkajs.js'
import {fetchMetadata} from './protocol/metadata.js'

/**
 * Topic and partition facts that produce and consume need from metadata:
 * which topics exist (no silent auto-creation), and offsets by timestamp
 * (ListOffsets on each partition's leader; -2 earliest, -1 latest).
 */
export async function resolveTopics(cluster: RawCluster, topics: string[], pattern?: string): Promise<string[]> {
  const all = await allTopics(cluster)
  let chosen = [...topics]
  if (pattern !== undefined) {
    let re: RegExp
    try {
      re = new RegExp(`^(?:${pattern})$`)
    } catch (error) {
      throw new KfkError(`--pattern "${pattern}" is not a valid regular expression (${(error as Error).message})`, {exit: 2})
    }
    const matched = all.filter((t) => re.test(t) && !t.startsWith('__')).sort()
    if (matched.length === 0) throw new KfkError(`no topic matches --pattern "${pattern}"`, {hint: 'See: kfk topics list'})
    chosen.push(...matched.filter((t) => !chosen.includes(t)))
  }
  const missing = chosen.filter((t) => !all.includes(t))
  if (missing.length > 0) {
    throw new KfkError(`topic${missing.length > 1 ? 's' : ''} ${missing.map((t) => `"${t}"`).join(', ')} do${missing.length > 1 ? '' : 'es'} not exist`, {hint: 'See: kfk topics list (or create it with kfk topics create)'})
  }
  await cluster.addMultipleTargetTopics(chosen)
  return chosen
}

/** Every topic name (Metadata with a null topic list; kafkajs's own call is patched to ask for none, see metadata-cluster.ts). */
async function allTopics(cluster: RawCluster): Promise<string[]> {
  const metadata = await fetchMetadata(await anyBroker(cluster), null)
  return metadata.topics.map((t) => t.name)
}

/** Offsets at `timestamp` (-2 earliest, -1 latest, else first offset with a time >= it, -1 if none) by "topic:partition". */
export async function listOffsets(
  cluster: RawCluster,
  partitions: Array<{topic: string; partition: number; leader: number}>,
  timestamp: number,
  isolationLevel: number,
): Promise<Map<string, bigint>> {
  const byLeader = new Map<number, Array<{topic: string; partition: number}>>()
  for (const p of partitions) byLeader.set(p.leader, [...(byLeader.get(p.leader) ?? []), p])
  const out = new Map<string, bigint>()
  await Promise.all(
    [...byLeader].map(async ([leader, parts]) => {
      const broker = await cluster.findBroker({nodeId: String(leader)})
      const topics = new Map<string, Array<{partition: number; timestamp: number}>>()
      for (const p of parts) topics.set(p.topic, [...(topics.get(p.topic) ?? []), {partition: p.partition, timestamp}])
      const result = await broker.listOffsets({replicaId: -1, isolationLevel, topics: [...topics].map(([topic, ps]) => ({topic, partitions: ps}))})
      for (const r of result.responses as Array<{topic: string; partitions: Array<{partition: number; offset: string}>}>) {
        for (const p of r.partitions) out.set(`${r.topic}:${p.partition}`, BigInt(p.offset))
      }
    }),
  )
  return out
}
