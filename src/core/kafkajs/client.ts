import {createRawCluster, decorateBrokers} from './cluster.js'
import type {RawCluster} from './types.js'
import {kafkajs, type Admin, type Kafka} from './load.js'
import type {ConnectionOptions} from 'node:tls'
import type {ConnectionSettings} from '../../config/settings.js'
import {OAuthTokenProvider} from '../../config/oauth-token.js'
import {mapKafkaError, unreachable, withDeadline, type ErrorContext} from '../errors.js'
import {KfkError} from '../../cli/errors.js'
import {probeAll} from '../address-probe.js'
import {askNoTopicsForNoTopics} from './metadata-patch.js'

/**
 * One connection to a Kafka cluster for the life of a command: builds the
 * kafkajs client from resolved settings, routes its logger to stderr, and
 * bounds every operation by the settings' timeout so nothing hangs.
 */
export class KafkaClient {
  private kafkaInstance?: Kafka
  private adminInstance?: Promise<Admin>
  private rawCluster?: Promise<RawCluster>
  private readonly closers: Array<() => Promise<unknown>> = []
  /** OAUTHBEARER's token source, when the settings use one. */
  private readonly oauth?: OAuthTokenProvider
  /** The last connection failure kafkajs logged, to explain a timeout. */
  private lastConnectionError?: string
  /** Some connection succeeded: no need to diagnose a slow one. */
  private connected = false

  constructor(readonly settings: ConnectionSettings) {
    const oauth = settings.security?.sasl?.oauth
    if (oauth) this.oauth = new OAuthTokenProvider(oauth, settings.timeoutMs)
  }

  get errorContext(): ErrorContext {
    const security = this.settings.security
    return {
      brokers: this.settings.brokers,
      isDefaultAddress: this.settings.isDefaultAddress,
      timeoutMs: this.settings.timeoutMs,
      protocol: security?.protocol,
      sasl: security?.sasl
        ? {mechanism: security.sasl.mechanism, username: security.sasl.username || (this.oauth?.subject ?? '')}
        : undefined,
      clientCertificate: Boolean(security?.tls?.cert),
    }
  }

  get kafka(): Kafka {
    if (!this.kafkaInstance) {
      const {Kafka} = kafkajs()
      const s = this.settings
      this.kafkaInstance = new Kafka({
        clientId: s.clientId,
        brokers: s.brokers,
        connectionTimeout: Math.min(s.timeoutMs, 3000),
        requestTimeout: s.requestTimeoutMs,
        // Short, bounded retries: a CLI should fail within --timeout, not after kafkajs's 30 s default.
        retry: {initialRetryTime: 100, maxRetryTime: 2000, retries: 5},
        logLevel: this.logLevel,
        logCreator: this.logCreator(),
        ...securityOptions(s, this.oauth),
      })
      decorateBrokers(this.kafkaInstance, askNoTopicsForNoTopics)
    }
    return this.kafkaInstance
  }

  /** A connected admin client, shared by the command. */
  admin(): Promise<Admin> {
    this.adminInstance ??= this.connect(async () => {
      const admin = this.kafka.admin()
      this.closers.push(() => admin.disconnect())
      await admin.connect()
      this.connected = true
      return admin
    })
    return this.adminInstance
  }

  /** kafkajs's cluster object, connected with fresh metadata, for the protocol modules in ./protocol. */
  cluster(): Promise<RawCluster> {
    this.rawCluster ??= this.connect(async () => {
      const cluster = createRawCluster(this.kafka)
      this.closers.push(() => cluster.disconnect())
      await cluster.connect()
      await cluster.refreshMetadata()
      this.connected = true
      return cluster
    })
    return this.rawCluster
  }

  /** Runs one operation within the timeout (or `timeoutMs`, for one that rides out leader changes), mapping failures to KfkError. */
  async run<T>(what: string, operation: () => Promise<T>, timeoutMs = this.settings.timeoutMs): Promise<T> {
    try {
      return await withDeadline(operation(), timeoutMs, () => this.timeoutError(what))
    } catch (error) {
      throw mapKafkaError(error, this.errorContext)
    }
  }

  private connect<T>(open: () => Promise<T>): Promise<T> {
    return this.run('connect', () => Promise.race([open(), this.diagnoseSlowConnect()]))
  }

