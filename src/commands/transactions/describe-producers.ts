import {Flags} from '@oclif/core'
import {KafkaCommand} from '../../cli/base-command.js'
import {describeProducers, type ProducerState} from '../../core/transactions/transactions.js'
import {renderTable} from '../../output/table.js'
import {PRODUCERS_HEAD, producerRows} from '../../output/views/transactions.js'

export default class TransactionsDescribeProducers extends KafkaCommand<typeof TransactionsDescribeProducers> {
  static override summary =
    "The producers a partition knows, with the start offset of each one's open transaction (kafka-transactions describe-producers)."
  static override examples = ['<%= config.bin %> transactions describe-producers --topic orders --partition 0']
  static override flags = {
    topic: Flags.string({required: true, description: 'The topic.'}),
    partition: Flags.integer({required: true, min: 0, description: 'The partition.'}),
    'broker-id': Flags.integer({min: 0, description: "Ask this replica instead of the leader (a follower's view)."}),
  }

  async run(): Promise<{topic: string; partition: number; producers: ProducerState[]}> {
    const {topic, partition} = this.flags
    const producers = await describeProducers(await this.client(), topic, partition, this.flags['broker-id'])
    if (producers.length === 0) this.note(`no active producers on ${topic}-${partition}`)
    else this.out(renderTable(PRODUCERS_HEAD, producerRows(producers)))
    return {topic, partition, producers}
  }
}
