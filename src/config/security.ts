import {readFileSync} from 'node:fs'
import {fileProblem, KfkError, usageError} from '../cli/errors.js'
import type {OAuthSettings} from './oauth-token.js'

/**
 * Security settings (TLS and SASL), in one flat set of keys that flags,
 * environment, profiles and Java .properties files all map onto. The keys
 * follow Java's names where Java has one; kfk reads PEM only.
 */
export const SECURITY_PROTOCOLS = ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'] as const
export type SecurityProtocol = (typeof SECURITY_PROTOCOLS)[number]
export const SASL_MECHANISMS = ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512', 'OAUTHBEARER'] as const
export type SaslMechanism = (typeof SASL_MECHANISMS)[number]

export const SECURITY_KEYS = [
  'security.protocol',
  'sasl.mechanism',
  'sasl.username',
  'sasl.password',
  'sasl.password.env',
  'sasl.password.file',
  'sasl.oauthbearer.token.command',
  'sasl.oauthbearer.token.endpoint.url',
  'sasl.oauthbearer.client.id',
  'sasl.oauthbearer.client.secret',
  'sasl.oauthbearer.scope',
  'sasl.oauthbearer.unsecured.subject',
  'sasl.oauthbearer.header.urlencode',
  'sasl.oauthbearer.extensions',
  'ssl.ca.location',
  'ssl.ca.pem',
  'ssl.certificate.location',
  'ssl.certificate.pem',
  'ssl.key.location',
  'ssl.key.pem',
  'ssl.key.password',
  'ssl.verify.hostname',
  'ssl.insecure.skip.verify',
] as const
export type SecurityKey = (typeof SECURITY_KEYS)[number]
export type SecurityKeys = Partial<Record<SecurityKey, string>>

/** Keys whose values are secrets: never printed, masked as ****. */
export const SECRET_KEYS: ReadonlySet<string> = new Set([
  'sasl.password',
  'sasl.oauthbearer.client.secret',
  // A token command may carry a credential inline.
  'sasl.oauthbearer.token.command',
  'ssl.key.password',
  'ssl.key.pem',
])
export const MASK = '****'

export interface SecuritySettings {
  protocol: SecurityProtocol
  /** The password is a non-enumerable property, so a JSON dump of settings never carries it. */
  sasl?: {mechanism: SaslMechanism; username: string; readonly password: string; oauth?: OAuthSettings}
  tls?: {ca?: string; cert?: string; key?: string; passphrase?: string; verifyHostname: boolean; insecure: boolean}
}

