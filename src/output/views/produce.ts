import {describeFailure, type ProduceSummary} from '../../core/produce/report.js'
import {throughput} from '../progress.js'

/** The live line while records go out. */
export function progressText(s: {records: number; bytes: number}): string {
  return `${s.records} records, ${(s.bytes / 1e6).toFixed(1)} MB`
}

/** The end line: what reached `topic`, and how fast. */
export function producedNote(summary: ProduceSummary, topic: string): string {
  return `produced ${throughput(summary.records, summary.bytes, summary.seconds)} to ${topic}`
}

/** ignore.error's warning: lines whose record was over the topic's max.message.bytes, not sent. */
export function oversizedWarning(summary: ProduceSummary): string | undefined {
  if (summary.oversizedLines === 0) return undefined
  return `ignore.error: ${summary.oversizedLines} line(s) over the topic's max.message.bytes were skipped (not sent)`
}

/**
 * The notes after the run: lines ignore.error passed over (`input`: how they were read), and after Ctrl-C
 * what was not acknowledged, per partition, or else the line to go on from.
 */
export function endNotes(summary: ProduceSummary, input: 'text' | 'jsonl'): string[] {
  const notes: string[] = []
  if (summary.ignoredLines > 0)
    notes.push(
      `ignore.error: ${summary.ignoredLines} line(s) did not parse (${input === 'jsonl' ? 'skipped' : 'sent whole as the value, without a key or headers'})`,
    )
  if (summary.stoppedBy !== 'interrupt') return notes
  if (summary.failed > 0) notes.push(`interrupted: ${describeFailure(summary)}`)
  else
    notes.push(
      `interrupted after input line ${summary.lines}: every line read was acknowledged; to go on, re-send from line ${summary.lines + 1}`,
    )
  return notes
}
