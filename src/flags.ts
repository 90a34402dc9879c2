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
