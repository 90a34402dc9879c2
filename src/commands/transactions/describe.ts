import {Flags} from '@oclif/core'
import {KafkaCommand} from '../../cli/base-command.js'
import {describeTransaction, type TransactionDescription} from '../../core/transactions/transactions.js'
import {renderTable} from '../../output/table.js'
import {DESCRIBE_HEAD, describeRows} from '../../output/views/transactions.js'

export default class TransactionsDescribe extends KafkaCommand<typeof TransactionsDescribe> {
  static override summary =
    "A transactional id's state on its coordinator: producer, epoch, timeout, start and partitions (kafka-transactions describe)."
  static override examples = ['<%= config.bin %> transactions describe --transactional-id orders-writer']
  static override flags = {'transactional-id': Flags.string({required: true, description: 'The transactional id.'})}

  async run(): Promise<TransactionDescription> {
    const t = await describeTransaction(await this.client(), this.flags['transactional-id'])
    this.out(renderTable(DESCRIBE_HEAD, describeRows(t)))
    return t
  }
}