/** Java client properties -> kfk security keys; a key kfk cannot honour is named with the reason. */
export function securityFromProperties(props: Record<string, string>, origin = '--command-config'): SecurityKeys {
  const out: SecurityKeys = {}
  // A JAAS line or a password is never echoed: only the key is named.
  const shown = (key: string) => (/jaas|password|secret|token/i.test(key) ? key : `${key}=${props[key]}`)
  const cannot = (key: string, why: string, hint?: string) => new KfkError(`${origin}: cannot use ${shown(key)}: ${why}`, {exit: 2, hint})
  if (props['security.protocol'] !== undefined) out['security.protocol'] = props['security.protocol'].trim()
  if (props['sasl.mechanism'] !== undefined) out['sasl.mechanism'] = props['sasl.mechanism'].trim()
  if (props['sasl.jaas.config']) {
    const jaas = parseJaasConfig(props['sasl.jaas.config'])
    if (!/(^|\.)(PlainLoginModule|ScramLoginModule|OAuthBearerLoginModule)$/.test(jaas.loginModule)) {
      throw cannot(
        'sasl.jaas.config',
        `login module ${jaas.loginModule} is not supported (kfk speaks SASL PLAIN, SCRAM and OAUTHBEARER)`,
        'Use org.apache.kafka.common.security.plain.PlainLoginModule or ...scram.ScramLoginModule with username= and password=.',
      )
    }
    if (jaas.options.username !== undefined) out['sasl.username'] = jaas.options.username
    if (jaas.options.password !== undefined) out['sasl.password'] = jaas.options.password
    // OAUTHBEARER: client credentials for the token endpoint, or an unsecured token's subject.
    if (jaas.options.clientId !== undefined) out['sasl.oauthbearer.client.id'] = jaas.options.clientId
    if (jaas.options.clientSecret !== undefined) out['sasl.oauthbearer.client.secret'] = jaas.options.clientSecret
    if (jaas.options.scope !== undefined) out['sasl.oauthbearer.scope'] = jaas.options.scope
    const extensions = Object.entries(jaas.options).filter(([k]) => k.startsWith('extension_'))
    if (extensions.length > 0)
      out['sasl.oauthbearer.extensions'] = extensions.map(([k, v]) => `${k.slice('extension_'.length)}=${v}`).join(',')
    if (jaas.options.unsecuredLoginStringClaim_sub !== undefined)
      out['sasl.oauthbearer.unsecured.subject'] = jaas.options.unsecuredLoginStringClaim_sub
  }
  if (props['sasl.oauthbearer.token.endpoint.url'])
    out['sasl.oauthbearer.token.endpoint.url'] = props['sasl.oauthbearer.token.endpoint.url'].trim()
  if (props['sasl.oauthbearer.scope']) out['sasl.oauthbearer.scope'] = props['sasl.oauthbearer.scope'].trim()
  if (props['sasl.oauthbearer.header.urlencode'])
    out['sasl.oauthbearer.header.urlencode'] = props['sasl.oauthbearer.header.urlencode'].trim()
  for (const key of ['sasl.login.callback.handler.class', 'sasl.client.callback.handler.class']) {
    // Java's own OAUTHBEARER login handler does what kfk does itself with the token endpoint.
    if (/\.OAuthBearerLoginCallbackHandler$/.test(props[key] ?? '')) continue
    if (props[key])
      throw cannot(key, 'kfk cannot load Java callback handlers', 'Give the user name and password in sasl.jaas.config instead.')
  }
  const trustType = (props['ssl.truststore.type'] ?? '').toUpperCase()
  if (props['ssl.truststore.location']) {
    const path = props['ssl.truststore.location']
    if (trustType === 'PEM' || (trustType === '' && looksLikePem(path))) out['ssl.ca.location'] = path
    else {
      throw cannot(
        'ssl.truststore.location',
        `${path} is a ${trustType || 'JKS'} truststore; kfk reads PEM certificates only`,
        `Convert it: keytool -list -rfc -keystore ${path} > ca.pem, then set ssl.truststore.type=PEM and ssl.truststore.location=ca.pem (or --tls-ca ca.pem).`,
      )
    }
  }
  if (props['ssl.truststore.certificates']) out['ssl.ca.pem'] = props['ssl.truststore.certificates']
  const keyType = (props['ssl.keystore.type'] ?? '').toUpperCase()
  if (props['ssl.keystore.location']) {
    const path = props['ssl.keystore.location']
    if (keyType === 'PEM' || (keyType === '' && looksLikePem(path))) {
      // A PEM keystore file holds the private key and the certificate chain together.
      out['ssl.certificate.location'] = path
      out['ssl.key.location'] = path
    } else {
      throw cannot(
        'ssl.keystore.location',
        `${path} is a ${keyType || 'JKS'} keystore; kfk reads PEM keys and certificates only`,
        `Convert it: keytool -importkeystore -srckeystore ${path} -destkeystore client.p12 -deststoretype PKCS12, then openssl pkcs12 -in client.p12 -out client.pem -nodes; set ssl.keystore.type=PEM and ssl.keystore.location=client.pem.`,
      )
    }
  }
  if (props['ssl.keystore.certificate.chain']) out['ssl.certificate.pem'] = props['ssl.keystore.certificate.chain']
  if (props['ssl.keystore.key']) out['ssl.key.pem'] = props['ssl.keystore.key']
  if (props['ssl.key.password']) out['ssl.key.password'] = props['ssl.key.password']
  const algorithm = props['ssl.endpoint.identification.algorithm']
  if (algorithm !== undefined) {
    if (algorithm.trim() === '') out['ssl.verify.hostname'] = 'false'
    else if (algorithm.trim().toLowerCase() === 'https') out['ssl.verify.hostname'] = 'true'
    else throw cannot('ssl.endpoint.identification.algorithm', 'only "https" or empty (off) are known')
  }
  return out
}

function looksLikePem(path: string): boolean {
  try {
    return readFileSync(path, 'utf8').includes('-----BEGIN ')
  } catch {
    return /\.(pem|crt|cer|key)$/i.test(path)
  }
}

export interface JaasConfig {
  loginModule: string
  flag: string
  options: Record<string, string>
}

/**
 * Parses a JAAS line as Java clients write it:
 *   org.apache.kafka.common.security.scram.ScramLoginModule required username="alice" password="s3cr\"et";
 */
