import {Flags} from '@oclif/core'
import {readFile} from 'node:fs/promises'
import {SASL_MECHANISMS, SECURITY_PROTOCOLS} from '../config/security.js'
import type {ConnectionFlags} from '../config/settings.js'
import {validateClusterName} from '../cluster/state.js'
import {EXIT, fileProblem, KfkError} from '../cli/errors.js'

/** Shared flag builders, so every command spells them the same way. */
const clusterName = (char?: 'n') =>
  Flags.string({
    char,
    default: 'local',
    description: 'Name of the local cluster (several can run side by side on different ports).',
    // The name is a directory under the state dir: no path separators or dot-names.
    parse: async (name) => validateClusterName(name),
  })
export const clusterNameFlag = clusterName('n')
/** --name without -n, for commands where -n is a count (cluster logs -n LINES). */
export const clusterNameLongFlag = clusterName()

export const waitFlag = Flags.integer({
  default: 180,
  min: 1,
  description: 'Seconds to wait for the brokers to answer before giving up.',
})

/** kafka-topics' `--topic NAME`, accepted beside the positional topic names (repeatable). */
export const topicNameFlag = Flags.string({
  char: 't',
  multiple: true,
  helpValue: 'NAME',
  description: 'Topic name (kafka-topics spelling; same as the positional argument).',
})

/** `--config k=v`, repeatable (kafka-topics spelling). */
export const topicConfigFlag = Flags.string({
  char: 'c',
  multiple: true,
  helpValue: 'key=value',
  description: 'A topic config, e.g. retention.ms=86400000 (repeatable).',
})

/** --profile and the TLS/SASL flags every Kafka command takes (help group GLOBAL). */
export const connectionSecurityFlags = {
  profile: Flags.string({
    helpGroup: 'GLOBAL',
    helpValue: 'NAME',
    description: 'Connection profile to use (env KFK_PROFILE; default: the active one, see kfk profile list).',
  }),
  'security-protocol': Flags.string({
    helpGroup: 'GLOBAL',
    options: [...SECURITY_PROTOCOLS],
    description: 'PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (Java: security.protocol).',
  }),
  'sasl-mechanism': Flags.string({
    helpGroup: 'GLOBAL',
    options: [...SASL_MECHANISMS],
    description: 'SASL mechanism (Java: sasl.mechanism; default PLAIN; OAUTHBEARER with a token command or endpoint).',
  }),
  'sasl-username': Flags.string({helpGroup: 'GLOBAL', helpValue: 'USER', description: 'SASL user name (env KFK_SASL_USERNAME).'}),
  'sasl-password-file': Flags.string({
    helpGroup: 'GLOBAL',
    helpValue: 'FILE',
    description: 'Read the SASL password from this file (never give a password on the command line).',
  }),
  'sasl-password-env': Flags.string({
    helpGroup: 'GLOBAL',
    helpValue: 'VAR',
    description: 'Read the SASL password from this environment variable (default KFK_SASL_PASSWORD).',
  }),
  'sasl-oauthbearer-token-command': Flags.string({
    helpGroup: 'GLOBAL',
    helpValue: 'CMD',
    description: 'OAUTHBEARER: a shell command that prints a token (run again before the token expires).',
  }),
  'tls-ca': Flags.string({
    helpGroup: 'GLOBAL',
    helpValue: 'FILE',
    description: 'PEM file of CA certificates to trust (default: the system CAs).',
  }),
  'tls-cert': Flags.string({helpGroup: 'GLOBAL', helpValue: 'FILE', description: 'PEM client certificate, for mutual TLS.'}),
  'tls-key': Flags.string({helpGroup: 'GLOBAL', helpValue: 'FILE', description: 'PEM private key of --tls-cert.'}),
  'tls-insecure-skip-verify': Flags.boolean({
    helpGroup: 'GLOBAL',
    description: 'Do not verify broker certificates (unsafe; warns on every use).',
  }),
}

export function pickSecurityFlags(flags: Record<string, unknown>): Partial<ConnectionFlags> {
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(connectionSecurityFlags)) if (flags[key] !== undefined) out[key] = flags[key]
  return out as Partial<ConnectionFlags>
}

/** The text of a file flag; '-' reads stdin to its end. A missing or unreadable file is a usage error naming it. */
export async function readFileFlag(file: string): Promise<string> {
  if (file === '-') {
    const chunks: Buffer[] = []
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
    return Buffer.concat(chunks).toString('utf8')
  }
  try {
    return await readFile(file, 'utf8')
  } catch (error) {
    throw new KfkError(`cannot read ${file}: ${fileProblem(error)}`, {exit: EXIT.usage})
  }
}

/**
 * The items of a list flag as kafka-*.sh take them, comma-separated, repeated
 * or both (`--topic a,b --topic c`): trimmed, empty ones dropped; undefined
 * when the flag was not given.
 */
export function commaList(values: string | readonly string[]): string[]
export function commaList(values: string | readonly string[] | undefined): string[] | undefined
export function commaList(values: string | readonly string[] | undefined): string[] | undefined {
  if (values === undefined) return undefined
  return (typeof values === 'string' ? [values] : values)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean)
}

/** Repeatable `--property k=v` (and the Java tools' other k=v flags) into a map; a value without `=` is a usage error naming it. */
export function parsePropertyFlags(values: string[], flag = '--property'): Record<string, string> {
  const out: Record<string, string> = {}
  for (const v of values) {
    const i = v.indexOf('=')
    if (i <= 0)
      throw new KfkError(`${flag} "${v}" is not key=value`, {
        exit: EXIT.usage,
        hint: `Example: ${flag} ${flag === '--property' ? 'print.key=true' : 'acks=all'}`,
      })
    out[v.slice(0, i)] = v.slice(i + 1)
  }
  return out
}
