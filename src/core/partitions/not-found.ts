import {KfkError} from '../../errors.js'

/** The one wording of "no such topic", with the one hint, for every command that names topics. */
export function topicsNotFound(topics: readonly string[]): KfkError {
  const many = topics.length > 1
  return new KfkError(`topic${many ? 's' : ''} ${topics.map((t) => `'${t}'`).join(', ')} do${many ? '' : 'es'} not exist`, {
    hint: 'List the topics with: kfk topics list (or create one with kfk topics create)',
  })
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
