import {Args, Flags} from '@oclif/core'
import {KafkaCommand} from '../base-command.js'
import {usageError} from '../errors.js'
import {renderTable} from '../output/table.js'
import {OFFSETS_HEAD, offsetRows} from '../output/views/offsets.js'
import {getOffsets, parseTimeSpec, type PartitionOffset} from '../core/partitions/offsets.js'
import {parseTopicPartitions} from '../core/partitions/topic-partitions.js'

export default class Offsets extends KafkaCommand<typeof Offsets> {
  static override summary = 'Offsets of topic partitions at a point in time (kafka-get-offsets).'
  static override examples = [
    '<%= config.bin %> offsets orders',
    '<%= config.bin %> offsets orders:0,1 --time earliest',
    '<%= config.bin %> offsets orders --time max-timestamp --json',
    '<%= config.bin %> offsets orders --time 2024-05-01T12:00:00Z',
  ]
  static override strict = false
  static override args = {topic: Args.string({description: 'TOPIC, TOPIC:0,1 or TOPIC:0-3 (several allowed).'})}
  static override flags = {
    time: Flags.string({
      default: 'latest',
      helpValue: 'earliest|latest|max-timestamp|MS|ISO-8601',
      description: 'Which offset: the first, the next to be written, the record with the highest timestamp, or the first at/after a time.',
    }),
    'topic-partitions': Flags.string({
      multiple: true,
      helpValue: 'TOPIC[:P,P]',
      description: 'kafka-get-offsets spelling of the positional argument.',
    }),
    topic: Flags.string({helpValue: 'NAME', description: 'kafka-get-offsets spelling: the topic.'}),
    partitions: Flags.string({helpValue: 'P,P', description: 'With --topic: only these partitions.'}),
    'isolation-level': Flags.string({
      options: ['read_uncommitted', 'read_committed'],
      default: 'read_uncommitted',
      description: 'read_committed stops latest at the last stable offset.',
    }),
  }

  async run(): Promise<{offsets: PartitionOffset[]}> {
    const f = this.flags
    const texts = [...this.positionals, ...(f['topic-partitions'] ?? [])]
    if (f.topic) texts.push(f.partitions ? `${f.topic}:${f.partitions}` : f.topic)
    if (texts.length === 0) throw usageError('no topic given', 'kfk offsets TOPIC[:P,P] [--time earliest|latest|max-timestamp|MS]')
    const time = parseTimeSpec(f.time)
    const offsets = await getOffsets(
      await this.client(),
      texts.map((t) => parseTopicPartitions(t, '--topic-partitions')),
      time,
      {
        readCommitted: f['isolation-level'] === 'read_committed',
      },
    )
    this.out(
      renderTable(
        OFFSETS_HEAD(time.kind !== 'earliest' && time.kind !== 'latest'),
        offsetRows(offsets, time.kind !== 'earliest' && time.kind !== 'latest'),
      ),
    )
    return {offsets}
  }
}
