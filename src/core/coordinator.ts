/**
 * The coordinator of a group or a transactional id, and the one way kfk talks
 * to it: found once, forgotten when it moved, is loading, or its connection
 * was lost, then found again and asked again with backoff (as Java's
 * AbstractCoordinator and admin client do).
 */
import type {BrokerConnection, RawBroker, RawCluster} from './kafkajs/types.js'
import {setTimeout as sleep} from 'node:timers/promises'
import {isKafkaError, type KafkaErrorName} from './protocol/kafka-errors.js'
import {isConnectionLost} from './errors.js'

/** Coordinator errors worth a fresh FindCoordinator and a retry: it moved, or is still loading. */
export const COORDINATOR_MOVED: readonly KafkaErrorName[] = ['COORDINATOR_LOAD_IN_PROGRESS', 'COORDINATOR_NOT_AVAILABLE', 'NOT_COORDINATOR']

/** FindCoordinator's key types. */
export const GROUP_COORDINATOR = 0
export const TRANSACTION_COORDINATOR = 1

/**
 * Tries against a coordinator that moved or is loading the group: about 25 s
 * with the backoff below. A coordinator killed mid-consume hands the group to
 * another broker, which answers COORDINATOR_LOAD_IN_PROGRESS while it reads
 * the offsets topic (seconds under load).
 */
export const COORDINATOR_ATTEMPTS = 30
export const coordinatorBackoff = (attempt: number) => sleep(Math.min(200 * (attempt + 1), 1000))

/** Errors after which the coordinator is found again and the request retried: the connection or the coordinator moved, or it is still loading. */
export function isCoordinatorRetriable(error: unknown): boolean {
  return isKafkaError(error, ...COORDINATOR_MOVED) || isConnectionLost(error)
}

export interface CoordinatorCallOptions<T> {
  /** Tries before the last error (or answer) stands; COORDINATOR_ATTEMPTS by default. */
  attempts?: number
  /** An answer that says the coordinator moved (APIs that answer with an error code instead of failing). */
  moved?: (answer: T) => boolean
  /** Thrown errors worth another try; isCoordinatorRetriable by default. */
  retriable?: (error: unknown) => boolean
}

export class Coordinator {
  private broker: RawBroker | undefined

  constructor(
    private readonly cluster: RawCluster,
    /** The group id, or the transactional id. */
    readonly key: string,
    private readonly keyType: number = GROUP_COORDINATOR,
  ) {}

  async find(): Promise<RawBroker> {
    this.broker ??= await this.cluster.findGroupCoordinator(
      this.keyType === GROUP_COORDINATOR ? {groupId: this.key} : {groupId: this.key, coordinatorType: this.keyType},
    )
    return this.broker
  }

  /** The coordinator last found, if any (leaving a group needs no fresh lookup). */
  get known(): RawBroker | undefined {
    return this.broker
  }

  forget(): void {
    this.broker = undefined
  }

  /** `request` against the coordinator, found again and retried with backoff while it moved, loads, or its connection was lost. */
  async call<T>(request: (coordinator: RawBroker) => Promise<T>, options: CoordinatorCallOptions<T> = {}): Promise<T> {
    const attempts = options.attempts ?? COORDINATOR_ATTEMPTS
    const retriable = options.retriable ?? isCoordinatorRetriable
    for (let attempt = 0; ; attempt++) {
      try {
        const answer = await request(await this.find())
        if (attempt >= attempts || !options.moved?.(answer)) return answer
      } catch (error) {
        if (attempt >= attempts || !retriable(error)) throw error
      }
      this.forget()
      await coordinatorBackoff(attempt)
    }
  }
}

/** Group ids by the node id of their coordinator, with that coordinator: one request per coordinator. */
export async function byCoordinator(
  cluster: RawCluster,
  groupIds: readonly string[],
): Promise<Map<number, {broker: RawBroker; ids: string[]}>> {
  const byNode = new Map<number, {broker: RawBroker; ids: string[]}>()
  for (const id of groupIds) {
    const broker = await cluster.findGroupCoordinator({groupId: id})
    const entry = byNode.get(Number(broker.nodeId)) ?? {broker, ids: []}
    entry.ids.push(id)
    byNode.set(Number(broker.nodeId), entry)
  }
  return byNode
}

/**
 * Sends a per-group request (ConsumerGroupDescribe, ShareGroupDescribe, ...)
 * to each group's coordinator, the groups of one coordinator together. Groups
 * answered with a coordinator error are re-resolved and retried a few times;
 * results follow `groupIds` order, `missing` fills a group no answer named.
 */
export async function askCoordinators<T extends {groupId: string; errorCode: number}>(
  cluster: RawCluster,
  groupIds: readonly string[],
  send: (broker: BrokerConnection, ids: string[]) => Promise<T[]>,
  missing: (groupId: string) => T,
): Promise<T[]> {
  const done = new Map<string, T>()
  let pending = [...new Set(groupIds)]
  for (let attempt = 1; pending.length > 0; attempt++) {
    const byNode = await byCoordinator(cluster, pending)
    const answers = await Promise.all([...byNode.values()].map(({broker, ids}) => send(broker, ids)))
    for (const group of answers.flat()) done.set(group.groupId, group)
    pending = pending.filter((id) => {
      const group = done.get(id)
      return !group || (isKafkaError(group.errorCode, ...COORDINATOR_MOVED) && attempt < 5)
    })
    if (pending.length > 0) {
      if (attempt >= 5) break
      await sleep(100 * attempt)
    }
  }
  return groupIds.map((id) => done.get(id) ?? missing(id))
}
