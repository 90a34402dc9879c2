import type {PartitionOffset} from '../../core/partitions/offsets.js'
import type {DeleteRecordsResult} from '../../core/partitions/delete-records.js'
import {colors} from '../colors.js'

export const OFFSETS_HEAD = (timed: boolean) => ['topic', 'partition', 'offset', ...(timed ? ['timestamp'] : [])]

export function offsetRows(offsets: readonly PartitionOffset[], timed: boolean): Array<Array<string | number>> {
  return offsets.map((o) => [
    o.topic,
    o.partition,
    o.offset ?? '-',
    ...(timed ? [o.timestamp === null ? '-' : `${o.timestamp} (${new Date(o.timestamp).toISOString()})`] : []),
  ])
}

export const DELETE_RECORDS_HEAD = ['topic', 'partition', 'low watermark', 'error']

export function deleteRecordsRows(results: readonly DeleteRecordsResult[]): Array<Array<string | number>> {
  const c = colors()
  return results.map((r) => [r.topic, r.partition, r.lowWatermark ?? '-', r.error ? c.red(r.error) : ''])
}
