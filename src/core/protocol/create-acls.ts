/**
 * CreateAcls — API key 30. Versions implemented: 1-3 (flexible from 2). Any broker
 * answers (it forwards to the controller).
 *
 * Request:  creations [resource_type INT8, resource_name STRING, resource_pattern_type INT8,
 *                      principal STRING, host STRING, operation INT8, permission_type INT8]
 * Response: throttle_time_ms INT32, results [error_code INT16, error_message NULLABLE_STRING]
 *           (one result per creation, in request order)
 */
import {sendVersioned} from '../kafkajs/versions.js'
import type {BrokerConnection} from '../kafkajs/types.js'
import type {AclBinding} from '../acls/model.js'
import {defineRequest, errorOrNull} from './compact.js'
import {writeAclFields} from './acl-fields.js'

export const CREATE_ACLS_API_KEY = 30
const VERSIONS = [1, 2, 3]

function protocol(version: number, bindings: readonly AclBinding[]) {
  return defineRequest<Array<Error | null>>({
    apiKey: CREATE_ACLS_API_KEY,
    apiName: 'CreateAcls',
    version,
    flexible: version >= 2,
    encode: (e, w) => {
      w.array(e, bindings, (e, b) => {
        writeAclFields(e, w, b)
        w.tags(e)
      })
      w.tags(e)
    },
    decode: (d, r) => {
      const throttleTimeMs = d.int32()
      const results = r.array(d, (d) => {
        const code = d.int16()
        const message = r.nullableString(d)
        r.tags(d)
        return errorOrNull(code, message)
      })
      r.tags(d)
      return {throttleTimeMs, result: results}
    },
  })
}

/** Creates `bindings`; per binding, in order, null or the error the broker gave. */
export async function createAcls(broker: BrokerConnection, bindings: readonly AclBinding[]): Promise<Array<Error | null>> {
  return sendVersioned(broker, CREATE_ACLS_API_KEY, {versions: VERSIONS, protocol: ({version}) => protocol(version, bindings)})
}
