/**
 * AlterUserScramCredentials — API key 51 (KIP-554). Version implemented: 0, flexible.
 * Any broker answers (it forwards to the controller).
 *
 * Request:  deletions [name COMPACT_STRING, mechanism INT8],
 *           upsertions [name COMPACT_STRING, mechanism INT8, iterations INT32,
 *                       salt COMPACT_BYTES, salted_password COMPACT_BYTES]
 * Response: throttle_time_ms INT32, results [user COMPACT_STRING, error_code INT16, error_message COMPACT_NULLABLE_STRING]
 * The password never travels: the client sends the salt and Hi(password, salt, iterations)
 * (RFC 5802; PBKDF2 with one block), as Java's admin client does.
 */
import {sendVersioned} from '../kafkajs/versions.js'
import type {BrokerConnection} from '../kafkajs/types.js'
import {defineRequest, errorOrNull} from './compact.js'
import {SCRAM_MECHANISMS, type ScramMechanism} from './describe-user-scram-credentials.js'

export const ALTER_USER_SCRAM_CREDENTIALS_API_KEY = 51
const VERSIONS = [0]

export interface ScramUpsertion {
  user: string
  mechanism: ScramMechanism
  iterations: number
  salt: Buffer
  saltedPassword: Buffer
}

export interface ScramDeletion {
  user: string
  mechanism: ScramMechanism
}

function protocol(deletions: readonly ScramDeletion[], upsertions: readonly ScramUpsertion[]) {
  return defineRequest<Array<{user: string; error: Error | null}>>({
    apiKey: ALTER_USER_SCRAM_CREDENTIALS_API_KEY,
    apiName: 'AlterUserScramCredentials',
    version: 0,
    flexible: true,
    encode: (e, w) => {
      w.array(e, deletions, (e, x) => {
        w.string(e, x.user)
        e.writeInt8(SCRAM_MECHANISMS[x.mechanism])
        w.tags(e)
      })
      w.array(e, upsertions, (e, x) => {
        w.string(e, x.user)
        e.writeInt8(SCRAM_MECHANISMS[x.mechanism])
        e.writeInt32(x.iterations)
        e.writeUVarIntBytes(x.salt)
        e.writeUVarIntBytes(x.saltedPassword)
        w.tags(e)
      })
      w.tags(e)
    },
    decode: (d, r) => {
      const throttleTimeMs = d.int32()
      const results = r.array(d, (d) => {
        const user = r.string(d)
        const code = d.int16()
        const message = r.nullableString(d)
        r.tags(d)
        return {user, error: errorOrNull(code, message)}
      })
      r.tags(d)
      return {throttleTimeMs, result: results}
    },
  })
}

/** Deletes and upserts SCRAM credentials; per user, null or the error the broker gave. */
export async function alterUserScramCredentials(
  broker: BrokerConnection,
  change: {deletions?: readonly ScramDeletion[]; upsertions?: readonly ScramUpsertion[]},
): Promise<Array<{user: string; error: Error | null}>> {
  return sendVersioned(broker, ALTER_USER_SCRAM_CREDENTIALS_API_KEY, {
    versions: VERSIONS,
    protocol: () => protocol(change.deletions ?? [], change.upsertions ?? []),
  })
}
