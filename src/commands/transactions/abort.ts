import {Flags} from '@oclif/core'
import {KafkaCommand} from '../../cli/base-command.js'
import {abortTransaction, type AbortSpec} from '../../core/transactions/transactions.js'
import {usageError} from '../../cli/errors.js'
import {confirmDestructive} from '../../cli/prompts.js'

export default class TransactionsAbort extends KafkaCommand<typeof TransactionsAbort> {
  static override summary = 'Abort an open (hanging) transaction on a partition with an abort marker (kafka-transactions abort).'
  static override description =
    'Name it by the offset where it starts (see describe-producers or find-hanging), or, as for brokers before 3.0, by producer id, ' +
    'producer epoch and coordinator epoch. The records it wrote are then skipped by read_committed consumers. Needs ClusterAction.'
  static override examples = [
    '<%= config.bin %> transactions abort --topic orders --partition 0 --start-offset 4711',
    '<%= config.bin %> transactions abort --topic orders --partition 0 --producer-id 2002 --producer-epoch 0 --coordinator-epoch 0 --yes',
  ]
  static override flags = {
    topic: Flags.string({required: true, description: 'The topic.'}),
    partition: Flags.integer({required: true, min: 0, description: 'The partition.'}),
    'start-offset': Flags.string({
      helpValue: 'OFFSET',
      description: 'The first offset of the transaction to abort.',
      exclusive: ['producer-id'],
    }),
    'producer-id': Flags.string({
      helpValue: 'ID',
      description: 'The producer of the transaction (with --producer-epoch and --coordinator-epoch).',
    }),
    'producer-epoch': Flags.integer({min: 0, max: 32767, dependsOn: ['producer-id'], description: "The producer's epoch."}),
    'coordinator-epoch': Flags.integer({dependsOn: ['producer-id'], description: "The coordinator's epoch (negative: 0)."}),
    yes: Flags.boolean({char: 'y', description: 'Do not ask for confirmation on a terminal.'}),
  }

  async run(): Promise<AbortSpec> {
    const {topic, partition} = this.flags
    const offset = this.flags['start-offset']
    const pid = this.flags['producer-id']
    if (offset === undefined && pid === undefined)
      throw usageError(
        'name the transaction to abort',
        'Give --start-offset (brokers 3.0+), or --producer-id, --producer-epoch and --coordinator-epoch.',
      )
    const integer = (flag: string, v: string) => {
      if (!/^\d+$/.test(v)) throw usageError(`--${flag} '${v}' is not a non-negative integer`)
      return BigInt(v)
    }
    let target: Parameters<typeof abortTransaction>[1]
    if (offset !== undefined) target = {topic, partition, startOffset: integer('start-offset', offset)}
    else {
      if (this.flags['producer-epoch'] === undefined) throw usageError('--producer-id needs --producer-epoch')
      if (this.flags['coordinator-epoch'] === undefined) throw usageError('--producer-id needs --coordinator-epoch')
      target = {
        topic,
        partition,
        producerId: integer('producer-id', pid!),
        producerEpoch: this.flags['producer-epoch'],
        coordinatorEpoch: this.flags['coordinator-epoch'],
      }
    }
    const what =
      'startOffset' in target
        ? `the transaction starting at offset ${offset} on ${topic}-${partition}`
        : `producer ${pid}'s transaction on ${topic}-${partition}`
    await confirmDestructive(`abort ${what} (its records become invisible to read_committed consumers)`, {
      yes: this.flags.yes,
      json: this.jsonEnabled(),
    })
    const spec = await abortTransaction(await this.client(), target)
    this.note(`aborted producer ${spec.producerId} (epoch ${spec.producerEpoch})'s transaction on ${spec.topic}-${spec.partition}`)
    return spec
  }
}
