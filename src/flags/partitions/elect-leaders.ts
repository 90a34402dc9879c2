import {Flags} from '@oclif/core'
import {readFile} from 'node:fs/promises'
import {usageError} from '../../cli/errors.js'
import {parseTopicPartitions, type TopicPartitions} from '../../core/partitions/topic-partitions.js'

/** kafka-leader-election's options: which election, and which partitions (exactly one way of naming them). */
export const electionFlags = {
  'election-type': Flags.string({
    options: ['preferred', 'unclean', 'PREFERRED', 'UNCLEAN'],
    default: 'preferred',
    description: 'preferred: back to the first replica of each partition; unclean: any live replica when no in-sync one is left.',
  }),
  topic: Flags.string({
    multiple: true,
    helpValue: 'TOPIC[:P,P]',
    description: 'A topic, or some of its partitions (repeatable): every partition unless named.',
    exclusive: ['all-topic-partitions', 'path-to-json-file'],
  }),
  partition: Flags.integer({
    multiple: true,
    min: 0,
    description: "A partition of the one --topic (kafka-leader-election's spelling; repeatable).",
    dependsOn: ['topic'],
  }),
  'all-topic-partitions': Flags.boolean({
    description: 'Every partition of every topic.',
    exclusive: ['topic', 'path-to-json-file'],
  }),
  'path-to-json-file': Flags.string({
    helpValue: 'FILE',
    description: 'The partitions as JSON: {"partitions": [{"topic": "t", "partition": 0}, ...]}.',
    exclusive: ['topic', 'all-topic-partitions'],
  }),
}

export type ElectionTarget = {all: true} | {partitions: TopicPartitions[]}

export async function electionTarget(f: {
  topic?: string[]
  partition?: number[]
  'all-topic-partitions'?: boolean
  'path-to-json-file'?: string
}): Promise<ElectionTarget> {
  if (f['all-topic-partitions']) return {all: true}
  if (f['path-to-json-file']) return {partitions: await readElectionFile(f['path-to-json-file'])}
  if (!f.topic?.length)
    throw usageError(
      'no partitions named',
      'Give --topic TOPIC[:P,P] (with --partition P), --all-topic-partitions or --path-to-json-file FILE.',
    )
  const topics = f.topic.map((t) => parseTopicPartitions(t))
  if (f.partition?.length) {
    if (topics.length !== 1 || topics[0]!.partitions)
      throw usageError('--partition goes with exactly one --topic TOPIC', 'Or write --topic TOPIC:0,1.')
    return {partitions: [{topic: topics[0]!.topic, partitions: [...new Set(f.partition)].sort((a, b) => a - b)}]}
  }
  return {partitions: topics}
}

/** kafka-leader-election's JSON file: {"partitions": [{"topic": ..., "partition": ...}]}, no partition twice. */
export function parseElectionJson(text: string, source: string): TopicPartitions[] {
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch (error) {
    throw usageError(`${source} is not JSON (${(error as Error).message})`)
  }
  const list = (doc as {partitions?: unknown})?.partitions
  if (!Array.isArray(list))
    throw usageError(`${source} has no "partitions" list`, 'Write {"partitions": [{"topic": "t", "partition": 0}]}.')
  const seen = new Set<string>()
  const byTopic = new Map<string, number[]>()
  for (const item of list as Array<{topic?: unknown; partition?: unknown}>) {
    if (typeof item?.topic !== 'string' || !Number.isInteger(item.partition) || (item.partition as number) < 0)
      throw usageError(`${source}: ${JSON.stringify(item)} is not {"topic": NAME, "partition": NUMBER}`)
    const key = `${item.topic}-${item.partition}`
    if (seen.has(key)) throw usageError(`${source} names partition ${key} twice`)
    seen.add(key)
    byTopic.set(item.topic, [...(byTopic.get(item.topic) ?? []), item.partition as number])
  }
  if (byTopic.size === 0) throw usageError(`${source} names no partition`)
  return [...byTopic].map(([topic, partitions]) => ({topic, partitions: partitions.sort((a, b) => a - b)}))
}

async function readElectionFile(path: string): Promise<TopicPartitions[]> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw usageError(`--path-to-json-file ${path} cannot be read (${error.code ?? error.message})`)
  })
  return parseElectionJson(text, path)
}
