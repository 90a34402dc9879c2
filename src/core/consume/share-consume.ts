import {setTimeout as sleep} from 'node:timers/promises'
import type {KafkaClient} from '../client.js'
import {KfkError} from '../../errors.js'
import {groupDenied, mapKafkaError, topicDenied, TOPIC_AUTHORIZATION_FAILED, withDeadline} from '../errors.js'
import {errorFromCode, type RawBroker} from '../kafkajs/adapter.js'
import {resolveTopics} from '../partitions/partitions.js'
import {registerCodecs} from '../records/codecs.js'
import type {KRecord} from '../records/record.js'
import {ACK, shareFetch, supportsShareFetch, type ShareFetchResponse, type SharePartitionRequest} from '../protocol/share-fetch.js'
import {shareAcknowledge} from '../protocol/share-acknowledge.js'
import type {ConsumedPartition, ConsumeSummary} from './consume.js'
import type {FlushedSink} from './group-consume.js'
import {PendingAcks} from './share-acks.js'
import {decodeAcquired} from './share-decode.js'
import {ShareGroupsUnavailable, ShareMember} from './share-member.js'

/**
 * `kfk consume --share-group G` (kafka-console-share-consumer): a share group
 * member reading with acknowledgement. One loop per partition leader keeps a
 * share session (epoch 0 opens it, then +1 a request) and fetches what the
 * broker acquires for this member; each record written out is acknowledged
 * (--ack accept, release or reject) in the next ShareFetch. Records acquired
 * but not written out (past --max-messages, after Ctrl-C) are released, so
 * another member gets them at once. On stop each session is closed with a
 * ShareAcknowledge (epoch -1) carrying the last acknowledgements, and the
 * member leaves the group (heartbeat epoch -1).
 */
export type AckType = 'accept' | 'release' | 'reject'

export interface ShareConsumeOptions {
  topics: string[]
  pattern?: string
  group: string
  ack: AckType
  /** Reject the records of batches that fail to decode instead of stopping. */
  rejectOnError: boolean
  maxMessages?: number
  idleTimeoutMs?: number
  signal?: AbortSignal
  onNote?: (text: string) => void
}

export interface ShareConsumeSummary extends ConsumeSummary {
  /** Records acknowledged, by type (released includes those acquired but not written out). */
  acknowledged: Record<AckType, number>
}

interface Part {
  topic: string
  partition: number
  topicId: string
  key: string
}

const FETCH = {maxWaitMs: 500, minBytes: 1, maxBytes: 8 * 1024 * 1024, maxRecords: 500}
const SHARE_SESSION_NOT_FOUND = 122
const INVALID_SHARE_SESSION_EPOCH = 123
const UNKNOWN_MEMBER_ID = 25
const GROUP_AUTHORIZATION_FAILED = 30
/** Partition errors after which the leader is looked up again. */
const MOVED = new Set([3, 5, 6, 74, 75, 100]) // UNKNOWN_TOPIC_OR_PARTITION, LEADER_NOT_AVAILABLE, NOT_LEADER_OR_FOLLOWER, FENCED/UNKNOWN_LEADER_EPOCH, UNKNOWN_TOPIC_ID
const ACK_CODE: Record<AckType, number> = {accept: ACK.accept, release: ACK.release, reject: ACK.reject}

