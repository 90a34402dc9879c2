import {usageError} from '../errors.js'
import {readPropertiesFile} from './properties.js'

/**
 * Connection settings, resolved in one documented order:
 *   1. flags (-b/--bootstrap-server, --timeout, --command-config FILE)
 *   2. environment (KAFKA_BOOTSTRAP_SERVERS, KFK_TIMEOUT)
 *   3. the active profile (not yet: profiles come later)
 *   4. defaults (localhost:9092, 10 000 ms)
 * A --command-config file counts as a flag: its keys apply where no more
 * specific flag was given.
 */
export interface ConnectionSettings {
  brokers: string[]
  clientId: string
  /** Overall time an operation may take before kfk gives up, in ms. */
  timeoutMs: number
  /** Per-request timeout handed to the client, in ms. */
  requestTimeoutMs: number
  verbose: boolean
  /** Where each value came from, for diagnostics. */
  sources: Record<'brokers' | 'timeoutMs', 'flag' | 'command-config' | 'env' | 'default'>
  /** True when the brokers are the built-in default (hint: kfk cluster up). */
  isDefaultAddress: boolean
}

export interface ConnectionFlags {
  'bootstrap-server'?: string
  'command-config'?: string
  timeout?: number
  verbose?: boolean
}

export const DEFAULT_BOOTSTRAP = 'localhost:9092'
export const DEFAULT_TIMEOUT_MS = 10_000

export function resolveSettings(flags: ConnectionFlags, env: NodeJS.ProcessEnv = process.env): ConnectionSettings {
  const props = flags['command-config'] ? readPropertiesFile(flags['command-config']) : {}
  let brokersText: string
  let brokersSource: ConnectionSettings['sources']['brokers']
  if (flags['bootstrap-server']) [brokersText, brokersSource] = [flags['bootstrap-server'], 'flag']
  else if (props['bootstrap.servers']) [brokersText, brokersSource] = [props['bootstrap.servers'], 'command-config']
  else if (env.KAFKA_BOOTSTRAP_SERVERS) [brokersText, brokersSource] = [env.KAFKA_BOOTSTRAP_SERVERS, 'env']
  else [brokersText, brokersSource] = [DEFAULT_BOOTSTRAP, 'default']

  let timeoutMs = DEFAULT_TIMEOUT_MS
  let timeoutSource: ConnectionSettings['sources']['timeoutMs'] = 'default'
  if (flags.timeout !== undefined) [timeoutMs, timeoutSource] = [flags.timeout, 'flag']
  else if (env.KFK_TIMEOUT) [timeoutMs, timeoutSource] = [parsePositiveInt(env.KFK_TIMEOUT, 'KFK_TIMEOUT'), 'env']
  if (timeoutMs < 1) throw usageError(`--timeout ${timeoutMs} is not a positive number of milliseconds`, 'Try: --timeout 10000')

  const requestTimeoutMs = props['request.timeout.ms']
    ? Math.min(parsePositiveInt(props['request.timeout.ms'], 'request.timeout.ms'), timeoutMs)
    : timeoutMs

  return {
    brokers: parseBrokers(brokersText, brokersSource === 'flag' ? '--bootstrap-server' : brokersSource === 'env' ? 'KAFKA_BOOTSTRAP_SERVERS' : 'bootstrap.servers'),
    clientId: props['client.id'] || 'kfk',
    timeoutMs,
    requestTimeoutMs,
    verbose: flags.verbose ?? false,
    sources: {brokers: brokersSource, timeoutMs: timeoutSource},
    isDefaultAddress: brokersSource === 'default',
  }
}

/** "host:port,host:port" -> ["host:port", ...]; Java's PLAINTEXT://host:port form is accepted. */
export function parseBrokers(text: string, origin = '--bootstrap-server'): string[] {
  const brokers = text.split(',').map((s) => s.trim()).filter(Boolean).map((s) => s.replace(/^[A-Z_]+:\/\//, ''))
  if (brokers.length === 0) throw usageError(`${origin} is empty`, 'Give host:port, for example: -b localhost:9092')
  for (const b of brokers) {
    const m = /^(\[[0-9a-fA-F:]+\]|[^:\s]+):(\d{1,5})$/.exec(b)
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 65_535) {
      throw usageError(`${origin} "${b}" is not host:port`, 'Give host:port, for example: -b localhost:9092')
    }
  }
  return brokers
}

function parsePositiveInt(text: string, name: string): number {
  const n = Number(text)
  if (!Number.isInteger(n) || n < 1) throw usageError(`${name}=${text} is not a positive whole number`)
  return n
}
