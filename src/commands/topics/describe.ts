import {Args, Flags} from '@oclif/core'
import {KafkaCommand} from '../../cli/base-command.js'
import {KfkError} from '../../cli/errors.js'
import {topicNameFlag} from '../../flags/shared.js'
import {renderTable} from '../../output/table.js'
import {partitionHead, partitionRows, topicHeadline} from '../../output/views/topics.js'
import {describeTopics, expandTopicNames, type TopicDescription} from '../../core/topics/topics.js'

export default class TopicsDescribe extends KafkaCommand<typeof TopicsDescribe> {
  static override summary = 'Describe topics: id, partitions, replication, non-default configs, and per partition leader, replicas, ISR.'
  static override examples = [
    '<%= config.bin %> topics describe orders',
    '<%= config.bin %> topics describe --under-replicated-partitions',
    '<%= config.bin %> topics describe --pattern "orders.*" --json',
  ]
  static override strict = false
  static override args = {topic: Args.string({description: 'Topic names (all topics when none is given).'})}
  static override flags = {
    topic: topicNameFlag,
    pattern: Flags.string({helpValue: 'REGEX', description: 'Only topics whose whole name matches.'}),
    'include-internal': Flags.boolean({
      description: 'Include internal topics when describing all (the health filters include them unless --exclude-internal).',
      exclusive: ['exclude-internal'],
    }),
    'exclude-internal': Flags.boolean({description: 'Leave internal topics out, under the health filters too (kafka-topics).'}),
    'under-replicated-partitions': Flags.boolean({description: 'Only partitions whose ISR is smaller than the replica set.'}),
    'under-min-isr-partitions': Flags.boolean({description: 'Only partitions whose ISR is below min.insync.replicas.'}),
    'at-min-isr-partitions': Flags.boolean({description: 'Only partitions whose ISR equals min.insync.replicas.'}),
    'unavailable-partitions': Flags.boolean({description: 'Only partitions without a live leader.'}),
    'topics-with-overrides': Flags.boolean({description: 'Only topics with non-default configs (no partition lines).'}),
  }

  async run(): Promise<{topics: TopicDescription[]}> {
    const f = this.flags
    const client = await this.client()
    const names = await expandTopicNames(client, [...this.positionals, ...(f.topic ?? [])], f['include-internal'])
    const {topics, missing} = await describeTopics(client, names, {
      pattern: f.pattern,
      includeInternal: f['include-internal'],
      excludeInternal: f['exclude-internal'],
      underReplicated: f['under-replicated-partitions'],
      underMinIsr: f['under-min-isr-partitions'],
      atMinIsr: f['at-min-isr-partitions'],
      unavailable: f['unavailable-partitions'],
      withOverrides: f['topics-with-overrides'],
    })
    for (const t of topics) {
      this.out(topicHeadline(t))
      if (!f['topics-with-overrides']) this.out(renderTable(partitionHead(t), partitionRows(t)) + '\n')
    }
    if (missing.length > 0) {
      throw new KfkError(
        `topic${missing.length > 1 ? 's' : ''} ${missing.map((m) => `'${m}'`).join(', ')} do${missing.length > 1 ? '' : 'es'} not exist`,
        {hint: 'List the topics with: kfk topics list'},
      )
    }
    return {topics}
  }
}
