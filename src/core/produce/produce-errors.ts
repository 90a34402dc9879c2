import {errorFromCode} from '../kafkajs/adapter.js'

/**
 * What a Produce answer for one partition means to the sender, as the Java
 * producer reads it (Sender.canRetry, TransactionManager): written, worth
 * re-sending after a metadata refresh, a sequence problem, or final.
 */
export type Outcome = {kind: 'ok'} | {kind: 'retry' | 'sequence' | 'fatal'; error: Error}

const NONE = 0
const DUPLICATE_SEQUENCE_NUMBER = 46
const OUT_OF_ORDER_SEQUENCE_NUMBER = 45
const UNKNOWN_PRODUCER_ID = 59
/** Retriable in the Java client although kafkajs marks some otherwise (CORRUPT_MESSAGE, KAFKA_STORAGE_ERROR). */
const RETRIABLE = new Set([2, 3, 5, 6, 7, 13, 19, 20, 56, 74, 75])

export function classifyProduceError(code: number, brokerMessage: string | null): Outcome {
  // A duplicate means an earlier send of this very batch was written: success, as in Java.
  if (code === NONE || code === DUPLICATE_SEQUENCE_NUMBER) return {kind: 'ok'}
  const error = errorFromCode(code) as Error & {retriable?: boolean}
  if (brokerMessage) error.message = `${error.message} (broker: ${brokerMessage})`
  if (code === OUT_OF_ORDER_SEQUENCE_NUMBER || code === UNKNOWN_PRODUCER_ID) return {kind: 'sequence', error}
  if (RETRIABLE.has(code) || error.retriable) return {kind: 'retry', error}
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
