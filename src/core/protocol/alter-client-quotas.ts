/**
 * AlterClientQuotas — API key 49 (KIP-546). Versions implemented: 0-1 (flexible from 1).
 * Any broker answers (it forwards to the controller).
 *
 * Request:  entries [entity [entity_type STRING, entity_name NULLABLE_STRING],
 *                    ops [key STRING, value FLOAT64, remove BOOLEAN]], validate_only BOOLEAN
 * Response: throttle_time_ms INT32,
 *           entries [error_code INT16, error_message NULLABLE_STRING,
 *                    entity [entity_type STRING, entity_name NULLABLE_STRING]]
 */
import {sendVersioned} from '../kafkajs/versions.js'
import type {BrokerConnection} from '../kafkajs/types.js'
import {defineRequest, errorOrNull, writeFloat64} from './compact.js'
import {readQuotaEntity, type QuotaEntityPart} from './describe-client-quotas.js'

export const ALTER_CLIENT_QUOTAS_API_KEY = 49
const VERSIONS = [0, 1]

export interface QuotaAlteration {
  entity: QuotaEntityPart[]
  /** Keys to set (a value) or remove (null). */
  ops: Record<string, number | null>
}

function protocol(version: number, alterations: readonly QuotaAlteration[], validateOnly: boolean) {
  return defineRequest<Array<{entity: QuotaEntityPart[]; error: Error | null}>>({
    apiKey: ALTER_CLIENT_QUOTAS_API_KEY,
    apiName: 'AlterClientQuotas',
    version,
    flexible: version >= 1,
    encode: (e, w) => {
      w.array(e, alterations, (e, a) => {
        w.array(e, a.entity, (e, part) => {
          w.string(e, part.type)
          w.string(e, part.name)
          w.tags(e)
        })
        w.array(e, Object.entries(a.ops), (e, [key, value]) => {
          w.string(e, key)
          writeFloat64(e, value ?? 0)
          e.writeBoolean(value === null)
          w.tags(e)
        })
        w.tags(e)
      })
      e.writeBoolean(validateOnly)
      w.tags(e)
    },
    decode: (d, r) => {
      const throttleTimeMs = d.int32()
      const entries = r.array(d, (d) => {
        const code = d.int16()
        const message = r.nullableString(d)
        const entity = readQuotaEntity(d, r)
        r.tags(d)
        return {entity, error: errorOrNull(code, message)}
      })
      r.tags(d)
      return {throttleTimeMs, result: entries}
    },
  })
}

/** Sets and removes quota values per entity; per entity, null or the error the broker gave. */
export async function alterClientQuotas(
  broker: BrokerConnection,
  alterations: readonly QuotaAlteration[],
  validateOnly = false,
): Promise<Array<{entity: QuotaEntityPart[]; error: Error | null}>> {
  return sendVersioned(broker, ALTER_CLIENT_QUOTAS_API_KEY, {
    versions: VERSIONS,
    protocol: ({version}) => protocol(version, alterations, validateOnly),
  })
}
