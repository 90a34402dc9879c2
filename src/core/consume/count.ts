import type {KafkaClient} from '../kafkajs/client.js'
import {consume, type ConsumedPartition, type ConsumeOptions, type ConsumeSummary} from './consume.js'
import {tpKey} from '../topic-partition.js'

/**
 * `kfk consume --count`: reads the range as consume does and counts the
 * records (the matches, with a filter) of each partition instead of handing
 * them on. Read, not subtracted from offsets: exact on compacted topics and
 * across transaction markers.
 */
export interface CountSummary extends ConsumeSummary {
  partitions: Array<ConsumedPartition & {records: number}>
}

export async function countRecords(client: KafkaClient, options: ConsumeOptions): Promise<CountSummary> {
  const tally = new Map<string, number>()
  const summary = await consume(client, options, (records) => {
    for (const r of records) tally.set(tpKey(r), (tally.get(tpKey(r)) ?? 0) + 1)
  })
  return {...summary, partitions: summary.partitions.map((p) => ({...p, records: tally.get(tpKey(p)) ?? 0}))}
}
