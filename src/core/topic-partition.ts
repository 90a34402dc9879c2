/**
 * A partition of a topic, and its one map key. Kafka topic names hold only
 * [a-zA-Z0-9._-], never ':', so "topic:partition" is unambiguous, and it reads
 * as kfk prints a partition.
 */
export interface TopicPartition {
  topic: string
  partition: number
}

export const tpKey = (tp: TopicPartition): string => `${tp.topic}:${tp.partition}`

export function parseTpKey(key: string): TopicPartition {
  const i = key.lastIndexOf(':')
  return {topic: key.slice(0, i), partition: Number(key.slice(i + 1))}
}

/** By topic name, then partition number. */
export function compareTp(a: TopicPartition, b: TopicPartition): number {
  return a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition
}
