import {Flags} from '@oclif/core'
import {KafkaCommand} from '../cli/base-command.js'
import {describeLogDirs, type BrokerLogDirs} from '../core/brokers/log-dirs.js'
import {usageError} from '../cli/errors.js'
import {commaList} from '../flags/shared.js'
import {renderTable} from '../output/table.js'
import {DIRS_HEAD, dirRows, REPLICAS_HEAD, replicaRows, sizeFormat, TOPICS_HEAD, topicRows} from '../output/views/log-dirs.js'

export default class LogDirs extends KafkaCommand<typeof LogDirs> {
  static override summary =
    "What fills the brokers' disks (kafka-log-dirs): each log dir's size and free space, topics and replicas biggest first."
  static override description =
    'Sizes are human on a terminal and exact bytes in a pipe and in --json (strings, as they are 64-bit). ' +
    'The offset lag of a replica is its log end offset minus the high watermark (for a future replica, a move between log dirs: how far it trails).'
  static override examples = [
    '<%= config.bin %> log-dirs',
    '<%= config.bin %> log-dirs --topic-list orders,payments --broker-list 1,2',
    '<%= config.bin %> log-dirs --json',
  ]
  static override flags = {
    'topic-list': Flags.string({helpValue: 'T1,T2', description: 'Only these topics (comma-separated; default all).'}),
    'broker-list': Flags.string({helpValue: 'ID,ID', description: 'Only these brokers (comma-separated ids; default all).'}),
    describe: Flags.boolean({hidden: true, description: "kafka-log-dirs' --describe: what kfk log-dirs always does."}),
  }

  async run(): Promise<{brokers: BrokerLogDirs[]}> {
    const topics = commaList(this.flags['topic-list'])
    const brokerIds = commaList(this.flags['broker-list'])?.map((b) => {
      if (!/^\d+$/.test(b)) throw usageError(`--broker-list: '${b}' is not a broker id`, 'For example: --broker-list 1,2,3')
      return Number(b)
    })
    const brokers = await describeLogDirs(await this.client(), {topics, brokers: brokerIds})
    const size = sizeFormat(Boolean(process.stdout.isTTY))
    this.out(renderTable(DIRS_HEAD, dirRows(brokers, size)))
    const topicTable = topicRows(brokers, size)
    if (topicTable.length > 0) {
      this.out('\n' + renderTable(TOPICS_HEAD, topicTable))
      this.out('\n' + renderTable(REPLICAS_HEAD, replicaRows(brokers, size)))
    }
    this.failIfAny({brokers}, brokers, {what: 'brokers', name: (b) => `broker ${b.broker}`, error: (b) => b.error})
    return {brokers}
  }
}
