import {Flags} from '@oclif/core'
import {KafkaCommand} from '../../cli/base-command.js'
import {findHanging, type HangingTransaction} from '../../core/transactions/transactions.js'
import {renderTable} from '../../output/table.js'
import {HANGING_HEAD, hangingRows} from '../../output/views/transactions.js'

export default class TransactionsFindHanging extends KafkaCommand<typeof TransactionsFindHanging> {
  static override summary = 'Find transactions left open on partitions that no coordinator will end (kafka-transactions find-hanging).'
  static override description =
    'An open transaction older than --max-transaction-timeout is hanging when no coordinator knows its producer, or its ' +
    "coordinator's transaction leaves the partition out. It holds back every read_committed consumer of the partition; end it with kfk transactions abort."
  static override examples = [
    '<%= config.bin %> transactions find-hanging --broker-id 1',
    '<%= config.bin %> transactions find-hanging --topic orders --partition 0 --max-transaction-timeout 5',
  ]
  static override flags = {
    topic: Flags.string({description: 'Search the partitions of this topic.'}),
    partition: Flags.integer({min: 0, description: 'Only this partition of --topic.'}),
    'broker-id': Flags.integer({min: 0, description: 'Search every partition this broker replicates, asking it directly.'}),
    'max-transaction-timeout': Flags.integer({
      min: 0,
      default: 15,
      helpValue: 'MINUTES',
      description: 'The longest transaction timeout of your producers: younger transactions are not suspects.',
    }),
  }

  async run(): Promise<{hanging: HangingTransaction[]}> {
    const hanging = await findHanging(await this.client(), {
      topic: this.flags.topic,
      partition: this.flags.partition,
      brokerId: this.flags['broker-id'],
      maxTransactionTimeoutMinutes: this.flags['max-transaction-timeout'],
    })
    if (hanging.length === 0) this.note('no hanging transactions')
    else this.out(renderTable(HANGING_HEAD, hangingRows(hanging)))
    return {hanging}
  }
}
