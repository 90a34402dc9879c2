/**
 * Following a started reassignment (kafka-reassign-partitions --verify and
 * --cancel): checking again until no partition of the plan still moves, and
 * when the replication throttles go. The brokers' throttle rates serve every
 * move, not only the plan's: they stay while any reassignment runs.
 */
import {setTimeout as sleep} from 'node:timers/promises'
import {KfkError} from '../../cli/errors.js'
import type {KafkaClient} from '../kafkajs/client.js'
import {clearThrottles, listReassignments, type PartitionProgress} from './reassign.js'
import type {PartitionAssignment} from './reassign-plan.js'

/** The plan's partitions as --verify last saw them; `done`: none still moves. */
export interface Followed {
  partitions: PartitionProgress[]
  /** Reassignments in progress of partitions the plan does not name. */
  otherOngoing: number
  done: boolean
}

/**
 * --verify: checks once; with `watchSeconds` (--watch), while a partition is still moving, tells
 * `onMoving` which (of how many), waits that long and checks again. Returns the last check.
 */
export async function followReassignment(
  check: () => Promise<{partitions: PartitionProgress[]; otherOngoing: number}>,
  watchSeconds: number | undefined,
  onMoving: (moving: PartitionProgress[], of: number) => void,
): Promise<Followed> {
  let result = await check()
  while (watchSeconds && result.partitions.some((p) => p.state === 'in-progress')) {
    const moving = result.partitions.filter((p) => p.state === 'in-progress')
    onMoving(moving, result.partitions.length)
    await sleep(watchSeconds * 1000)
    result = await check()
  }
  return {...result, done: result.partitions.every((p) => p.state !== 'in-progress')}
}

/** --verify --watch's failure: partitions whose move ended with other replicas than the plan wants. */
export function endedOtherwise(partitions: readonly PartitionProgress[]): KfkError | undefined {
  if (!partitions.some((p) => p.state === 'differs')) return undefined
  return new KfkError('some partitions ended with other replicas than the plan wants (see above)', {
    hint: 'A cancelled or replaced reassignment leaves them so; run --execute again to move them.',
  })
}

/** Whether the throttles go: none of the plan's moves runs (`done`), no other does, and they are not kept (--preserve-throttles). */
export function throttlesGo(state: {done: boolean; otherOngoing: number}, preserve: boolean): boolean {
  return state.done && state.otherOngoing === 0 && !preserve
}

/** --verify: removes the throttles when they go (throttlesGo). Returns the brokers and topics cleared, else null. */
export async function releaseThrottles(
  client: KafkaClient,
  plan: readonly PartitionAssignment[],
  state: {done: boolean; otherOngoing: number},
  preserve: boolean,
): Promise<{brokers: number[]; topics: string[]} | null> {
  return throttlesGo(state, preserve) ? clearThrottles(client, plan) : null
}

/**
 * --cancel: the plan's moves stopped, the throttles go unless other reassignments
 * still run (or `preserve`). Returns how many others run, and what was cleared.
 */
export async function releaseAfterCancel(
  client: KafkaClient,
  plan: readonly PartitionAssignment[],
  preserve: boolean,
): Promise<{otherOngoing: number; cleared: {brokers: number[]; topics: string[]} | null}> {
  const ongoing = await listReassignments(client)
  const otherOngoing = ongoing.filter((o) => !plan.some((p) => p.topic === o.topic && p.partition === o.partition)).length
  return {otherOngoing, cleared: await releaseThrottles(client, plan, {done: true, otherOngoing}, preserve)}
}
