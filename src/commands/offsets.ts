import {Args, Flags} from '@oclif/core'
import {KafkaCommand} from '../cli/base-command.js'
import {renderTable} from '../output/table.js'
import {OFFSETS_HEAD, offsetRows} from '../output/views/offsets.js'
import {getOffsets, isTimed, matchTopicPartitions, parseTimeSpec, type PartitionOffset} from '../core/partitions/offsets.js'
import {parseTopicPartitionFilters, parseTopicPartitions, topicFilter} from '../core/partitions/topic-partitions.js'

export default class Offsets extends KafkaCommand<typeof Offsets> {
  static override summary = 'Offsets of topic partitions at a point in time (kafka-get-offsets).'
  static override description = `TOPIC:0,1 lists partitions and TOPIC:0-3 is an inclusive range (kfk's own spelling). kafka-get-offsets' flags
keep their meanings: --topic is a regular expression, --topic-partitions takes comma-separated patterns
TOPIC_REGEX[:P|:FROM-TO|:FROM-|:-TO] with TO excluded, and with no topic at all every topic is asked (internal ones too,
unless --exclude-internal-topics).`
  static override examples = [
    '<%= config.bin %> offsets orders',
    '<%= config.bin %> offsets orders:0,1 --time earliest',
    '<%= config.bin %> offsets orders --time max-timestamp --json',
    '<%= config.bin %> offsets orders --time 2024-05-01T12:00:00Z',
    "<%= config.bin %> offsets --topic-partitions 'orders.*:0-3' --time -2",
  ]
  static override strict = false
  static override args = {topic: Args.string({description: 'TOPIC, TOPIC:0,1 or TOPIC:0-3 (several allowed).'})}
  static override flags = {
    time: Flags.string({
      default: 'latest',
      helpValue: 'earliest|latest|max-timestamp|earliest-local|latest-tiered|earliest-pending-upload|-1..-6|MS|ISO-8601',
      description:
        'Which offset: the first, the next to be written, the record with the highest timestamp, the first on local disk, the last in tiered storage, the first not yet uploaded, or the first at/after a time.',
    }),
    'topic-partitions': Flags.string({
      multiple: true,
      helpValue: 'REGEX[:P|:FROM-TO|:FROM-|:-TO],...',
      description: 'kafka-get-offsets patterns: topic regex, partition P, or FROM-TO with TO excluded.',
      exclusive: ['topic', 'partitions'],
    }),
    topic: Flags.string({helpValue: 'REGEX', description: 'kafka-get-offsets spelling: the topics whose whole name matches.'}),
    partitions: Flags.string({helpValue: 'P,P', description: 'Only these partitions (of --topic, else of every topic).'}),
    'exclude-internal-topics': Flags.boolean({description: 'Leave internal topics out when topics are matched by pattern or not named.'}),
    'isolation-level': Flags.string({
      options: ['read_uncommitted', 'read_committed'],
      default: 'read_uncommitted',
      description: 'read_committed stops latest at the last stable offset.',
    }),
  }

  async run(): Promise<{offsets: PartitionOffset[]}> {
    const f = this.flags
    const time = parseTimeSpec(f.time)
    const named = this.positionals.map((t) => parseTopicPartitions(t, 'TOPIC'))
    const filters = [
      ...(f['topic-partitions'] ?? []).flatMap((t) => parseTopicPartitionFilters(t)),
      ...(f.topic !== undefined || f.partitions !== undefined ? [topicFilter(f.topic, f.partitions)] : []),
    ]
    const client = await this.client()
    // As kafka-get-offsets: no topic at all asks every topic.
    const matched =
      filters.length > 0 || named.length === 0
        ? await matchTopicPartitions(client, filters.length > 0 ? filters : [topicFilter(undefined)], {
            excludeInternal: f['exclude-internal-topics'],
          })
        : []
    const offsets = await getOffsets(client, [...named, ...matched], time, {readCommitted: f['isolation-level'] === 'read_committed'})
    this.out(renderTable(OFFSETS_HEAD(isTimed(time)), offsetRows(offsets, isTimed(time))))
    return {offsets}
  }
}
