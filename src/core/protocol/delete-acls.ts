/**
 * DeleteAcls — API key 31. Versions implemented: 1-3 (flexible from 2). Any broker
 * answers (it forwards to the controller).
 *
 * Request:  filters [resource_type_filter INT8, resource_name_filter NULLABLE_STRING,
 *                    pattern_type_filter INT8, principal_filter NULLABLE_STRING,
 *                    host_filter NULLABLE_STRING, operation INT8, permission_type INT8]
 * Response: throttle_time_ms INT32,
 *           filter_results [error_code INT16, error_message NULLABLE_STRING,
 *             matching_acls [error_code INT16, error_message NULLABLE_STRING, resource_type INT8,
 *               resource_name STRING, pattern_type INT8, principal STRING, host STRING,
 *               operation INT8, permission_type INT8]]
 */
import {sendVersioned} from '../kafkajs/versions.js'
import type {BrokerConnection} from '../kafkajs/types.js'
import type {AclBinding, AclFilter} from '../acls/model.js'
import {defineRequest, errorOrNull} from './compact.js'
import {readAclEntry, readAclResource, writeAclFields} from './acl-fields.js'

export const DELETE_ACLS_API_KEY = 31
const VERSIONS = [1, 2, 3]

export interface DeleteAclsResult {
  /** The filter's own error (nothing was deleted for it). */
  error: Error | null
  /** The ACLs the filter matched, each deleted unless it has an error. */
  matches: Array<{binding: AclBinding; error: Error | null}>
}

function protocol(version: number, filters: readonly AclFilter[]) {
  return defineRequest<DeleteAclsResult[]>({
    apiKey: DELETE_ACLS_API_KEY,
    apiName: 'DeleteAcls',
    version,
    flexible: version >= 2,
    encode: (e, w) => {
      w.array(e, filters, (e, f) => {
        writeAclFields(e, w, f)
        w.tags(e)
      })
      w.tags(e)
    },
    decode: (d, r) => {
      const throttleTimeMs = d.int32()
      const results = r.array(d, (d): DeleteAclsResult => {
        const code = d.int16()
        const message = r.nullableString(d)
        const matches = r.array(d, (d) => {
          const matchCode = d.int16()
          const matchMessage = r.nullableString(d)
          const binding: AclBinding = {...readAclResource(d, r), ...readAclEntry(d, r)}
          r.tags(d)
          return {binding, error: errorOrNull(matchCode, matchMessage)}
        })
        r.tags(d)
        return {error: errorOrNull(code, message), matches}
      })
      r.tags(d)
      return {throttleTimeMs, result: results}
    },
  })
}

/** Deletes the ACLs matching each filter; per filter, in order, what matched and what failed. */
export async function deleteAcls(broker: BrokerConnection, filters: readonly AclFilter[]): Promise<DeleteAclsResult[]> {
  return sendVersioned(broker, DELETE_ACLS_API_KEY, {versions: VERSIONS, protocol: ({version}) => protocol(version, filters)})
}
