import {EXIT, KfkError} from '../cli/errors.js'
import {isKafkaError} from './protocol/kafka-errors.js'

/**
 * No Kafka error: the connection was lost or timed out, or kafkajs found no
 * broker or coordinator to ask. Matched by kafkajs's error names and Node's
 * socket codes (such errors carry no Kafka code), on the error and on the one
 * it wraps.
 */
const CONNECTION_LOST =
  /KafkaJSConnection|KafkaJSRequestTimeout|KafkaJSBrokerNotFound|KafkaJSGroupCoordinatorNotFound|KafkaJSLockTimeout|ECONNREFUSED|ECONNRESET|EPIPE/

export function isConnectionLost(error: unknown): boolean {
  const e = error as {name?: string; message?: string; originalError?: unknown} | null | undefined
  return CONNECTION_LOST.test(`${e?.name ?? ''} ${e?.message ?? ''} ${e?.originalError ? String(e.originalError) : ''}`)
}

/**
 * Turns what kafkajs and Node's sockets throw into one plain sentence with a hint.
 * Callers that know more (a topic name, a group) map specific protocol errors
 * themselves and fall back to this.
 */
export interface ErrorContext {
  brokers: string[]
  isDefaultAddress: boolean
  timeoutMs: number
  /** The security protocol in use (absent: PLAINTEXT). */
  protocol?: string
  /** Who authenticates, for "authentication failed for user U with MECHANISM". */
  sasl?: {mechanism: string; username: string}
  /** Whether a client certificate is presented (the broker then names the principal after its subject). */
  clientCertificate?: boolean
}

/** The principal the brokers see this client as, as far as the client can tell. */
export function principalOf(ctx: ErrorContext): string {
  if (ctx.sasl?.username) return `User:${ctx.sasl.username}`
  if (ctx.sasl) return "the OAUTHBEARER token's principal"
  if (ctx.clientCertificate) return "the client certificate's principal (User:CN=...)"
  return 'User:ANONYMOUS'
}

/** Kafka's authorization errors, by the resource type each is about (AclEntry.authorizationError). */
const DENIED_RESOURCE: Record<string, {type: string; flag: string}> = {
  TOPIC_AUTHORIZATION_FAILED: {type: 'topic', flag: '--topic NAME'},
  GROUP_AUTHORIZATION_FAILED: {type: 'group', flag: '--group NAME'},
  CLUSTER_AUTHORIZATION_FAILED: {type: 'cluster', flag: '--cluster'},
  TRANSACTIONAL_ID_AUTHORIZATION_FAILED: {type: 'transactional id', flag: '--transactional-id ID'},
  DELEGATION_TOKEN_AUTHORIZATION_FAILED: {type: 'delegation token', flag: '--delegation-token ID'},
}

/**
 * One line for a denied operation: who was denied what on which resource, and
 * the ACL an admin would add. `operation` is kafka-acls.sh's name (Write, Read,
 * Describe, ...); `resource` is e.g. `topic "orders"` or `the cluster`.
 */
export function notAuthorized(
  ctx: ErrorContext,
  denied: {operation: string; resource: string; aclFlag: string; code: string; also?: string},
  cause?: unknown,
): KfkError {
  const principal = principalOf(ctx)
  const who = principal.startsWith('User:') ? principal : 'User:NAME'
  return new KfkError(`${principal} is not allowed to ${denied.operation} ${denied.resource} (${denied.code})`, {
    hint: `An admin can allow it: kfk acls add --allow-principal ${who} --operation ${denied.operation} ${denied.aclFlag}${denied.also ? `; ${denied.also}` : ''}`,
    cause,
  })
}

/**
 * Thrown by domain code that knows what was denied (the operation and the
 * resource) but not who asked; mapKafkaError adds the principal.
 */
export class DeniedError extends Error {
  constructor(
    readonly denied: {operation: string; resource: string; aclFlag: string; code: string; also?: string},
    options?: {cause?: unknown},
  ) {
    super(`${denied.code}: ${denied.operation} ${denied.resource}`, options)
  }
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
  const isTls = ctx.protocol === 'SSL' || ctx.protocol === 'SASL_SSL'
  if (!isTls && /closed connection|connection closed/i.test(reason)) {
    // A TLS listener drops a plaintext client's first request without a word.
    return new KfkError(
      `cannot talk to Kafka at ${ctx.brokers.join(',')}: the broker closed the connection (a TLS listener does that to a plaintext client)`,
      {
        hint: 'If this is a TLS port, add --security-protocol SSL (or SASL_SSL) and --tls-ca FILE.',
        cause,
      },
    )
  }
  const hint = ctx.isDefaultAddress
    ? 'Is a broker running there? start one with: kfk cluster up'
    : 'Check the address (-b host:port) and that the brokers are up.'
  return new KfkError(`cannot reach Kafka at ${ctx.brokers.join(',')} (${reason})`, {hint, cause})
}

const PRODUCER_ACLS = 'a producer needs Write and Describe on the topic (kfk acls add --producer)'
const CONSUMER_ACLS = 'a consumer needs Read and Describe on the topic, and Read on its group (kfk acls add --consumer)'