export function parseJaasConfig(text: string): JaasConfig {
  const bad = (why: string) =>
    usageError(`sasl.jaas.config is not valid JAAS: ${why}`, 'Expected: <LoginModule> required username="USER" password="PASSWORD";')
  let i = 0
  const s = text.trim()
  const skip = () => {
    while (i < s.length && /\s/.test(s.charAt(i))) i++
  }
  const word = () => {
    skip()
    const m = /^[^\s=;"]+/.exec(s.slice(i))
    if (!m) return ''
    i += m[0].length
    return m[0]
  }
  const loginModule = word()
  if (!loginModule) throw bad('no login module')
  const flag = word()
  if (!/^(required|requisite|sufficient|optional)$/i.test(flag))
    throw bad(`the word after the login module is not a control flag (required, requisite, sufficient, optional)`)
  const options: Record<string, string> = {}
  for (;;) {
    skip()
    if (i >= s.length) throw bad('missing the closing ";"')
    if (s[i] === ';') break
    const key = word()
    skip()
    // Only the position: the text around it may be a password.
    if (!key || s[i] !== '=') throw bad(`expected key=value at character ${i + 1}`)
    i++
    skip()
    let value = ''
    if (s[i] === '"') {
      i++
      while (i < s.length && s[i] !== '"') {
        if (s[i] === '\\' && i + 1 < s.length) i++
        value += s[i++]
      }
      if (s[i] !== '"') throw bad(`unterminated quoted value for ${key}`)
      i++
    } else {
      value = word()
    }
    options[key] = value
  }
  return {loginModule, flag: flag.toLowerCase(), options}
}

/** Turns merged keys into the settings a client uses, reading PEM files and the password source. */
export function buildSecurity(keys: SecurityKeys, env: NodeJS.ProcessEnv = process.env): SecuritySettings {
  const oauthSource = keys['sasl.oauthbearer.token.command'] || keys['sasl.oauthbearer.token.endpoint.url']
  const hasSasl = Boolean(keys['sasl.mechanism'] || keys['sasl.username'] || oauthSource)
  const hasTls = Boolean(
    keys['ssl.ca.location'] ||
    keys['ssl.ca.pem'] ||
    keys['ssl.certificate.location'] ||
    keys['ssl.certificate.pem'] ||
    keys['ssl.insecure.skip.verify'] === 'true',
  )
  const protocolText = (
    keys['security.protocol'] ?? (hasSasl ? (hasTls ? 'SASL_SSL' : 'SASL_PLAINTEXT') : hasTls ? 'SSL' : 'PLAINTEXT')
  ).toUpperCase()
  if (!(SECURITY_PROTOCOLS as readonly string[]).includes(protocolText)) {
    throw usageError(`security.protocol "${keys['security.protocol']}" is not known`, `Use one of ${SECURITY_PROTOCOLS.join(', ')}.`)
  }
  const protocol = protocolText as SecurityProtocol
  const settings: SecuritySettings = {protocol}
  if (protocol.startsWith('SASL_')) {
    // A token source alone means OAUTHBEARER; otherwise PLAIN, as Java's default.
    const mechanism = (keys['sasl.mechanism'] ?? (oauthSource ? 'OAUTHBEARER' : 'PLAIN')).toUpperCase()
    if (!(SASL_MECHANISMS as readonly string[]).includes(mechanism)) {
      throw usageError(
        `sasl.mechanism "${keys['sasl.mechanism']}" is not supported`,
        `kfk speaks ${SASL_MECHANISMS.join(', ')} (not GSSAPI/Kerberos).`,
      )
    }
    if (mechanism === 'OAUTHBEARER') settings.sasl = oauthSasl(keys)
    else {
      const username = keys['sasl.username']
      if (!username) throw usageError(`${protocol} needs a user name`, 'Give --sasl-username USER (or username= in sasl.jaas.config).')
      const password = resolvePassword(keys, env, protocol)
      const sasl = {mechanism: mechanism as SaslMechanism, username} as SecuritySettings['sasl'] & object
      Object.defineProperty(sasl, 'password', {value: password, enumerable: false})
      settings.sasl = sasl
    }
  }
  if (protocol === 'SSL' || protocol === 'SASL_SSL') {
    const cert = pem(keys, 'ssl.certificate')
    const key = pem(keys, 'ssl.key')
    if (Boolean(cert) !== Boolean(key)) {
      throw usageError(
        'a client certificate needs its private key, and a key its certificate',
        'Give both --tls-cert FILE and --tls-key FILE (or one PEM file with both).',
      )
    }
    const tls: NonNullable<SecuritySettings['tls']> = {
      ca: pem(keys, 'ssl.ca'),
      cert,
      key,
      verifyHostname: keys['ssl.verify.hostname'] !== 'false',
      insecure: keys['ssl.insecure.skip.verify'] === 'true',
    }
    if (keys['ssl.key.password']) Object.defineProperty(tls, 'passphrase', {value: keys['ssl.key.password'], enumerable: false})
    settings.tls = tls
  }
  return settings
}

/** OAUTHBEARER's token source: a command, a token endpoint with client credentials, or an unsecured subject. */
function oauthSasl(keys: SecurityKeys): NonNullable<SecuritySettings['sasl']> {
  const oauth: OAuthSettings = {}
  const url = keys['sasl.oauthbearer.token.endpoint.url']
  if (keys['sasl.oauthbearer.token.command']) oauth.command = keys['sasl.oauthbearer.token.command']
  else if (url) {
    const clientId = keys['sasl.oauthbearer.client.id']
    if (!clientId)
      throw usageError(
        'the OAuth token endpoint needs a client id',
        'Give clientId= and clientSecret= in sasl.jaas.config (OAuthBearerLoginModule).',
      )
    oauth.endpoint = {url, clientId, scope: keys['sasl.oauthbearer.scope'], urlencode: keys['sasl.oauthbearer.header.urlencode'] === 'true'}
    Object.defineProperty(oauth.endpoint, 'clientSecret', {value: keys['sasl.oauthbearer.client.secret'], enumerable: false})
  } else if (keys['sasl.oauthbearer.unsecured.subject']) oauth.unsecuredSubject = keys['sasl.oauthbearer.unsecured.subject']
  else
    throw usageError(
      'OAUTHBEARER needs a token source',
      'Give --sasl-oauthbearer-token-command CMD (it prints the token), or a .properties file with sasl.oauthbearer.token.endpoint.url and clientId/clientSecret.',
    )
  const extensions = keys['sasl.oauthbearer.extensions']
  if (extensions)
    oauth.extensions = Object.fromEntries(extensions.split(',').map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]))
  // The user name only names the principal in messages: the token's subject when kfk can know it.
  const username = keys['sasl.username'] ?? oauth.unsecuredSubject ?? ''
  const sasl = {mechanism: 'OAUTHBEARER' as SaslMechanism, username, oauth} as NonNullable<SecuritySettings['sasl']>
  Object.defineProperty(sasl, 'password', {value: '', enumerable: false})
  return sasl
}

