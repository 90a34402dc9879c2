import {Flags} from '@oclif/core'

/** Shared flag builders, so every command spells them the same way. */
export const clusterNameFlag = Flags.string({
  char: 'n',
  default: 'local',
  description: 'Name of the local cluster (several can run side by side on different ports).',
})

export const waitFlag = Flags.integer({
  default: 180,
  min: 1,
  description: 'Seconds to wait for the brokers to answer before giving up.',
})

/** kafka-topics' `--topic NAME`, accepted beside the positional topic names (repeatable). */
export const topicNameFlag = Flags.string({
  char: 't',
  multiple: true,
  helpValue: 'NAME',
  description: 'Topic name (kafka-topics spelling; same as the positional argument).',
})

/** `--config k=v`, repeatable (kafka-topics spelling). */
export const topicConfigFlag = Flags.string({
  char: 'c',
  multiple: true,
  helpValue: 'key=value',
  description: 'A topic config, e.g. retention.ms=86400000 (repeatable).',
})
