import {parse as parseYaml} from 'yaml'
import {usageError} from '../cli/errors.js'
import {connectionProfile, loadProfilesWith, type Profile} from './profiles.js'
import {readPropertiesFile} from './properties.js'
import {
  buildSecurity,
  displayValue,
  SECURITY_KEYS,
  securityFromProperties,
  type SecurityKey,
  type SecurityKeys,
  type SecuritySettings,
} from './security.js'

/**
 * Connection settings, resolved in one documented order:
 *   1. flags (-b/--bootstrap-server, --timeout, --command-config FILE)
 *   2. environment (KAFKA_BOOTSTRAP_SERVERS, KFK_TIMEOUT)
 *   3. the profile (--profile NAME, else KFK_PROFILE, else the active one)
 *   4. defaults (localhost:9092, 10 000 ms, PLAINTEXT)
 * A --command-config file counts as a flag: its keys apply where no more
 * specific flag was given. The active profile is used only when no broker
 * address was given by flag or environment: its security settings belong to
 * its own brokers (name the profile with --profile to combine them).
 */
export type SettingSource = 'flag' | 'command-config' | 'env' | 'profile' | 'default'

export interface ConnectionSettings {
  brokers: string[]
  clientId: string
  /** Overall time an operation may take before kfk gives up, in ms. */
  timeoutMs: number
  /** Per-request timeout handed to the client, in ms. */
  requestTimeoutMs: number
  verbose: boolean
  /** Where each value came from, for diagnostics. */
  sources: {brokers: SettingSource; timeoutMs: SettingSource; [key: string]: SettingSource}
  /** True when the brokers are the built-in default (hint: kfk cluster up). */
  isDefaultAddress: boolean
  /** TLS and SASL; absent means PLAINTEXT. */
  security?: SecuritySettings
  /** The profile in use, if any. */
  profile?: string
  /** Every setting with its (masked) value and origin, for kfk profile show --resolved. */
  resolved?: Array<{key: string; value: string; source: SettingSource}>
  /** Things the user should know (a world-readable profiles file, skipped verification). */
  warnings?: string[]
}

export interface ConnectionFlags {
  'bootstrap-server'?: string
  'command-config'?: string
  /** --command-property k=v: Java client properties, over the --command-config file's. */
  'command-property'?: Record<string, string>
  timeout?: number
  verbose?: boolean
  profile?: string
  'security-protocol'?: string
  'sasl-mechanism'?: string
  'sasl-username'?: string
  'sasl-password-file'?: string
  'sasl-password-env'?: string
  'sasl-oauthbearer-token-command'?: string
  'tls-ca'?: string
  'tls-cert'?: string
  'tls-key'?: string
  'tls-insecure-skip-verify'?: boolean
  /** Resolve for display only: a missing password source or PEM file becomes a warning, not an error. */
  explainOnly?: boolean
}

/** kfk's own flags, as security keys. */
export function securityFromFlags(flags: ConnectionFlags): SecurityKeys {
  const out: SecurityKeys = {}
  const set = (key: SecurityKey, value: string | undefined) => {
    if (value !== undefined) out[key] = value
  }
  set('security.protocol', flags['security-protocol'])
  set('sasl.mechanism', flags['sasl-mechanism'])
  set('sasl.username', flags['sasl-username'])
  set('sasl.password.file', flags['sasl-password-file'])
  set('sasl.password.env', flags['sasl-password-env'])
  set('sasl.oauthbearer.token.command', flags['sasl-oauthbearer-token-command'])
  set('ssl.ca.location', flags['tls-ca'])
  set('ssl.certificate.location', flags['tls-cert'])
  set('ssl.key.location', flags['tls-key'])
  if (flags['tls-insecure-skip-verify']) out['ssl.insecure.skip.verify'] = 'true'
  return out
}

