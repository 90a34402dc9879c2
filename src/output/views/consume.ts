import type {ConsumeSummary} from '../../core/consume/consume.js'
import type {CountSummary} from '../../core/consume/count.js'
import {throughput} from '../progress.js'
import {renderTable} from '../table.js'

/** consume's notes at the end: the throughput (`rate`: with --stats or on a terminal), and what --grep skipped. */
export function consumedNotes(summary: ConsumeSummary, end: {bytes: number; seconds: number; rate: boolean; filtered: boolean}): string[] {
  return [
    ...(end.rate ? [`consumed ${throughput(summary.count, end.bytes, end.seconds)}`] : []),
    ...(end.filtered ? [`${summary.skipped} record(s) did not match and were skipped`] : []),
  ]
}

export const COUNT_HEAD = ['topic', 'partition', 'records', 'from', 'to']

/** consume --count: one row a partition, the records (or matches) of its range. */
export function countRows(result: CountSummary): Array<Array<number | string | null | undefined>> {
  return result.partitions.map((p) => [p.topic, p.partition, p.records, p.start, p.end])
}

/** consume --count --grep's note. */
export function unmatchedNote(result: CountSummary): string {
  return `${result.skipped} record(s) did not match`
}

/** consume --count's stdout: the table, then the total, each written as a line. */
export function countLines(result: CountSummary): string[] {
  return [renderTable(COUNT_HEAD, countRows(result)), `total ${result.count}`]
}
