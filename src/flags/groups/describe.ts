import {Flags} from '@oclif/core'

/** kfk groups describe: kafka-consumer-groups.sh --describe's spellings (--group, --all-groups, --offsets, --members, --state) and --watch. */
export const groupsDescribeFlags = {
  group: Flags.string({multiple: true, helpValue: 'GROUP', description: 'Group id (kafka-consumer-groups.sh spelling; repeatable).'}),
  'all-groups': Flags.boolean({description: 'Describe every consumer group.'}),
  offsets: Flags.boolean({
    exclusive: ['members', 'state'],
    description: 'Per partition: committed offset, log-end offset, lag, owner, time behind (default).',
  }),
  members: Flags.boolean({
    exclusive: ['offsets', 'state'],
    description: 'Members: id, host, client id, partition count (--verbose: assignments).',
  }),
  state: Flags.boolean({exclusive: ['offsets', 'members'], description: 'Coordinator, assignment strategy, state, member count.'}),
  watch: Flags.integer({
    min: 1,
    helpValue: '[SECONDS]',
    description:
      'Redraw every SECONDS (default 2) with the lag change since the last refresh, records/s consumed and produced, and when the lag reaches zero at those rates.',
  }),
  'only-with-lag': Flags.boolean({description: 'Only partitions with lag (and, with --all-groups, groups that have some).'}),
}
