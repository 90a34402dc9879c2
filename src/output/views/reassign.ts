import type {CancelResult, OngoingReassignment, PartitionProgress, PlannedMove, StartResult} from '../../core/partitions/reassign.js'
import {formatAssignmentJson, type PartitionAssignment} from '../../core/partitions/reassign-plan.js'
import {humanBytes} from '../bytes.js'
import {renderTable} from '../table.js'

export const MOVES_HEAD = ['topic', 'partition', 'replicas', 'target', 'adding', 'removing', 'to copy']

/** What moves where: one row a partition, with the bytes its new replicas copy (human on a terminal). */
export function moveRows(moves: readonly PlannedMove[], human: boolean): string[][] {
  return moves.map((m) => [
    m.topic,
    String(m.partition),
    m.from.join(','),
    m.to.join(','),
    m.adding.join(',') || '-',
    m.removing.join(',') || '-',
    m.adding.length === 0 ? '-' : bytes((BigInt(m.bytes) * BigInt(m.adding.length)).toString(), human),
  ])
}

const bytes = (b: string, human: boolean) => (human ? humanBytes(b) : b)

/** The plan's table, for a terminal (`tty`: boxed, human sizes) or plain columns. */
export function movesTable(moves: readonly PlannedMove[], tty: boolean): string {
  return renderTable(MOVES_HEAD, moveRows(moves, tty), {tty})
}

/** --replica-alter-log-dirs-throttle is taken (kafka-reassign-partitions' command lines run unchanged), with nothing to limit. */
export const LOG_DIRS_THROTTLE_UNUSED =
  '--replica-alter-log-dirs-throttle: this plan moves no replica between log dirs, so there is nothing for it to limit'

/** "3 partitions change replicas, 2.1 GiB to copy; 1 stays as it is." */
export function planSummary(moves: readonly PlannedMove[]): string {
  const moving = moves.filter((m) => m.adding.length > 0 || m.removing.length > 0 || m.from.join() !== m.to.join())
  const copy = moves.reduce((sum, m) => sum + BigInt(m.bytes) * BigInt(m.adding.length), 0n)
  const same = moves.length - moving.length
  return (
    `${moving.length} ${moving.length === 1 ? 'partition changes' : 'partitions change'} replicas, ${humanBytes(copy)} to copy` +
    (same === 0 ? '.' : same === 1 ? '; 1 stays as it is.' : `; ${same} stay as they are.`)
  )
}

/** kafka-reassign-partitions --verify's lines, with the bytes copied so far for moves still running. */
export function progressLines(partitions: readonly PartitionProgress[]): string[] {
  return partitions.map((p) => {
    const name = `${p.topic}-${p.partition}`
    if (p.state === 'completed') return `Reassignment of partition ${name} is completed.`
    if (p.state === 'in-progress')
      return p.totalBytes === undefined
        ? `Reassignment of partition ${name} is still in progress.`
        : `Reassignment of partition ${name} is still in progress (${humanBytes(p.copiedBytes ?? '0')} of ${humanBytes(p.totalBytes)} copied).`
    return `There is no active reassignment of partition ${name}, but replica set is ${p.replicas.join(',')} rather than ${p.target.join(',')}.`
  })
}

/** kafka-reassign-partitions --verify's stdout. */
export function statusText(partitions: readonly PartitionProgress[]): string {
  return ['Status of partition reassignment:', ...progressLines(partitions)].join('\n')
}

/** --verify --watch's live line: "2 of 3 partition(s) still moving: Reassignment of partition ..." */
export function movingLine(moving: readonly PartitionProgress[], of: number): string {
  return `${moving.length} of ${of} partition(s) still moving: ${progressLines(moving).join(' ')}`
}

/** --generate's stdout, as kafka-reassign-partitions prints it: the current assignment (for rollback), then the proposed one. */
export function generatedText(current: readonly PartitionAssignment[], proposed: readonly PartitionAssignment[]): string {
  return (
    `Current partition replica assignment\n${formatAssignmentJson(current)}\n\n` +
    `Proposed partition reassignment configuration\n${formatAssignmentJson(proposed)}`
  )
}

/** --execute's stdout after the start, as kafka-reassign-partitions prints it: the assignment to go back to. */
export function rollbackText(rollback: readonly PartitionAssignment[]): string {
  return `\nCurrent partition replica assignment\n\n${formatAssignmentJson(rollback)}\n\nSave this to use as the --reassignment-json-file option during rollback`
}

/** --execute's notes once the moves started: the throttle set (with --throttle), and the partitions whose move started. */
export function startNotes(started: readonly StartResult[], throttle: number | undefined, throttledBrokers: readonly number[]): string[] {
  const notes: string[] = []
  if (throttle !== undefined)
    notes.push(`The inter-broker throttle limit was set to ${throttle} B/s on brokers ${throttledBrokers.join(',')}`)
  const ok = started.filter((s) => !s.error).map((s) => `${s.topic}-${s.partition}`)
  if (ok.length > 0) notes.push(`Successfully started partition reassignment${ok.length === 1 ? '' : 's'} for ${ok.join(',')}`)
  return notes
}

/** Why --verify or --cancel leaves the throttles: `others` reassignments not of the plan still run. */
export function throttlesStayNote(others: number, action: 'verify' | 'cancel'): string {
  return action === 'verify'
    ? `${others} other reassignment(s) still run: the throttles stay until they are done too`
    : `${others} other reassignment(s) still run: the throttles stay until they are done (--verify clears them)`
}

/** kafka-reassign-partitions --list's lines. */
export function ongoingLines(ongoing: readonly OngoingReassignment[]): string[] {
  if (ongoing.length === 0) return ['No partition reassignments found.']
  return [
    'Current partition reassignments:',
    ...ongoing.map(
      (o) =>
        `${o.topic}-${o.partition}: replicas: ${o.replicas.join(',')}.` +
        (o.addingReplicas.length ? ` adding: ${o.addingReplicas.join(',')}.` : '') +
        (o.removingReplicas.length ? ` removing: ${o.removingReplicas.join(',')}.` : ''),
    ),
  ]
}

/** kafka-reassign-partitions --cancel's line. */
export function cancelLine(results: readonly CancelResult[]): string {
  const cancelled = results.filter((r) => r.outcome === 'cancelled').map((r) => `${r.topic}-${r.partition}`)
  if (cancelled.length === 0) return 'None of the specified partition reassignments are active.'
  return `Successfully cancelled partition reassignment${cancelled.length === 1 ? '' : 's'} for: ${cancelled.join(',')}`
}

/** kafka-reassign-partitions' lines when it removes the throttles. */
export function clearedLines(cleared: {brokers: number[]; topics: string[]}): string[] {
  return [
    `Clearing broker-level throttles on broker${cleared.brokers.length === 1 ? '' : 's'} ${cleared.brokers.join(',')}`,
    `Clearing topic-level throttles on topic${cleared.topics.length === 1 ? '' : 's'} ${cleared.topics.join(',')}`,
  ]
}
