import {usageError} from '../../errors.js'

/** A topic and, optionally, some of its partitions: what `--topic` and `--topic-partitions` name. */
export interface TopicPartitions {
  topic: string
  /** Undefined: every partition of the topic. Sorted, without repeats. */
  partitions?: number[]
}

/**
 * The one parser of topic:partition arguments: `topic`, `topic:0,2` (kafka-consumer-groups
 * --topic) or `topic:0-3` (kafka-get-offsets --topic-partitions ranges). Topic names cannot
 * hold ':', so the first one splits. `flag` names the option in errors.
 */
export function parseTopicPartitions(text: string, flag = '--topic'): TopicPartitions {
  const colon = text.indexOf(':')
  const topic = colon < 0 ? text : text.slice(0, colon)
  if (topic.trim() === '') throw usageError(`missing topic name in ${flag} '${text}'`, `Write ${flag} TOPIC, TOPIC:0,1 or TOPIC:0-3.`)
  if (colon < 0) return {topic}
  const partitions = new Set<number>()
  for (const part of text.slice(colon + 1).split(',')) {
    const range = /^(\d+)-(\d+)$/.exec(part.trim())
    if (range) {
      const [from, to] = [Number(range[1]), Number(range[2])]
      if (from > to)
        throw usageError(`partition range '${part}' in ${flag} '${text}' runs backwards`, `Write it low to high: ${to}-${from}.`)
      for (let p = from; p <= to; p++) partitions.add(p)
    } else if (/^\d+$/.test(part.trim())) partitions.add(Number(part))
    else
      throw usageError(`'${part}' in ${flag} '${text}' is not a partition number or range`, `Write ${flag} TOPIC, TOPIC:0,1 or TOPIC:0-3.`)
  }
  return {topic, partitions: [...partitions].sort((a, b) => a - b)}
}

/** Partitions grouped per topic (in first-seen order), each topic's partitions sorted without repeats: how requests list them. */
export function groupByTopic(partitions: ReadonlyArray<{topic: string; partition: number}>): Array<{topic: string; partitions: number[]}> {
  const byTopic = new Map<string, number[]>()
  for (const p of partitions) byTopic.set(p.topic, [...(byTopic.get(p.topic) ?? []), p.partition])
  return [...byTopic].map(([topic, partitions]) => ({topic, partitions: [...new Set(partitions)].sort((a, b) => a - b)}))
}
