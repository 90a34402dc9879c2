/**
 * DescribeUserScramCredentials — API key 50 (KIP-554). Version implemented: 0, flexible.
 * Any broker answers.
 *
 * Request:  users COMPACT_NULLABLE_ARRAY [name COMPACT_STRING]   (null: every user)
 * Response: throttle_time_ms INT32, error_code INT16, error_message COMPACT_NULLABLE_STRING,
 *           results [user COMPACT_STRING, error_code INT16, error_message COMPACT_NULLABLE_STRING,
 *                    credential_infos [mechanism INT8, iterations INT32]]
 * A named user without credentials is a per-user RESOURCE_NOT_FOUND (91).
 */
import {sendVersioned} from '../kafkajs/versions.js'
import type {BrokerConnection} from '../kafkajs/types.js'
import {defineRequest, errorOrNull} from './compact.js'

export const DESCRIBE_USER_SCRAM_CREDENTIALS_API_KEY = 50
const VERSIONS = [0]

/** Kafka's SCRAM mechanism codes (ScramMechanism). */
export const SCRAM_MECHANISMS = {'SCRAM-SHA-256': 1, 'SCRAM-SHA-512': 2} as const
export type ScramMechanism = keyof typeof SCRAM_MECHANISMS

export function scramMechanismName(code: number): ScramMechanism | 'UNKNOWN' {
  return (Object.keys(SCRAM_MECHANISMS) as ScramMechanism[]).find((m) => SCRAM_MECHANISMS[m] === code) ?? 'UNKNOWN'
}

export interface UserScramCredentials {
  user: string
  /** Kafka's code (kafkajs 2.2.4 does not know 91, RESOURCE_NOT_FOUND: the user has no credentials). */
  errorCode: number
  error: Error | null
  credentials: Array<{mechanism: ScramMechanism | 'UNKNOWN'; iterations: number}>
}

function protocol(users: readonly string[] | null) {
  return defineRequest<{error: Error | null; results: UserScramCredentials[]}>({
    apiKey: DESCRIBE_USER_SCRAM_CREDENTIALS_API_KEY,
    apiName: 'DescribeUserScramCredentials',
    version: 0,
    flexible: true,
    encode: (e, w) => {
      if (users === null) e.writeUVarInt(0)
      else
        w.array(e, users, (e, name) => {
          w.string(e, name)
          w.tags(e)
        })
      w.tags(e)
    },
    decode: (d, r) => {
      const throttleTimeMs = d.int32()
      const errorCode = d.int16()
      const errorMessage = r.nullableString(d)
      const results = r.array(d, (d): UserScramCredentials => {
        const user = r.string(d)
        const code = d.int16()
        const message = r.nullableString(d)
        const credentials = r.array(d, (d) => {
          const info = {mechanism: scramMechanismName(d.int8()), iterations: d.int32()}
          r.tags(d)
          return info
        })
        r.tags(d)
        return {user, errorCode: code, error: errorOrNull(code, message), credentials}
      })
      r.tags(d)
      return {throttleTimeMs, result: {error: errorOrNull(errorCode, errorMessage), results}}
    },
  })
}

/** The SCRAM credentials of `users` (null: of every user); throws the top-level error. */
export async function describeUserScramCredentials(
  broker: BrokerConnection,
  users: readonly string[] | null,
): Promise<UserScramCredentials[]> {
  const {error, results} = await sendVersioned(broker, DESCRIBE_USER_SCRAM_CREDENTIALS_API_KEY, {
    versions: VERSIONS,
    protocol: () => protocol(users),
  })
  if (error) throw error
  return results
}
