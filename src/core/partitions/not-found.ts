import {KfkError} from '../../cli/errors.js'
import {topicDenied} from '../errors.js'
import {isKafkaError} from '../protocol/kafka-errors.js'

class TopicNotFoundError extends KfkError {}

/** The one wording of "no such topic", with the one hint, for every command that names topics. */
export function topicsNotFound(topics: readonly string[]): KfkError {
  const many = topics.length > 1
  return new TopicNotFoundError(`topic${many ? 's' : ''} ${topics.map((t) => `'${t}'`).join(', ')} do${many ? '' : 'es'} not exist`, {
    hint: 'List the topics with: kfk topics list (or create one with kfk topics create)',
  })
}

export function isTopicNotFound(error: unknown): boolean {
  return error instanceof TopicNotFoundError
}

/** "partition 7 does not exist: topic 'orders' has 6 partitions (0-5)". */
export function partitionNotFound(topic: string, partition: number, count: number): KfkError {
  return new KfkError(
    `partition ${partition} does not exist: topic '${topic}' has ${count} partition${count === 1 ? '' : 's'} (0-${count - 1})`,
    {
      hint: `See: kfk topics describe ${topic}`,
    },
  )
}

/**
 * Metadata answers TOPIC_AUTHORIZATION_FAILED for a named topic the principal
 * may not Describe, whether it exists or not (Kafka hides which): say that,
 * never "does not exist".
 */
export function throwIfDenied(topics: ReadonlyArray<{name: string; errorCode: number}>): void {
  const denied = topics.find((t) => isKafkaError(t.errorCode, 'TOPIC_AUTHORIZATION_FAILED'))
  if (denied) throw topicDenied('Describe', denied.name)
}
