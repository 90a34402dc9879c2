import {usageError} from '../../cli/errors.js'

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

/**
 * One kafka-get-offsets filter: topics whose whole name matches `topic` (any
 * topic when absent) and the partitions `partition` accepts.
 */
export interface TopicPartitionFilter {
  topic?: RegExp
  partition: (p: number) => boolean
  /** As typed, for messages. */
  text: string
}

/**
 * kafka-get-offsets --topic-partitions, with its meanings: comma-separated
 * patterns `TOPIC_REGEX[:P | :FROM-TO | :FROM- | :-TO]`, TO exclusive, the
 * topic part a regex matched against the whole name (empty: every topic).
 */
export function parseTopicPartitionFilters(text: string, flag = '--topic-partitions'): TopicPartitionFilter[] {
  return text.split(',').map((entry) => {
    const m = /^([^:,]*)(?::(?:(\d*)|(?:(\d*)-(\d*))))?$/.exec(entry)
    if (!m)
      throw usageError(
        `'${entry}' in ${flag} '${text}' is not TOPIC, TOPIC:P, TOPIC:FROM-TO, TOPIC:FROM- or TOPIC:-TO`,
        'As kafka-get-offsets: --topic-partitions orders:0-3 (partitions 0, 1 and 2; TO is excluded).',
      )
    const [, topic, exact, from, to] = m
    const lower = from ? Number(from) : 0
    const upper = to ? Number(to) : Infinity
    const partition = exact ? (p: number) => p === Number(exact) : (p: number) => p >= lower && p < upper
    return {topic: topic ? topicRegex(topic, flag) : undefined, partition, text: entry}
  })
}

/** kafka-get-offsets --topic REGEX [--partitions P,P]; no topic: every topic. */
export function topicFilter(topic: string | undefined, partitions?: string): TopicPartitionFilter {
  let accepted: Set<number> | undefined
  if (partitions !== undefined) {
    const ids = partitions.split(',').map((p) => p.trim())
    const bad = ids.find((p) => !/^\d+$/.test(p))
    if (bad !== undefined) throw usageError(`--partitions: '${bad}' is not a partition number`, 'For example: --partitions 0,1,2')
    accepted = new Set(ids.map(Number))
  }
  return {
    topic: topic === undefined ? undefined : topicRegex(topic, '--topic'),
    partition: (p) => accepted?.has(p) ?? true,
    text: topic ?? `partitions ${partitions ?? 'any'}`,
  }
}

/** A regular expression matched against whole topic names, as the Java tools match --topic and --include; a bad one names its flag. */
export function topicRegex(source: string, flag: string): RegExp {
  try {
    return new RegExp(`^(?:${source})$`)
  } catch (error) {
    throw usageError(`${flag} '${source}' is not a valid regular expression (${(error as Error).message})`)
  }
}