export async function consumeWithShareGroup(
  client: KafkaClient,
  options: ShareConsumeOptions,
  sink: FlushedSink,
): Promise<ShareConsumeSummary> {
  registerCodecs()
  const note = options.onNote ?? (() => {})
  const cluster = await client.cluster()
  const topics = await client.run('read topic metadata', () => resolveTopics(cluster, options.topics, options.pattern))
  const member = new ShareMember(cluster, options.group, topics)
  await client.run('join the share group', () =>
    member.join().catch((error) => {
      throw (error as {type?: string}).type === 'GROUP_AUTHORIZATION_FAILED' ? groupDenied('Read', options.group) : error
    }),
  )
  const acknowledged: Record<AckType, number> = {accept: 0, release: 0, reject: 0}
  const seen = new Set<string>()
  let count = 0
  /** Records promised to the output (count plus those being written), so concurrent loops never pass --max-messages. */
  let reserved = 0
  let stoppedBy: ConsumeSummary['stoppedBy'] = 'end'
  let stopping = false
  let failure: unknown
  let lastActivity = Date.now()
  const wakers = new Set<() => void>()
  const wakeAll = () => {
    for (const w of [...wakers]) w()
  }
  const stop = (why: ConsumeSummary['stoppedBy']) => {
    if (stopping) return
    stopping = true
    stoppedBy = why
    wakeAll()
  }
  member.onAssignment = wakeAll
  const leaders = new Map<string, number>()
  const leaderOf = (topic: string, partition: number) => {
    const k = `${topic}:${partition}`
    if (!leaders.has(k)) leaders.set(k, cluster.findTopicPartitionMetadata(topic).find((m) => m.partitionId === partition)?.leader ?? -1)
    return leaders.get(k)!
  }
  const assigned = (): Part[] =>
    [...member.assignment].flatMap(([topic, ps]) =>
      ps.map((partition) => ({topic, partition, topicId: member.topicIds.get(topic)!, key: `${topic}:${partition}`})),
    )
  const refreshLeaders = async () => {
    await cluster.refreshMetadata().catch(() => {})
    leaders.clear()
    startLoops()
  }

  /** One share session with one broker. */
  const brokerLoop = async (leader: number): Promise<void> => {
    let broker: RawBroker | undefined
    let epoch = 0
    const session = new Map<string, Part>()
    const pending = new Map<string, {part: Part; acks: PendingAcks}>()
    const ack = (part: Part, offsets: readonly number[], type: number) => {
      if (offsets.length === 0) return
      const entry = pending.get(part.key) ?? {part, acks: new PendingAcks()}
      for (const o of offsets) entry.acks.add(o, type)
      pending.set(part.key, entry)
    }
    const takeAcks = (): Map<string, {part: Part; request: SharePartitionRequest}> => {
      const out = new Map<string, {part: Part; request: SharePartitionRequest}>()
      for (const [k, {part, acks}] of pending)
        if (acks.size > 0) out.set(k, {part, request: {topicId: part.topicId, partition: part.partition, acknowledgements: acks.take()}})
      pending.clear()
      return out
    }
    try {
      while (!stopping) {
        const wanted = assigned().filter((p) => leaderOf(p.topic, p.partition) === leader)
        if (wanted.length === 0 && session.size === 0) {
          // Nothing of this broker's is assigned now; another assignment or the stop wakes the loop.
          await new Promise<void>((resolve) => {
            const w = () => (wakers.delete(w), resolve())
            wakers.add(w)
          })
          continue
        }
        broker ??= await cluster.findBroker({nodeId: String(leader)})
        if (!supportsShareFetch(broker)) throw new ShareGroupsUnavailable()
        const acks = takeAcks()
        const listed = new Map<string, SharePartitionRequest>()
        for (const p of wanted)
          if (epoch === 0 || !session.has(p.key)) listed.set(p.key, {topicId: p.topicId, partition: p.partition, acknowledgements: []})
        for (const [k, a] of acks) listed.set(k, a.request)
        const forgotten = [...session.values()].filter((p) => !wanted.some((w) => w.key === p.key) && !acks.has(p.key))
        const left =
          options.maxMessages === undefined ? FETCH.maxRecords : Math.max(1, Math.min(FETCH.maxRecords, options.maxMessages - reserved))
        const response: ShareFetchResponse = await shareFetch(broker, {
          groupId: options.group,
          memberId: member.memberId,
          sessionEpoch: epoch,
          ...FETCH,
          maxRecords: left,
          batchSize: left,
          // With --max-messages, acquire no more than can be shown (brokers with ShareFetch v2).
          recordLimit: options.maxMessages !== undefined,
          partitions: [...listed.values()],
          forgotten: epoch === 0 ? [] : forgotten.map((p) => ({topicId: p.topicId, partition: p.partition})),
        })
        if (
          response.errorCode === SHARE_SESSION_NOT_FOUND ||
          response.errorCode === INVALID_SHARE_SESSION_EPOCH ||
          response.errorCode === UNKNOWN_MEMBER_ID
        ) {
          // A new session (the old one's acknowledgements are lost: those records come back when their locks expire).
          if (acks.size > 0)
            note(`share session with broker ${leader} was reset; ${acks.size} partition(s) of acknowledgements were not sent`)
          epoch = 0
          session.clear()
          await sleep(response.errorCode === UNKNOWN_MEMBER_ID ? 500 : 0)
          continue
        }
        if (response.errorCode === GROUP_AUTHORIZATION_FAILED) throw groupDenied('Read', options.group)
        if (response.errorCode !== 0) throw shareError('ShareFetch', response.errorCode, response.errorMessage)
        epoch = epoch >= 0x7fffffff ? 1 : epoch + 1
        for (const p of wanted) session.set(p.key, p)
        for (const p of forgotten) session.delete(p.key)
        let moved = false
        const asked = new Map([...wanted, ...[...acks.values()].map((a) => a.part)].map((p) => [`${p.topicId}:${p.partition}`, p]))
        const batches: Array<{part: Part; records: KRecord[]}> = []
        for (const data of response.partitions) {
          const part = asked.get(`${data.topicId}:${data.partition}`)
          if (!part) continue
          if (data.acknowledgeErrorCode !== 0)
            note(
              `${part.key}: acknowledgements failed (${shareError('ShareFetch', data.acknowledgeErrorCode, data.acknowledgeErrorMessage).message})`,
            )
          if (data.errorCode === TOPIC_AUTHORIZATION_FAILED) throw topicDenied('Read', part.topic)
          if (MOVED.has(data.errorCode)) {
            moved = true
            continue
          }
          if (data.errorCode !== 0) throw shareError(`ShareFetch of ${part.key}`, data.errorCode, data.errorMessage)
          if (data.acquired.length === 0 || !data.records) continue
          let got
          try {
            got = await decodeAcquired(part.topic, part.partition, data.records, data.acquired, options.rejectOnError)
          } catch (error) {
            // Not written out: release them for the next reader, then fail.
            ack(
              part,
              data.acquired.flatMap((r) => Array.from({length: r.lastOffset - r.firstOffset + 1}, (_, i) => r.firstOffset + i)),
              ACK.release,
            )
            throw error
          }
          ack(part, got.gaps, ACK.gap)
          ack(part, got.unseen, ACK.release)
          ack(part, got.corrupt, ACK.reject)
          acknowledged.reject += got.corrupt.length
          acknowledged.release += got.unseen.length
          for (const reason of got.reasons) note(`rejected the acquired records of a corrupt batch: ${reason}`)
          if (got.delivered.length > 0) batches.push({part, records: got.delivered})
        }
        for (const {part, records} of batches) {
          const take = stopping ? 0 : Math.min(records.length, (options.maxMessages ?? Infinity) - reserved)
          reserved += take
          const shown = records.slice(0, take)
          const rest = records.slice(take).map((r) => Number(r.offset))
          ack(part, rest, ACK.release)
          acknowledged.release += rest.length
          if (shown.length === 0) continue
          lastActivity = Date.now()
          try {
            await sink(shown, true)
          } catch (error) {
            // Not (wholly) written: released, so no record is lost.
            ack(
              part,
              shown.map((r) => Number(r.offset)),
              ACK.release,
            )
            acknowledged.release += shown.length
            throw error
          }
          ack(
            part,
            shown.map((r) => Number(r.offset)),
            ACK_CODE[options.ack],
          )
          acknowledged[options.ack] += shown.length
          count += shown.length
          seen.add(part.key)
          if (options.maxMessages !== undefined && count >= options.maxMessages) stop('max-messages')
        }
        if (moved) {
          await sleep(100)
          await refreshLeaders()
        }
      }
    } finally {
      // Close the session with the last acknowledgements (epoch -1), even after a failure.
      const acks = takeAcks()
      if (broker && epoch > 0) {
        const closed = await shareAcknowledge(broker, {
          groupId: options.group,
          memberId: member.memberId,
          sessionEpoch: -1,
          partitions: [...acks.values()].map((a) => a.request),
        }).catch((error: unknown) => {
          note(`broker ${leader}: the last acknowledgements were not sent (${(error as Error).message})`)
          return undefined
        })
        for (const p of closed?.partitions ?? [])
          if (p.errorCode !== 0)
            note(
              `partition ${p.partition}: the last acknowledgements failed (${shareError('ShareAcknowledge', p.errorCode, p.errorMessage).message})`,
            )
        if (closed && closed.errorCode !== 0)
          note(
            `broker ${leader}: the last acknowledgements failed (${shareError('ShareAcknowledge', closed.errorCode, closed.errorMessage).message})`,
          )
      }
    }
  }

  const loops = new Map<number, Promise<void>>()
  function startLoops(): void {
    for (const p of assigned()) {
      const leader = leaderOf(p.topic, p.partition)
      if (leader < 0 || loops.has(leader)) continue
      const loop = brokerLoop(leader)
        .catch((error: unknown) => {
          failure ??= error
          stop('end')
        })
        .finally(() => loops.delete(leader))
      loops.set(leader, loop)
    }
  }
  const previous = member.onAssignment
  member.onAssignment = () => {
    previous()
    startLoops()
  }

  const onAbort = () => stop('interrupt')
  options.signal?.addEventListener('abort', onAbort)
  const idle = options.idleTimeoutMs
    ? setInterval(() => Date.now() - lastActivity >= options.idleTimeoutMs! && stop('timeout'), Math.min(100, options.idleTimeoutMs))
    : undefined
  if (options.maxMessages === 0) stop('max-messages')
  try {
    startLoops()
    // Loops come and go with the assignment: wait for the stop, then for every loop to close its session.
    while (!stopping)
      await new Promise<void>((resolve) => {
        const w = () => (wakers.delete(w), resolve())
        wakers.add(w)
      })
    while (loops.size > 0) await Promise.all([...loops.values()])
  } finally {
    if (idle) clearInterval(idle)
    options.signal?.removeEventListener('abort', onAbort)
    await withDeadline(member.leave(), 1500, () => new Error('leaving the share group timed out')).catch(() => {})
  }
  if (failure) throw mapKafkaError(failure, client.errorContext)
  const partitions: ConsumedPartition[] = [...seen].sort().map((k) => {
    const i = k.lastIndexOf(':')
    return {topic: k.slice(0, i), partition: Number(k.slice(i + 1)), start: null, next: null}
  })
  return {count, skipped: 0, stoppedBy, partitions, acknowledged}
}

const SHARE_ERRORS: Record<number, string> = {
  121: 'INVALID_RECORD_STATE: the records were no longer acquired by this member (their lock had expired)',
  122: 'SHARE_SESSION_NOT_FOUND',
  123: 'INVALID_SHARE_SESSION_EPOCH',
  124: 'FENCED_STATE_EPOCH',
  133: 'SHARE_SESSION_LIMIT_REACHED: the broker holds as many share sessions as it allows (group.share.max.share.sessions)',
}

function shareError(what: string, code: number, message: string | null): Error {
  const known = SHARE_ERRORS[code]
  const text = known ?? errorFromCode(code).message
  return new KfkError(`${what} failed: ${text}${message ? ` (${message})` : ''}`)
}