function securityFromEnv(env: NodeJS.ProcessEnv): SecurityKeys {
  const out: SecurityKeys = {}
  if (env.KFK_SECURITY_PROTOCOL) out['security.protocol'] = env.KFK_SECURITY_PROTOCOL
  if (env.KFK_SASL_MECHANISM) out['sasl.mechanism'] = env.KFK_SASL_MECHANISM
  if (env.KFK_SASL_USERNAME) out['sasl.username'] = env.KFK_SASL_USERNAME
  if (env.KFK_SASL_PASSWORD) out['sasl.password.env'] = 'KFK_SASL_PASSWORD'
  return out
}

/** The profile a command uses: named (flag, KFK_PROFILE) or the active one when no address was given elsewhere. */
function chooseProfile(
  flags: ConnectionFlags,
  env: NodeJS.ProcessEnv,
  addressGiven: boolean,
): {name?: string; profile?: Profile; warning?: string} {
  const named = flags.profile ?? (env.KFK_PROFILE || undefined)
  if (!named && addressGiven) return {}
  const {file, path, warning} = loadProfilesWith((text) => parseYaml(text), env)
  const name = named ?? file.active
  if (!name) return {warning}
  return {name, profile: connectionProfile(file, name, path, named ? 'named' : 'active'), warning}
}

/** The Java client properties resolveSettings reads (from --command-config or --command-property): the connection's. */
export function isConnectionProperty(key: string): boolean {
  return /^(bootstrap\.servers|client\.id|request\.timeout\.ms|security\.protocol|sasl\..+|ssl\..+)$/.test(key)
}

export const DEFAULT_BOOTSTRAP = 'localhost:9092'
export const DEFAULT_TIMEOUT_MS = 10_000

