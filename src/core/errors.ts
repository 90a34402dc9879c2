import {KfkError} from '../errors.js'

/**
 * Turns what kafkajs and Node's sockets throw into one plain sentence with a hint.
 * Callers that know more (a topic name, a group) map specific protocol errors
 * themselves and fall back to this.
 */
export interface ErrorContext {
  brokers: string[]
  isDefaultAddress: boolean
  timeoutMs: number
}

const SOCKET_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EPIPE: 'connection closed',
}

export function unreachable(ctx: ErrorContext, reason: string, cause?: unknown): KfkError {
  const hint = ctx.isDefaultAddress
    ? 'Is a broker running there? start one with: kfk cluster up'
    : 'Check the address (-b host:port) and that the brokers are up.'
  return new KfkError(`cannot reach Kafka at ${ctx.brokers.join(',')} (${reason})`, {hint, cause})
}

export function mapKafkaError(error: unknown, ctx: ErrorContext): KfkError {
  if (error instanceof KfkError) return error
  const chain = causes(error)
  for (const e of chain) {
    const code = (e as NodeJS.ErrnoException).code
    if (code && SOCKET_REASONS[code]) return unreachable(ctx, SOCKET_REASONS[code], error)
  }
  for (const e of chain) {
    const name = (e as Error).name
    const message = (e as Error).message ?? String(e)
    if (name === 'KafkaJSConnectionError' || name === 'KafkaJSConnectionClosedError') {
      const reason = /timeout/i.test(message) ? 'connection timed out' : /ECONNREFUSED/.test(message) ? 'connection refused' : message.replace(/^Connection error: /, '')
      return unreachable(ctx, reason, error)
    }
    if (name === 'KafkaJSBrokerNotFound' || name === 'KafkaJSLockTimeout') {
      return unreachable(ctx, 'no broker answered', error)
    }
    if (name === 'KafkaJSRequestTimeoutError') {
      return new KfkError(`Kafka did not answer in time (${message})`, {hint: 'Try a longer --timeout, or check the brokers with: kfk cluster describe', cause: error})
    }
    if (name === 'KafkaJSSASLAuthenticationError') {
      return new KfkError(`authentication failed: ${message}`, {hint: 'Check the user name, password and SASL mechanism.', cause: error})
    }
  }
  const first = chain[0] as Error
  const protocolType = (chain.find((e) => (e as {type?: string}).type) as {type?: string} | undefined)?.type
  const text = protocolType ? `${protocolType}: ${first?.message ?? String(error)}` : (first?.message ?? String(error))
  return new KfkError(`Kafka request failed: ${text}`, {cause: error})
}

/** The error and everything behind it (cause, originalError, errors of a retry). */
function causes(error: unknown): unknown[] {
  const out: unknown[] = []
  const queue = [error]
  while (queue.length > 0 && out.length < 20) {
    const e = queue.shift()
    if (!e || out.includes(e)) continue
    out.push(e)
    const obj = e as {cause?: unknown; originalError?: unknown; retriableError?: unknown; errors?: unknown[]}
    queue.push(obj.originalError, obj.cause, obj.retriableError, ...(Array.isArray(obj.errors) ? obj.errors : []))
  }
  return out
}

/** Rejects with `onTimeout()` when `promise` has not settled within `ms`. */
export async function withDeadline<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms)
    timer.unref()
  })
  try {
    return await Promise.race([promise, deadline])
  } finally {
    clearTimeout(timer)
  }
}