function resolvePassword(keys: SecurityKeys, env: NodeJS.ProcessEnv, protocol: string): string {
  if (keys['sasl.password'] !== undefined) return keys['sasl.password']
  const variable = keys['sasl.password.env']
  if (variable) {
    const value = env[variable]
    if (value === undefined)
      throw usageError(`the password variable ${variable} is not set`, `Export it, or give another source: --sasl-password-file FILE.`)
    return value
  }
  const file = keys['sasl.password.file']
  if (file) return readText(file, 'password file').replace(/\r?\n$/, '')
  throw usageError(
    `${protocol} needs a password`,
    'Give --sasl-password-file FILE or --sasl-password-env VAR (or KFK_SASL_PASSWORD, or password= in sasl.jaas.config).',
  )
}

function pem(keys: SecurityKeys, prefix: 'ssl.ca' | 'ssl.certificate' | 'ssl.key'): string | undefined {
  const inline = keys[`${prefix}.pem`]
  if (inline) return inline
  const path = keys[`${prefix}.location`]
  if (!path) return undefined
  const what = prefix === 'ssl.ca' ? 'CA file' : prefix === 'ssl.key' ? 'key file' : 'certificate file'
  const text = readText(path, what)
  if (!text.includes('-----BEGIN ')) {
    throw usageError(
      `${what} ${path} is not PEM`,
      'kfk reads PEM files ("-----BEGIN ..."); convert DER with: openssl x509 -inform der -in FILE -out FILE.pem',
    )
  }
  return text
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch (error) {
    throw usageError(`cannot read the ${what} ${path} (${fileProblem(error)})`, 'Check the path.')
  }
}

/** A value for display: secrets become ****, PEM text a short marker. */
export function displayValue(key: string, value: string): string {
  if (SECRET_KEYS.has(key)) return MASK
  if (key.endsWith('.pem')) return '(inline PEM)'
  return value
}