/** `operation` on a topic was denied (TOPIC_AUTHORIZATION_FAILED). */
export function topicDenied(operation: 'Read' | 'Write' | 'Describe', topic: string): DeniedError {
  return new DeniedError({
    operation,
    resource: `topic "${topic}"`,
    aclFlag: `--topic ${topic}`,
    code: 'TOPIC_AUTHORIZATION_FAILED',
    also: operation === 'Write' ? PRODUCER_ACLS : operation === 'Read' ? CONSUMER_ACLS : `${PRODUCER_ACLS}; ${CONSUMER_ACLS}`,
  })
}

/** `operation` on a group was denied (GROUP_AUTHORIZATION_FAILED). */
export function groupDenied(operation: 'Read' | 'Describe' | 'Delete', groups: string | readonly string[]): DeniedError {
  const ids = typeof groups === 'string' ? [groups] : groups
  return new DeniedError({
    operation,
    resource: `${ids.length === 1 ? 'group' : 'groups'} ${ids.map((g) => `"${g}"`).join(', ')}`,
    aclFlag: ids.map((g) => `--group ${g}`).join(' '),
    code: 'GROUP_AUTHORIZATION_FAILED',
    also: operation === 'Read' ? CONSUMER_ACLS : undefined,
  })
}

/** Runs `operation`; a GROUP_AUTHORIZATION_FAILED from it becomes groupDenied naming the groups. */
export async function asGroupOperation<T>(
  operation: 'Read' | 'Describe' | 'Delete',
  groupIds: readonly string[],
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run()
  } catch (error) {
    if (isKafkaError(error, 'GROUP_AUTHORIZATION_FAILED')) throw groupDenied(operation, groupIds)
    throw error
  }
}

export function mapKafkaError(error: unknown, ctx: ErrorContext): KfkError {
  if (error instanceof KfkError) return error
  if (error instanceof DeniedError) return notAuthorized(ctx, error.denied, error)
  const chain = causes(error)
  // kfk's own errors raised inside kafkajs (an OAUTHBEARER token source failing) keep their words.
  const own = chain.find((e) => e instanceof KfkError)
  if (own) return own as KfkError
  const tls = tlsFailure(chain, ctx, error)
  if (tls) return tls
  for (const e of chain) {
    const code = (e as NodeJS.ErrnoException).code
    if (code && SOCKET_REASONS[code]) return unreachable(ctx, SOCKET_REASONS[code], error)
  }
  for (const e of chain) {
    const name = (e as Error).name
    const message = (e as Error).message ?? String(e)
    if (name === 'KafkaJSConnectionError' || name === 'KafkaJSConnectionClosedError') {
      const reason = /timeout/i.test(message)
        ? 'connection timed out'
        : /ECONNREFUSED/.test(message)
          ? 'connection refused'
          : message.replace(/^Connection error: /, '')
      return unreachable(ctx, reason, error)
    }
    if (name === 'KafkaJSBrokerNotFound' || name === 'KafkaJSLockTimeout') {
      return unreachable(ctx, 'no broker answered', error)
    }
    if (name === 'KafkaJSRequestTimeoutError') {
      return new KfkError(`Kafka did not answer in time (${message})`, {
        hint: 'Try a longer --timeout, or check the brokers with: kfk cluster describe',
        cause: error,
      })
    }
    if (name === 'KafkaJSSASLAuthenticationError') {
      return authenticationFailed(ctx, message, error)
    }
  }
  const first = chain[0] as Error
  const protocolType = (chain.find((e) => (e as {type?: string}).type) as {type?: string} | undefined)?.type
  if (protocolType && DENIED_RESOURCE[protocolType]) {
    // Callers that know the operation and resource say so (notAuthorized); this is the fallback.
    const {type, flag} = DENIED_RESOURCE[protocolType]
    return new KfkError(`${principalOf(ctx)} is not authorized for this ${type} (${protocolType})`, {
      hint: `Ask an admin for an ACL (kfk acls add --allow-principal ... ${flag}); what applies now: kfk acls list --resource-pattern-type match ${flag}`,
      cause: error,
    })
  }
  const sasl = saslMismatch(protocolType, ctx, error)
  if (sasl) return sasl
  const text = protocolType ? `${protocolType}: ${first?.message ?? String(error)}` : (first?.message ?? String(error))
  return new KfkError(`Kafka request failed: ${text}`, {cause: error})
}

export function authenticationFailed(ctx: ErrorContext, detail: string, cause?: unknown): KfkError {
  if (ctx.sasl?.mechanism === 'OAUTHBEARER')
    return new KfkError(
      `OAUTHBEARER authentication failed: the brokers refused the token${ctx.sasl.username ? ` for ${ctx.sasl.username}` : ''}`,
      {
        hint: 'Check that the token is current and issued for these brokers (audience, scope, signing key).',
        cause,
      },
    )
  const who = ctx.sasl ? `for user ${ctx.sasl.username} with ${ctx.sasl.mechanism}` : '(SASL)'
  return new KfkError(`authentication failed ${who}`, {
    hint: 'Check the user name, the password and --sasl-mechanism (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512) against what the brokers accept.',
    cause,
  })
}

