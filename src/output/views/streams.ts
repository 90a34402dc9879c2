import type {StreamsResetPlan} from '../../core/groups/streams-reset.js'
import type {ItemResult} from '../../core/topics/changes.js'

/** streams reset's notes before its table: no group on the cluster, and each partition's own note (an offset clamped, say). */
export function resetPlanNotes(plan: StreamsResetPlan): string[] {
  return [
    ...(plan.group ? [] : [`no group '${plan.applicationId}' on this cluster (the application never committed)`]),
    ...plan.partitions.filter((r) => r.note).map((r) => `note: ${r.topic}:${r.partition}: ${r.note}`),
  ]
}

export const NO_INPUT_TOPICS = 'no input topics to reset (name them with --input-topics)'

/** The internal topics the reset deletes. */
export function internalTopicsNote(plan: StreamsResetPlan): string {
  return plan.internalTopics.length > 0
    ? `internal topics to delete: ${plan.internalTopics.join(', ')}`
    : `no internal topics of '${plan.applicationId}' to delete`
}

/** A dry run's warning when the application still runs: --execute would be refused. */
export function liveMembersWarning(plan: StreamsResetPlan): string | undefined {
  const members = plan.group?.members.length ?? 0
  if (members === 0) return undefined
  return `application '${plan.applicationId}' has ${members} live member(s); --execute is refused until it stops`
}

/** What --execute asks before it starts. */
export function resetQuestion(plan: StreamsResetPlan): string {
  return `reset ${plan.partitions.length} offset(s) and delete ${plan.internalTopics.length} internal topic(s) of '${plan.applicationId}'`
}

/** What --execute did: the offsets committed, the internal topics deleted. */
export function executedNote(plan: StreamsResetPlan, deleted: readonly ItemResult[]): string {
  return `committed ${plan.partitions.length} offset(s); deleted ${deleted.filter((d) => d.ok).length} internal topic(s)`
}

/** --execute's error when some internal topics were not deleted: each, with why. */
export function notDeletedMessage(failed: readonly ItemResult[]): string {
  return `${failed.length} internal topic(s) were not deleted: ${failed.map((d) => `${d.topic} (${d.error})`).join(', ')}`
}
