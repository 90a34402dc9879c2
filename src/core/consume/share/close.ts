/**
 * ShareAcknowledge for a share session: in the session (the acknowledgements
 * of partitions no longer fetched there, as Java sends them) or closing it
 * (epoch -1, the last acknowledgements; the broker releases what is still
 * acquired). The broker refuses acknowledgements without a session, so a
 * close after a reset first opens an empty one. Also how the acknowledgements
 * the broker accepted are counted (the `acknowledged` of the summary), and
 * the share errors' text.
 */
import type {RawBroker} from '../../kafkajs/types.js'
import {errorFromCode} from '../../kafkajs/load.js'
import {KfkError} from '../../../cli/errors.js'
import {withDeadline} from '../../errors.js'
import {isKafkaError, kafkaErrorName} from '../../protocol/kafka-errors.js'
import {shareAcknowledge} from '../../protocol/share-acknowledge.js'
import {ACK, shareFetch} from '../../protocol/share-fetch.js'
import {countByType, type SentAcks} from './session.js'

export interface AckCounts {
  accept: number
  release: number
  reject: number
}

/** The broker dropped the session (SHARE_SESSION_NOT_FOUND, INVALID_SHARE_SESSION_EPOCH) or does not know the member yet. */
export class SessionGone extends Error {
  constructor(readonly code: number) {
    super(`share session reset (error ${code})`)
  }
}

export const SESSION_GONE = ['SHARE_SESSION_NOT_FOUND', 'INVALID_SHARE_SESSION_EPOCH'] as const

export interface AcknowledgeAnswer {
  /** Partition key -> why its acknowledgements failed. */
  failedKeys: Map<string, string>
  sessionGone: boolean
  errorCode: number
}

export async function closeSession(
  broker: RawBroker | undefined,
  groupId: string,
  memberId: string,
  epoch: number,
  acks: SentAcks,
  close: {deadlineMs: number; open: boolean} = {deadlineMs: 5000, open: false},
): Promise<AcknowledgeAnswer> {
  const none: AcknowledgeAnswer = {failedKeys: new Map(), sessionGone: false, errorCode: 0}
  if (close.open && acks.size === 0) return none // no session, nothing to send
  if (!broker) throw new Error('no connection to the broker')
  const send = async () => {
    if (close.open)
      await shareFetch(broker, {
        groupId,
        memberId,
        sessionEpoch: 0,
        maxWaitMs: 0,
        minBytes: 1,
        maxBytes: 1,
        maxRecords: 1,
        batchSize: 1,
        recordLimit: false,
        partitions: [],
        forgotten: [],
      })
    return shareAcknowledge(broker, {
      groupId,
      memberId,
      sessionEpoch: epoch,
      partitions: [...acks.values()].map(({part, batches}) => ({
        topicId: part.topicId,
        partition: part.partition,
        acknowledgements: batches,
      })),
    })
  }
  const answer = await withDeadline(send(), close.deadlineMs, () => new Error(`no answer within ${close.deadlineMs} ms`))
  const failedKeys = new Map<string, string>()
  if (answer.errorCode !== 0) {
    const why = shareError('ShareAcknowledge', answer.errorCode, answer.errorMessage).message
    for (const key of acks.keys()) failedKeys.set(key, why)
  }
  const keyOf = new Map([...acks].map(([key, {part}]) => [`${part.topicId}:${part.partition}`, key]))
  for (const p of answer.partitions) {
    const key = keyOf.get(`${p.topicId}:${p.partition}`)
    if (key && p.errorCode !== 0) failedKeys.set(key, shareError('ShareAcknowledge', p.errorCode, p.errorMessage).message)
  }
  return {failedKeys, sessionGone: isKafkaError(answer.errorCode, ...SESSION_GONE), errorCode: answer.errorCode}
}

/** Adds the acknowledgements of the partitions that did not fail to `counts` (gaps are not records: not counted). */
export function countAccepted(counts: AckCounts, acks: SentAcks, failed: ReadonlyMap<string, string>): void {
  for (const [key, {batches}] of acks) {
    if (failed.has(key)) continue
    const byType = countByType(batches)
    counts.accept += byType.get(ACK.accept) ?? 0
    counts.release += byType.get(ACK.release) ?? 0
    counts.reject += byType.get(ACK.reject) ?? 0
  }
}

/** Share-group errors by name, two with what they mean here; other errors as errorFromCode words them. */
function shareErrorText(code: number): string {
  const name = kafkaErrorName(code)
  if (isKafkaError(code, 'INVALID_RECORD_STATE'))
    return `${name}: the records were no longer acquired by this member (their lock had expired)`
  if (isKafkaError(code, 'SHARE_SESSION_LIMIT_REACHED'))
    return `${name}: the broker holds as many share sessions as it allows (group.share.max.share.sessions)`
  if (isKafkaError(code, ...SESSION_GONE, 'FENCED_STATE_EPOCH')) return name
  return errorFromCode(code).message
}

export function shareError(what: string, code: number, message: string | null): Error {
  const text = shareErrorText(code)
  return new KfkError(`${what} failed: ${text}${message ? ` (${message})` : ''}`)
}