/** SASL errors that are about the listener, not the password. */
function saslMismatch(type: string | undefined, ctx: ErrorContext, cause: unknown): KfkError | undefined {
  if (type === 'ILLEGAL_SASL_STATE') {
    return new KfkError(`the brokers at ${ctx.brokers.join(',')} do not expect SASL on this port (ILLEGAL_SASL_STATE)`, {
      hint: 'Connect to a SASL listener, or drop the SASL settings (--security-protocol PLAINTEXT or SSL).',
      cause,
    })
  }
  if (type === 'UNSUPPORTED_SASL_MECHANISM') {
    return new KfkError(`the brokers do not accept SASL mechanism ${ctx.sasl?.mechanism ?? '(unknown)'}`, {
      hint: 'Try another --sasl-mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512.',
      cause,
    })
  }
  return undefined
}

/** Node's certificate error codes, in words. */
const TLS_REASONS: Record<string, string> = {
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the broker certificate is not signed by a trusted CA',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the broker certificate is not signed by a trusted CA',
  SELF_SIGNED_CERT_IN_CHAIN: 'the broker certificate chain ends in an untrusted (self-signed) CA',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the broker certificate is self-signed and not trusted',
  CERT_HAS_EXPIRED: 'the broker certificate has expired',
  CERT_NOT_YET_VALID: 'the broker certificate is not valid yet',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the broker certificate does not match the host name',
  EPROTO: 'the TLS handshake failed',
}

function tlsFailure(chain: unknown[], ctx: ErrorContext, error: unknown): KfkError | undefined {
  for (const e of chain) {
    const code = (e as NodeJS.ErrnoException).code
    const message = (e as Error)?.message ?? ''
    if (code && TLS_REASONS[code]) {
      const detail =
        code === 'ERR_TLS_CERT_ALTNAME_INVALID' ? `${TLS_REASONS[code]} (${message.replace(/^Connection error: /, '')})` : TLS_REASONS[code]
      const hint =
        code === 'ERR_TLS_CERT_ALTNAME_INVALID'
          ? 'Connect with a host name the certificate names, or ask for a certificate that names this host.'
          : code === 'EPROTO'
            ? 'Is this port a TLS listener, and does it want a client certificate (--tls-cert/--tls-key)?'
            : 'Give the CA that signed the broker certificates: --tls-ca ca.pem (or ssl.truststore.location with ssl.truststore.type=PEM).'
      return new KfkError(`TLS connection to ${ctx.brokers.join(',')} failed: ${detail}`, {hint, cause: error})
    }
    if (
      /wrong version number|packet length too long|unknown protocol|certificate required|alert/i.test(message) &&
      /SSL|TLS|alert/i.test(message)
    ) {
      const alert = /alert ([a-z ]+?)(:|$)/i.exec(message)?.[1]
      const detail = alert
        ? `the broker refused the handshake (${alert.replace(/^sslv3 /, '')})`
        : message.replace(/^Connection error: /, '').split('\n')[0]
      return new KfkError(`TLS connection to ${ctx.brokers.join(',')} failed: ${detail}`, {
        hint: /certificate required|handshake failure|bad certificate/i.test(message)
          ? 'This listener wants a client certificate: give --tls-cert FILE and --tls-key FILE.'
          : 'Is this port a TLS listener? For a plaintext or SASL_PLAINTEXT port use --security-protocol PLAINTEXT or SASL_PLAINTEXT.',
        cause: error,
      })
    }
  }
  const isTls = ctx.protocol === 'SSL' || ctx.protocol === 'SASL_SSL'
  const reset = chain.some(
    (e) =>
      (e as NodeJS.ErrnoException).code === 'ECONNRESET' ||
      /ECONNRESET|socket disconnected before secure/i.test((e as Error)?.message ?? ''),
  )
  if (isTls && reset) {
    return new KfkError(`TLS connection to ${ctx.brokers.join(',')} failed: the broker dropped the connection during the handshake`, {
      hint: 'Is this port a TLS listener? For a plaintext port use --security-protocol PLAINTEXT (or SASL_PLAINTEXT).',
      cause: error,
    })
  }
  return undefined
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

/** Ctrl-C before anything was done: exit 130, said as a note rather than an error. */
export function interruptedBefore(what: string): KfkError {
  return new KfkError(`interrupted before ${what}`, {exit: EXIT.interrupted})
}

/** Rejects with `onAbort()` as soon as `signal` aborts (Ctrl-C while connecting must not wait out the timeout). */
export async function unlessAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined, onAbort: () => Error): Promise<T> {
  if (!signal) return promise
  if (signal.aborted) throw onAbort()
  let listener: (() => void) | undefined
  const aborted = new Promise<never>((_, reject) => {
    listener = () => reject(onAbort())
    signal.addEventListener('abort', listener, {once: true})
  })
  try {
    return await Promise.race([promise, aborted])
  } finally {
    signal.removeEventListener('abort', listener!)
  }
}
