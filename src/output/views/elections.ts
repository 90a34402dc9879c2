import type {ElectionOutcome, ElectionType, UncleanRisk} from '../../core/partitions/elect-leaders.js'

export const ELECTION_HEAD = ['topic', 'partition', 'result']

export function electionRows(outcomes: readonly ElectionOutcome[], type: ElectionType): string[][] {
  return outcomes.map((o) => [
    o.topic,
    String(o.partition),
    o.outcome === 'elected' ? `elected (${type})` : o.outcome === 'already-leader' ? 'already leader' : `failed: ${o.error}`,
  ])
}

/** What an unclean election can lose, partition by partition, for the question before it. */
export function uncleanRiskLines(risks: readonly UncleanRisk[]): string[] {
  return risks.map(
    (r) =>
      `${r.topic}-${r.partition}: no leader; would elect one of ${r.candidates.length ? r.candidates.join(', ') : '(no live replica)'}` +
      ` (out of sync), losing the acknowledged records only ${r.lastInSync.length ? `replica(s) ${r.lastInSync.join(', ')}` : 'the lost leader'} held`,
  )
}
