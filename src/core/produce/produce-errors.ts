import {errorFromCode} from '../kafkajs/load.js'
import {isKafkaError} from '../protocol/kafka-errors.js'

/**
 * What a Produce answer for one partition means to the sender, as the Java
 * producer reads it (Sender.canRetry, TransactionManager): written, worth
 * re-sending after a metadata refresh, a sequence problem, or final.
 */
export type Outcome = {kind: 'ok'} | {kind: 'retry' | 'sequence' | 'fatal'; error: Error}

/** What the Java client's Sender retries; kafkajs's own flag (error.retriable) adds others, e.g. REPLICA_NOT_AVAILABLE. */
const RETRIABLE = [
  'CORRUPT_MESSAGE',
  'UNKNOWN_TOPIC_OR_PARTITION',
  'LEADER_NOT_AVAILABLE',
  'NOT_LEADER_OR_FOLLOWER',
  'REQUEST_TIMED_OUT',
  'NETWORK_EXCEPTION',
  'NOT_ENOUGH_REPLICAS',
  'NOT_ENOUGH_REPLICAS_AFTER_APPEND',
  'KAFKA_STORAGE_ERROR',
  'FENCED_LEADER_EPOCH',
  'UNKNOWN_LEADER_EPOCH',
] as const

export function classifyProduceError(code: number, brokerMessage: string | null): Outcome {
  // A duplicate means an earlier send of this very batch was written: success, as in Java.
  if (code === 0 || isKafkaError(code, 'DUPLICATE_SEQUENCE_NUMBER')) return {kind: 'ok'}
  const error = errorFromCode(code) as Error & {retriable?: boolean}
  if (brokerMessage) error.message = `${error.message} (broker: ${brokerMessage})`
  if (isKafkaError(code, 'OUT_OF_ORDER_SEQUENCE_NUMBER', 'UNKNOWN_PRODUCER_ID')) return {kind: 'sequence', error}
  if (isKafkaError(code, ...RETRIABLE) || error.retriable) return {kind: 'retry', error}
  return {kind: 'fatal', error}
}

/**
 * Whether a request that failed on the client side may still have been
 * written: it was on the wire when the answer timed out or the connection
 * closed. ("Not connected" fails before anything is written.)
 */
export function isAnswerLost(error: Error): boolean {
  return !/^Not connected/.test(error.message)
}
