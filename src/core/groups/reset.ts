import type {GroupMember} from './model.js'
import {readFile} from 'node:fs/promises'
import {KfkError} from '../../cli/errors.js'
import type {KafkaClient} from '../kafkajs/client.js'
import {asGroupOperation} from '../errors.js'
import {describeGroups, memberNames} from './groups.js'
import {commitOffsets} from './offsets.js'
import {alterShareGroupOffsets} from '../protocol/alter-share-group-offsets.js'
import {parseCsv, parseDateTime, parseDuration, type PlanRow, type ResetSpec} from './reset-plan.js'

/** The scenario flags of kafka-consumer-groups --reset-offsets, by their names; exactly one is set. */
export interface ResetScenario {
  'to-earliest'?: boolean
  'to-latest'?: boolean
  'to-current'?: boolean
  'to-offset'?: number
  'shift-by'?: number
  'to-datetime'?: string
  'by-duration'?: string
  /** A CSV written by --export. */
  'from-file'?: string
}

/** The reset target the scenario names (reading the --from-file plan). */
export async function resetSpec(s: ResetScenario, groupId: string): Promise<ResetSpec> {
  if (s['to-earliest']) return {kind: 'earliest'}
  if (s['to-latest']) return {kind: 'latest'}
  if (s['to-current']) return {kind: 'current'}
  if (s['to-offset'] !== undefined) return {kind: 'offset', offset: s['to-offset']}
  if (s['shift-by'] !== undefined) return {kind: 'shift', by: s['shift-by']}
  if (s['to-datetime'] !== undefined) return {kind: 'timestamp', ms: parseDateTime(s['to-datetime'])}
  if (s['by-duration'] !== undefined) return {kind: 'timestamp', ms: Date.now() - parseDuration(s['by-duration'])}
  const file = s['from-file']!
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw new KfkError(`cannot read the reset plan '${file}': ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {
      hint: 'Give the path of a CSV written by --export.',
    })
  }
  return {kind: 'file', offsets: parseCsv(text, groupId, file)}
}

/** Offsets are only reset while a group has no members (as ConsumerGroupCommand requires): the error names them. */
export function activeMembersError(groupId: string, state: string, members: readonly GroupMember[]): KfkError {
  const names = memberNames(members)
  return new KfkError(
    `group '${groupId}' is ${state} with ${members.length} active member(s): ${names}; offsets can only be reset while it has none`,
    {
      hint: 'Stop its consumers, then run the reset again (a dry run works any time).',
    },
  )
}

/**
 * Commits a reset plan: refused while the group has members, checked again
 * after `confirm` (a consumer may have joined while the user was asked).
 */
export async function executeReset(
  client: KafkaClient,
  groupId: string,
  rows: readonly PlanRow[],
  confirm: () => Promise<void>,
  share = false,
): Promise<void> {
  for (const when of ['before', 'after'] as const) {
    if (when === 'after') await confirm()
    const [group] = await describeGroups(client, [groupId])
    if ((group?.members.length ?? 0) > 0) throw activeMembersError(groupId, group!.state, group!.members)
  }
  const cluster = await client.cluster()
  if (share) {
    await client.run('alter share group offsets', async () => {
      const coordinator = await cluster.findGroupCoordinator({groupId})
      const changes = rows.map((r) => ({topic: r.topic, partition: r.partition, startOffset: r.newOffset}))
      const result = await alterShareGroupOffsets(coordinator, groupId, changes)
      const failed = result.partitions.filter((p) => p.error)
      if (result.error) throw result.error
      if (failed.length > 0)
        throw new KfkError(
          `${failed.length} of ${rows.length} start offset(s) were not set: ${failed.map((p) => `${p.topic}:${p.partition} (${p.error!.message})`).join(', ')}`,
        )
    })
    return
  }
  await client.run('commit offsets', () =>
    asGroupOperation('Read', [groupId], () =>
      commitOffsets(
        cluster,
        groupId,
        rows.map((r) => ({topic: r.topic, partition: r.partition, offset: r.newOffset})),
      ),
    ),
  )
}
