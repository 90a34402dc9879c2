import type {PartitionAccount} from './ledger.js'

/** What a produce run wrote and did not write. */
export interface ProduceSummary {
  topic: string
  /** Records the brokers acknowledged (with acks=0: records sent). */
  records: number
  bytes: number
  /** Records not acknowledged: notWritten + maybeWritten. */
  failed: number
  notWritten: number
  maybeWritten: number
  /** Input lines read (the last line number). */
  lines: number
  /** Lines with errors that ignore.error passed over (JSONL: skipped; text: sent whole as the value, as Java does). */
  ignoredLines: number
  /** Lines ignore.error skipped because their record was over the topic's max.message.bytes. */
  oversizedLines: number
  seconds: number
  stoppedBy: 'end' | 'interrupt' | 'error'
  partitions: PartitionAccount[]
}

/**
 * One line that says exactly what a failed or interrupted produce wrote and
 * did not write, per partition and by input line, so the user can re-send
 * only what is missing.
 */
export function describeFailure(s: ProduceSummary): string {
  const parts = [`${s.records} record${s.records === 1 ? '' : 's'} acknowledged`]
  if (s.notWritten > 0) parts.push(`${s.notWritten} not written`)
  if (s.maybeWritten > 0) parts.push(`${s.maybeWritten} unconfirmed (sent, answer lost: they may be on the topic)`)
  const detail: string[] = []
  for (const p of s.partitions) {
    const bits: string[] = []
    if (p.notWritten) bits.push(`not written: ${lines(p.notWritten)}`)
    if (p.maybeWritten) bits.push(`unconfirmed: ${lines(p.maybeWritten)}`)
    if (bits.length === 0) continue
    detail.push(`partition ${p.partition} ${bits.join(', ')}${p.error ? ` (${p.error})` : ''}`)
  }
  return `${parts.join(', ')}; input read to line ${s.lines}${detail.length > 0 ? '; ' + detail.join('; ') : ''}`
}

function lines(r: {records: number; firstLine: number; lastLine: number}): string {
  return r.firstLine === r.lastLine ? `line ${r.firstLine}` : `${r.records} of lines ${r.firstLine}-${r.lastLine}`
}
