import {Flags} from '@oclif/core'
import {KafkaCommand} from '../../cli/base-command.js'
import {renderTable} from '../../output/table.js'
import {TOPIC_LIST_HEAD, topicListRows} from '../../output/views/topics.js'
import {listTopics, type TopicSummary} from '../../core/topics/topics.js'

export default class TopicsList extends KafkaCommand<typeof TopicsList> {
  static override summary = 'List topics (kafka-topics --list); internal topics are hidden unless asked for.'
  static override examples = ['<%= config.bin %> topics list', "<%= config.bin %> topics list --pattern 'orders.*' --json"]
  static override flags = {
    'include-internal': Flags.boolean({description: 'Also list internal topics (__consumer_offsets ...).'}),
    'exclude-internal': Flags.boolean({hidden: true, description: 'kafka-topics spelling; the default.'}),
    pattern: Flags.string({
      helpValue: 'REGEX',
      aliases: ['topic'],
      description: 'Only topics whose whole name matches this regular expression (also --topic, as kafka-topics --list).',
    }),
    long: Flags.boolean({char: 'l', description: 'Show partitions and replication factor beside each name.'}),
  }

  async run(): Promise<{topics: TopicSummary[]}> {
    const topics = await listTopics(await this.client(), {includeInternal: this.flags['include-internal'], pattern: this.flags.pattern})
    if (this.flags.long) this.out(renderTable(TOPIC_LIST_HEAD, topicListRows(topics)))
    else if (topics.length > 0) this.out(topics.map((t) => t.name).join('\n'))
    return {topics}
  }
}
