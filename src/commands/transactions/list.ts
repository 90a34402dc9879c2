import {Flags} from '@oclif/core'
import {KafkaCommand} from '../../cli/base-command.js'
import {listTransactions, type TransactionListing} from '../../core/transactions/transactions.js'
import {renderTable} from '../../output/table.js'
import {LIST_HEAD, listRows} from '../../output/views/transactions.js'

export default class TransactionsList extends KafkaCommand<typeof TransactionsList> {
  static override summary = 'List the transactions every coordinator knows, with their state (kafka-transactions list).'
  static override examples = [
    '<%= config.bin %> transactions list',
    '<%= config.bin %> transactions list --duration-filter 600000 --state Ongoing',
    '<%= config.bin %> transactions list --transactional-id-pattern "orders-.*"',
  ]
  static override flags = {
    'duration-filter': Flags.integer({
      min: 0,
      helpValue: 'ms',
      description: 'Only transactions running longer than this (Kafka 3.8+ brokers).',
    }),
    'transactional-id-pattern': Flags.string({
      helpValue: 'REGEX',
      description: 'Only transactional ids matching this Java regex (Kafka 4.1+ brokers).',
    }),
    state: Flags.string({
      multiple: true,
      description: 'Only transactions in this state: Ongoing, PrepareCommit, CompleteAbort, ... (repeatable).',
    }),
  }

  async run(): Promise<{transactions: TransactionListing[]}> {
    const transactions = await listTransactions(await this.client(), {
      durationMs: this.flags['duration-filter'],
      transactionalIdPattern: this.flags['transactional-id-pattern'],
      states: this.flags.state,
    })
    if (transactions.length === 0) this.note('no transactions')
    else this.out(renderTable(LIST_HEAD, listRows(transactions)))
    return {transactions}
  }
}
