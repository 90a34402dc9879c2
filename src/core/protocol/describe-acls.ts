/**
 * DescribeAcls — API key 29. Versions implemented: 1-3 (flexible from 2; v0, without
 * pattern types, is gone from Kafka 4). Any broker answers.
 *
 * Request:  resource_type_filter INT8, resource_name_filter NULLABLE_STRING, pattern_type_filter INT8,
 *           principal_filter NULLABLE_STRING, host_filter NULLABLE_STRING, operation INT8, permission_type INT8
 * Response: throttle_time_ms INT32, error_code INT16, error_message NULLABLE_STRING,
 *           resources [resource_type INT8, resource_name STRING, pattern_type INT8,
 *                      acls [principal STRING, host STRING, operation INT8, permission_type INT8]]
 * SECURITY_DISABLED (54) when the cluster has no authorizer.
 */
import {sendVersioned} from '../kafkajs/versions.js'
import type {BrokerConnection} from '../kafkajs/types.js'
import type {AclBinding, AclFilter} from '../acls/model.js'
import {defineRequest, errorOrNull} from './compact.js'
import {readAclEntry, readAclResource, writeAclFields} from './acl-fields.js'

export const DESCRIBE_ACLS_API_KEY = 29
const VERSIONS = [1, 2, 3]

function protocol(version: number, filter: AclFilter) {
  return defineRequest<{error: Error | null; bindings: AclBinding[]}>({
    apiKey: DESCRIBE_ACLS_API_KEY,
    apiName: 'DescribeAcls',
    version,
    flexible: version >= 2,
    encode: (e, w) => {
      writeAclFields(e, w, filter)
      w.tags(e)
    },
    decode: (d, r) => {
      const throttleTimeMs = d.int32()
      const errorCode = d.int16()
      const errorMessage = r.nullableString(d)
      const resources = r.array(d, (d) => {
        const resource = readAclResource(d, r)
        const acls = r.array(d, (d) => {
          const entry = readAclEntry(d, r)
          r.tags(d)
          return entry
        })
        r.tags(d)
        return acls.map((acl): AclBinding => ({...resource, ...acl}))
      })
      r.tags(d)
      return {throttleTimeMs, result: {error: errorOrNull(errorCode, errorMessage), bindings: resources.flat()}}
    },
  })
}

/** The ACLs `broker` knows that match `filter`; throws the top-level error. */
export async function describeAcls(broker: BrokerConnection, filter: AclFilter): Promise<AclBinding[]> {
  const {error, bindings} = await sendVersioned(broker, DESCRIBE_ACLS_API_KEY, {
    versions: VERSIONS,
    protocol: ({version}) => protocol(version, filter),
  })
  if (error) throw error
  return bindings
}
