/**
 * DescribeClientQuotas — API key 48 (KIP-546). Versions implemented: 0-1 (flexible from 1).
 * Any broker answers.
 *
 * Request:  components [entity_type STRING, match_type INT8 (0 exact, 1 default, 2 any),
 *                       match NULLABLE_STRING], strict BOOLEAN
 * Response: throttle_time_ms INT32, error_code INT16, error_message NULLABLE_STRING,
 *           entries NULLABLE [entity [entity_type STRING, entity_name NULLABLE_STRING],
 *                             values [key STRING, value FLOAT64]]
 * Entity types are "user", "client-id" and "ip"; a null entity name is the default.
 */
import {sendVersioned} from '../kafkajs/versions.js'
import type {BrokerConnection} from '../kafkajs/types.js'
import {defineRequest, errorOrNull, type Reader} from './compact.js'
import type {ByteReader} from './bytes.js'

export const DESCRIBE_CLIENT_QUOTAS_API_KEY = 48
const VERSIONS = [0, 1]

export type QuotaEntityType = 'user' | 'client-id' | 'ip'
/** One part of a quota entity: a type and a name (null: the default entity of that type). */
export interface QuotaEntityPart {
  type: QuotaEntityType
  name: string | null
}

/** A filter component: one entity (name), the default (null), or any entity of the type (undefined). */
export interface QuotaFilterComponent {
  type: QuotaEntityType
  match: string | null | undefined
}

export interface QuotaEntry {
  entity: QuotaEntityPart[]
  values: Record<string, number>
}

/** Reads an entity (array of type + nullable name), shared with AlterClientQuotas. */
export function readQuotaEntity(d: ByteReader, r: Reader): QuotaEntityPart[] {
  return r.array(d, (d) => {
    const part = {type: r.string(d) as QuotaEntityType, name: r.nullableString(d)}
    r.tags(d)
    return part
  })
}

function protocol(version: number, components: readonly QuotaFilterComponent[], strict: boolean) {
  return defineRequest<{error: Error | null; entries: QuotaEntry[]}>({
    apiKey: DESCRIBE_CLIENT_QUOTAS_API_KEY,
    apiName: 'DescribeClientQuotas',
    version,
    flexible: version >= 1,
    encode: (e, w) => {
      w.array(e, components, (e, c) => {
        w.string(e, c.type)
        e.writeInt8(c.match === undefined ? 2 : c.match === null ? 1 : 0)
        w.string(e, c.match ?? null)
        w.tags(e)
      })
      e.writeBoolean(strict)
      w.tags(e)
    },
    decode: (d, r) => {
      const throttleTimeMs = d.int32()
      const errorCode = d.int16()
      const errorMessage = r.nullableString(d)
      const entries = r.array(d, (d): QuotaEntry => {
        const entity = readQuotaEntity(d, r)
        const values: Record<string, number> = {}
        r.array(d, (d) => {
          const key = r.string(d)
          values[key] = d.float64()
          r.tags(d)
        })
        r.tags(d)
        return {entity, values}
      })
      r.tags(d)
      return {throttleTimeMs, result: {error: errorOrNull(errorCode, errorMessage), entries}}
    },
  })
}

/** The quotas whose entity matches every component (`strict`: and has no other parts); throws the top-level error. */
export async function describeClientQuotas(
  broker: BrokerConnection,
  components: readonly QuotaFilterComponent[],
  strict: boolean,
): Promise<QuotaEntry[]> {
  const {error, entries} = await sendVersioned(broker, DESCRIBE_CLIENT_QUOTAS_API_KEY, {
    versions: VERSIONS,
    protocol: ({version}) => protocol(version, components, strict),
  })
  if (error) throw error
  return entries
}
