/**
 * OAUTHBEARER tokens for kafkajs's oauthBearerProvider: from a command kfk
 * runs (its stdout is the token), from an OAuth token endpoint with client
 * credentials (what Java's sasl.oauthbearer.token.endpoint.url does), or an
 * unsecured JWS made here (Java's unsecuredLoginStringClaim_sub, for brokers
 * that validate unsecured tokens). A token is reused until 80% of its
 * lifetime has passed, as Java's sasl.login.refresh.window.factor.
 */
import {spawn} from 'node:child_process'
import {KfkError} from '../cli/errors.js'

export interface OAuthSettings {
  /** A shell command whose stdout is the token. */
  command?: string
  /** Client credentials grant (RFC 6749 4.4); the secret is a non-enumerable property. */
  endpoint?: {url: string; clientId: string; scope?: string; readonly clientSecret?: string; urlencode?: boolean}
  /** SASL extensions sent with the token (Java's extension_NAME options, e.g. logicalCluster). */
  extensions?: Record<string, string>
  /** An unsecured JWS (alg none) naming this subject. */
  unsecuredSubject?: string
}

const REFRESH_AT = 0.8
const DEFAULT_LIFETIME_MS = 3600_000

/** When a JWT expires (its exp claim, ms), or undefined for a token that is not a JWT or has none. */
export function jwtExpiry(token: string): number | undefined {
  const payload = token.split('.')[1]
  if (!payload) return undefined
  try {
    const exp = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {exp?: unknown}).exp
    return typeof exp === 'number' ? exp * 1000 : undefined
  } catch {
    return undefined
  }
}

/** The JWT subject (sub claim), to name the principal in messages. */
export function jwtSubject(token: string): string | undefined {
  try {
    const sub = (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {sub?: unknown}).sub
    return typeof sub === 'string' ? sub : undefined
  } catch {
    return undefined
  }
}

/** An unsecured JWS as Kafka's OAuthBearerUnsecuredLoginCallbackHandler makes it: header {"alg":"none"}, no signature. */
export function unsecuredToken(subject: string, lifetimeMs = DEFAULT_LIFETIME_MS, now = Date.now()): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')
  const iat = Math.floor(now / 1000)
  return `${part({alg: 'none'})}.${part({sub: subject, iat, exp: iat + Math.floor(lifetimeMs / 1000)})}.`
}

export class OAuthTokenProvider {
  private token?: {value: string; refreshAt: number}
  /** One fetch at a time: kfk connects to several brokers at once, and each asks for the token. */
  private pending?: Promise<void>
  /** The last token's subject (its sub claim), to name the principal in messages. */
  subject?: string

  constructor(
    private readonly settings: OAuthSettings,
    private readonly timeoutMs: number,
  ) {}

  /** kafkajs's oauthBearerProvider. */
  readonly provide = async (): Promise<{value: string; extensions?: Record<string, string>}> => {
    if (!this.token || Date.now() >= this.token.refreshAt) {
      this.pending ??= this.refresh().finally(() => (this.pending = undefined))
      await this.pending
    }
    return {value: this.token!.value, ...(this.settings.extensions ? {extensions: this.settings.extensions} : {})}
  }

  private async refresh(): Promise<void> {
    const now = Date.now()
    const {value, expiresAt} = await this.fetch()
    const expiry = expiresAt ?? jwtExpiry(value) ?? now + DEFAULT_LIFETIME_MS
    this.token = {value, refreshAt: now + Math.max(0, expiry - now) * REFRESH_AT}
    this.subject = jwtSubject(value) ?? this.subject
  }

  private async fetch(): Promise<{value: string; expiresAt?: number}> {
    const s = this.settings
    if (s.command) return {value: await runTokenCommand(s.command, this.timeoutMs)}
    if (s.endpoint) return fetchClientCredentials(s.endpoint, this.timeoutMs)
    return {value: unsecuredToken(s.unsecuredSubject ?? 'kfk')}
  }
}

/**
 * Runs the token command with sh in a process group of its own; its stdout
 * (trimmed) is the token. On timeout the whole group is killed (a pipeline's
 * children would otherwise keep stdout open). Neither stdout nor the
 * command's secrets are echoed.
 */
function runTokenCommand(command: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', command], {stdio: ['ignore', 'pipe', 'pipe'], detached: true})
    const out: Buffer[] = []
    const err: Buffer[] = []
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      try {
        process.kill(-child.pid!, 'SIGKILL')
      } catch {
        child.kill('SIGKILL')
      }
    }, timeoutMs)
    child.stdout.on('data', (c: Buffer) => out.push(c))
    child.stderr.on('data', (c: Buffer) => err.push(c))
    child.on('error', (e) => {
      clearTimeout(timer)
      reject(new KfkError(`cannot run the OAUTHBEARER token command (${e.message})`))
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      const token = Buffer.concat(out).toString('utf8').trim()
      if (code === 0 && token) return resolve(token)
      const why = timedOut
        ? `no token within ${timeoutMs} ms`
        : signal
          ? `killed by ${signal}`
          : code === 0
            ? 'it printed nothing'
            : `exit ${code}`
      const said = Buffer.concat(err).toString('utf8').trim().split('\n').pop()
      reject(
        new KfkError(`the OAUTHBEARER token command failed (${why})`, {
          hint: said ? `It said: ${said}` : 'It must print the token on stdout.',
        }),
      )
    })
  })
}

/** POSTs a client credentials grant; the token and its expiry from access_token and expires_in. */
async function fetchClientCredentials(
  endpoint: NonNullable<OAuthSettings['endpoint']>,
  timeoutMs: number,
): Promise<{value: string; expiresAt?: number}> {
  // Java URL-encodes the id and secret only with sasl.oauthbearer.header.urlencode=true (off by default).
  const encode = (v: string) => (endpoint.urlencode ? encodeURIComponent(v) : v)
  const basic = Buffer.from(`${encode(endpoint.clientId)}:${encode(endpoint.clientSecret ?? '')}`).toString('base64')
  const body = new URLSearchParams({grant_type: 'client_credentials', ...(endpoint.scope ? {scope: endpoint.scope} : {})})
  let response: Response
  try {
    response = await fetch(endpoint.url, {
      method: 'POST',
      headers: {authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json'},
      body,
      signal: AbortSignal.timeout(timeoutMs),
    })
  } catch (error) {
    throw new KfkError(`cannot reach the OAuth token endpoint ${endpoint.url} (${(error as Error).message})`)
  }
  if (!response.ok)
    throw new KfkError(`the OAuth token endpoint ${endpoint.url} refused client ${endpoint.clientId} (HTTP ${response.status})`, {
      hint: 'Check sasl.oauthbearer.client.id, the client secret and the scope.',
    })
  const json = (await response.json().catch(() => ({}))) as {access_token?: unknown; expires_in?: unknown}
  if (typeof json.access_token !== 'string') throw new KfkError(`the OAuth token endpoint ${endpoint.url} answered without an access_token`)
  const expiresAt = typeof json.expires_in === 'number' ? Date.now() + json.expires_in * 1000 : undefined
  return {value: json.access_token, expiresAt}
}