export function resolveSettings(flags: ConnectionFlags, env: NodeJS.ProcessEnv = process.env): ConnectionSettings {
  const props = {...(flags['command-config'] ? readPropertiesFile(flags['command-config']) : {}), ...flags['command-property']}
  // An empty address would fall through to the next source (localhost at worst): say so instead.
  if (flags['bootstrap-server'] !== undefined && flags['bootstrap-server'].trim() === '')
    throw usageError('-b/--bootstrap-server is empty', 'Give host:port[,host:port], for example -b localhost:9092.')
  if (props['bootstrap.servers'] !== undefined && props['bootstrap.servers'].trim() === '')
    throw usageError('bootstrap.servers is empty', 'Give it host:port[,host:port], or leave the key out.')
  const addressGiven = Boolean(flags['bootstrap-server'] || props['bootstrap.servers'] || env.KAFKA_BOOTSTRAP_SERVERS)
  const chosen = chooseProfile(flags, env, addressGiven)
  const profile = chosen.profile ?? {}
  let brokersText: string
  let brokersSource: SettingSource
  if (flags['bootstrap-server']) [brokersText, brokersSource] = [flags['bootstrap-server'], 'flag']
  else if (props['bootstrap.servers']) [brokersText, brokersSource] = [props['bootstrap.servers'], 'command-config']
  else if (env.KAFKA_BOOTSTRAP_SERVERS) [brokersText, brokersSource] = [env.KAFKA_BOOTSTRAP_SERVERS, 'env']
  else if (profile['bootstrap.servers']) [brokersText, brokersSource] = [profile['bootstrap.servers'], 'profile']
  else [brokersText, brokersSource] = [DEFAULT_BOOTSTRAP, 'default']

  // Security keys, each from the first layer that sets it.
  const layers: Array<[SettingSource, SecurityKeys]> = [
    ['flag', securityFromFlags(flags)],
    ['command-config', securityFromProperties(props)],
    ['env', securityFromEnv(env)],
    ['profile', profile as SecurityKeys],
  ]
  const securityKeys: SecurityKeys = {}
  const securitySources: Record<string, SettingSource> = {}
  for (const key of SECURITY_KEYS) {
    for (const [source, values] of layers) {
      if (values[key] !== undefined && values[key] !== '') {
        securityKeys[key] = values[key]
        securitySources[key] = source
        break
      }
    }
  }
  // The password sources are one setting: the first layer that names any of them decides.
  const passwordKeys = ['sasl.password', 'sasl.password.env', 'sasl.password.file'] as const
  const passwordLayer = layers.find(([, values]) => passwordKeys.some((k) => values[k]))
  for (const k of passwordKeys) {
    if (passwordLayer && !passwordLayer[1][k]) {
      delete securityKeys[k]
      delete securitySources[k]
    }
  }
  const warnings = chosen.warning ? [chosen.warning] : []
  // Java connects with PLAINTEXT when a properties file has SASL keys but no security.protocol (the SASL keys go
  // unused); a script that works against Java's tools must reach the same listener with kfk.
  const saslFromFile = Object.entries(securitySources).some(([k, source]) => k.startsWith('sasl.') && source === 'command-config')
  if (saslFromFile && securityKeys['security.protocol'] === undefined) {
    securityKeys['security.protocol'] = 'PLAINTEXT'
    securitySources['security.protocol'] = 'command-config'
    warnings.push(
      'the client properties set sasl.* but not security.protocol: PLAINTEXT, as Java does (SASL unused); set security.protocol=SASL_SSL or SASL_PLAINTEXT to log in',
    )
  }
  let security: SecuritySettings
  try {
    security = buildSecurity(securityKeys, env)
  } catch (error) {
    // kfk profile show --resolved explains settings even when a file or variable they name is missing.
    if (!flags.explainOnly) throw error
    warnings.push(`these settings cannot connect yet: ${(error as Error).message}`)
    security = {protocol: (securityKeys['security.protocol']?.toUpperCase() ?? 'PLAINTEXT') as SecuritySettings['protocol']}
  }
  if (security.tls?.insecure)
    warnings.push(
      'TLS certificate verification is off (--tls-insecure-skip-verify): anyone between you and the brokers can read and change this traffic.',
    )

  let timeoutMs = DEFAULT_TIMEOUT_MS
  let timeoutSource: ConnectionSettings['sources']['timeoutMs'] = 'default'
  if (flags.timeout !== undefined) [timeoutMs, timeoutSource] = [flags.timeout, 'flag']
  else if (env.KFK_TIMEOUT) [timeoutMs, timeoutSource] = [parsePositiveInt(env.KFK_TIMEOUT, 'KFK_TIMEOUT'), 'env']
  if (timeoutMs < 1) throw usageError(`--timeout ${timeoutMs} is not a positive number of milliseconds`, 'Try: --timeout 10000')

  const requestTimeoutText = props['request.timeout.ms'] ?? profile['request.timeout.ms']
  const requestTimeoutMs = requestTimeoutText ? Math.min(parsePositiveInt(requestTimeoutText, 'request.timeout.ms'), timeoutMs) : timeoutMs
  const clientId = props['client.id'] || profile['client.id'] || 'kfk'

  const resolved: NonNullable<ConnectionSettings['resolved']> = [
    {key: 'bootstrap.servers', value: brokersText, source: brokersSource},
    {key: 'timeout.ms', value: String(timeoutMs), source: timeoutSource},
    {key: 'security.protocol', value: security.protocol, source: securitySources['security.protocol'] ?? 'default'},
    ...SECURITY_KEYS.filter((k) => k !== 'security.protocol' && securityKeys[k] !== undefined).map((k) => ({
      key: k,
      value: displayValue(k, securityKeys[k]!),
      source: securitySources[k] ?? 'default',
    })),
  ]
  return {
    brokers: parseBrokers(
      brokersText,
      brokersSource === 'flag' ? '--bootstrap-server' : brokersSource === 'env' ? 'KAFKA_BOOTSTRAP_SERVERS' : 'bootstrap.servers',
    ),
    clientId,
    timeoutMs,
    requestTimeoutMs,
    verbose: flags.verbose ?? false,
    sources: {brokers: brokersSource, timeoutMs: timeoutSource, ...securitySources},
    isDefaultAddress: brokersSource === 'default',
    security,
    profile: chosen.name,
    resolved,
    warnings,
  }
}

/** "host:port,host:port" -> ["host:port", ...]; Java's PLAINTEXT://host:port form is accepted. */
export function parseBrokers(text: string, origin = '--bootstrap-server'): string[] {
  const brokers = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => s.replace(/^[A-Z_]+:\/\//, ''))
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