  /**
   * Rejects when kafkajs is still connecting after half a second and every
   * bootstrap address is a closed port or an HTTP server (kafkajs would retry
   * or wait until the timeout); otherwise never settles. Plaintext only: a
   * TLS port does not answer a plaintext probe.
   */
  private async diagnoseSlowConnect(): Promise<never> {
    const tls = this.settings.security?.tls
    await new Promise((resolve) => setTimeout(resolve, 500).unref())
    if (!tls && !this.connected) {
      const verdict = await probeAll(this.settings.brokers)
      if (verdict === 'http')
        throw new KfkError(`${this.settings.brokers.join(',')} is not a Kafka broker (it answered HTTP)`, {
          hint: "Use the broker's Kafka listener port (9092 by default), not a web or REST port.",
        })
      if (verdict === 'refused') throw unreachable(this.errorContext, 'connection refused')
    }
    return new Promise<never>(() => {})
  }

  private timeoutError(what: string): Error {
    if (what === 'connect' || this.lastConnectionError) {
      return unreachable(this.errorContext, this.lastConnectionError ?? `no answer within ${this.settings.timeoutMs} ms`)
    }
    return new Error(`${what} did not finish within ${this.settings.timeoutMs} ms`)
  }

  async close(): Promise<void> {
    const closers = this.closers.splice(0).reverse()
    // Disconnecting is best effort and must not keep a finished command alive.
    await withDeadline(Promise.allSettled(closers.map((close) => close())), 2000, () => new Error('disconnect timed out')).catch(() => {})
  }

  private logCreator() {
    const {logLevel} = kafkajs()
    const verbose = this.settings.verbose
    return () => (entry: {namespace: string; level: number; label: string; log: {message: string; [k: string]: unknown}}) => {
      const {message, timestamp: _t, logger: _l, ...extra} = entry.log
      if (entry.level <= logLevel.ERROR && /connect|ECONNREFUSED|timeout/i.test(`${message} ${String(extra.error ?? '')}`)) {
        this.lastConnectionError = describeConnectionError(String(extra.error ?? message))
      }
      if (verbose) {
        const detail =
          Object.keys(extra).length > 0 ? ' ' + JSON.stringify(extra, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)) : ''
        process.stderr.write(`[kafkajs] ${entry.label} ${entry.namespace}: ${message}${detail}\n`)
      }
    }
  }

  /** kafkajs's level for this client: everything with --verbose, otherwise nothing. */
  get logLevel(): number {
    const {logLevel} = kafkajs()
    return this.settings.verbose ? logLevel.DEBUG : logLevel.ERROR
  }
}

/** kafkajs's ssl and sasl options from resolved settings. */
function securityOptions(
  s: ConnectionSettings,
  oauth: OAuthTokenProvider | undefined,
): {
  ssl?: ConnectionOptions
  sasl?:
    | {mechanism: 'plain'; username: string; password: string}
    | {mechanism: 'oauthbearer'; oauthBearerProvider: () => Promise<{value: string}>}
} {
  const security = s.security
  if (!security) return {}
  const out: ReturnType<typeof securityOptions> = {}
  if (security.tls) {
    const t = security.tls
    out.ssl = {
      ...(t.ca ? {ca: t.ca} : {}),
      ...(t.cert ? {cert: t.cert, key: t.key, passphrase: t.passphrase} : {}),
      rejectUnauthorized: !t.insecure,
      // Hostname checks stay on unless the config turned them off (ssl.endpoint.identification.algorithm=).
      ...(t.verifyHostname ? {} : {checkServerIdentity: () => undefined}),
    }
  }
  if (oauth) {
    out.sasl = {mechanism: 'oauthbearer', oauthBearerProvider: oauth.provide}
  } else if (security.sasl) {
    out.sasl = {
      mechanism: security.sasl.mechanism.toLowerCase() as 'plain',
      username: security.sasl.username,
      password: security.sasl.password,
    }
  }
  return out
}

function describeConnectionError(text: string): string {
  if (/ECONNREFUSED/.test(text)) return 'connection refused'
  if (/ENOTFOUND|EAI_AGAIN/.test(text)) return 'host not found'
  if (/timeout/i.test(text)) return 'connection timed out'
  return text.replace(/^Connection error: /, '')
}
