import {Args, Flags} from '@oclif/core'
import {confirmDestructive} from '../../cli/prompts.js'
import {KafkaCommand} from '../../cli/base-command.js'
import {usageError} from '../../cli/errors.js'
import {renderTable} from '../../output/table.js'
import {DELETE_RECORDS_HEAD, deleteRecordsRows} from '../../output/views/offsets.js'
import {
  deleteRecords,
  type DeleteRecordsRequest,
  type DeleteRecordsResult,
  readOffsetJsonFile,
} from '../../core/partitions/delete-records.js'
import {resolvePartitions} from '../../core/partitions/offsets.js'
import {tpKey} from '../../core/topic-partition.js'

export default class RecordsDelete extends KafkaCommand<typeof RecordsDelete> {
  static override summary = "Delete the records before an offset (kafka-delete-records); prints each partition's new low watermark."
  static override examples = [
    '<%= config.bin %> records delete orders --partition 0 --before-offset 100',
    '<%= config.bin %> records delete --offset-json-file offsets.json',
  ]
  static override args = {topic: Args.string({description: 'The topic (with --partition and --before-offset).'})}
  static override flags = {
    partition: Flags.integer({multiple: true, min: 0, description: 'Partition(s) to truncate (all partitions when omitted).'}),
    'before-offset': Flags.integer({
      min: -1,
      description: 'Delete records before this offset; -1 deletes everything up to the high watermark.',
    }),
    'offset-json-file': Flags.string({
      helpValue: 'FILE',
      description: 'kafka-delete-records format: {"partitions":[{"topic":"t","partition":0,"offset":10}],"version":1}',
    }),
    yes: Flags.boolean({char: 'y', description: 'Do not ask for confirmation (required without a terminal).'}),
  }

  async run(): Promise<{results: DeleteRecordsResult[]}> {
    const f = this.flags
    const client = await this.client()
    let requests: DeleteRecordsRequest[]
    if (f['offset-json-file']) {
      if (this.args.topic || f['before-offset'] !== undefined)
        throw usageError('give either --offset-json-file or TOPIC --before-offset N, not both')
      requests = await readOffsetJsonFile(f['offset-json-file'])
    } else {
      const topic = this.args.topic
      if (!topic || f['before-offset'] === undefined)
        throw usageError(
          'need TOPIC and --before-offset N (or --offset-json-file FILE)',
          'kfk records delete orders --partition 0 --before-offset 100',
        )
      let partitions = f.partition
      if (!partitions) {
        partitions = (await resolvePartitions(client, [{topic}])).map((p) => p.partition)
      }
      requests = partitions.map((partition) => ({topic, partition, offset: f['before-offset']!}))
    }
    const where = [...new Set(requests.map((r) => tpKey(r)))]
    await confirmDestructive(
      `delete the records before offset ${[...new Set(requests.map((r) => r.offset))].join('/')} of ${where.length <= 4 ? where.join(', ') : `${where.length} partitions`} (this cannot be undone)`,
      {yes: f.yes, json: this.jsonEnabled()},
    )
    const results = await deleteRecords(client, requests)
    this.out(renderTable(DELETE_RECORDS_HEAD, deleteRecordsRows(results)))
    this.failIfAny({results}, results, {
      what: 'partitions',
      name: (r) => tpKey(r),
      error: (r) => (r.ok ? null : r.error),
    })
    return {results}
  }
}
