/**
 * IncrementalAlterConfigs — API key 44 (KIP-339). Versions implemented: 0-1; flexible 1+.
 *
 * Request:  resources [resource_type INT8, resource_name STRING,
 *                      configs [name STRING, config_operation INT8, value NULLABLE_STRING]],
 *           validate_only BOOLEAN
 * Response: throttle_time_ms INT32,
 *           responses [error_code INT16, error_message NULLABLE_STRING,
 *                      resource_type INT8, resource_name STRING]
 * config_operation: 0 SET, 1 DELETE, 2 APPEND, 3 SUBTRACT.
 * Routing: a broker (4) / broker-logger (8) resource must go to that broker, except the
 * cluster-wide default broker resource (""); topics go to any broker, which forwards
 * to the KRaft controller.
 */
import {sendVersioned} from '../kafkajs/versions.js'
import type {BrokerConnection, RawCluster} from '../kafkajs/types.js'
import {defineRequest, errorOrNull} from './compact.js'

export const INCREMENTAL_ALTER_CONFIGS_API_KEY = 44
const VERSIONS = [0, 1]

export const ConfigResourceType = {TOPIC: 2, BROKER: 4, BROKER_LOGGER: 8, CLIENT_METRICS: 16, GROUP: 32} as const
export type ConfigOp = 'set' | 'delete' | 'append' | 'subtract'
const OP_CODES: Record<ConfigOp, number> = {set: 0, delete: 1, append: 2, subtract: 3}

export interface AlterableConfig {
  name: string
  op: ConfigOp
  /** Ignored by the broker for 'delete'. */
  value?: string | null
}

export interface AlterConfigsResource {
  resourceType: number
  resourceName: string
  configs: AlterableConfig[]
}

export interface AlterConfigsResult {
  resourceType: number
  resourceName: string
  errorCode: number
  errorMessage: string | null
  /** kafkajs protocol error for errorCode, null on success. */
  error: Error | null
}

function protocol(version: number, resources: readonly AlterConfigsResource[], validateOnly: boolean) {
  return defineRequest<AlterConfigsResult[]>({
    apiKey: INCREMENTAL_ALTER_CONFIGS_API_KEY,
    apiName: 'IncrementalAlterConfigs',
    version,
    flexible: version >= 1,
    encode: (e, w) => {
      w.array(e, resources, (e, res) => {
        e.writeInt8(res.resourceType)
        w.string(e, res.resourceName)
        w.array(e, res.configs, (e, c) => {
          const code = OP_CODES[c.op]
          if (code === undefined) throw new Error(`unknown config operation '${String(c.op)}' for ${c.name}`)
          w.string(e, c.name)
          e.writeInt8(code)
          w.string(e, c.value ?? null)
          w.tags(e)
        })
        w.tags(e)
      })
      e.writeBoolean(validateOnly)
      w.tags(e)
    },
    decode: (d, r) => {
      const throttleTimeMs = d.int32()
      const result = r.array(d, (d): AlterConfigsResult => {
        const errorCode = d.int16()
        const errorMessage = r.nullableString(d)
        const resourceType = d.int8()
        const resourceName = r.string(d)
        r.tags(d)
        return {resourceType, resourceName, errorCode, errorMessage, error: errorOrNull(errorCode, errorMessage)}
      })
      r.tags(d)
      return {throttleTimeMs, result}
    },
  })
}

/** Sends one IncrementalAlterConfigs request to `broker` as is (no routing). */
export async function incrementalAlterConfigsOn(
  broker: BrokerConnection,
  resources: readonly AlterConfigsResource[],
  validateOnly = false,
): Promise<AlterConfigsResult[]> {
  return sendVersioned(broker, INCREMENTAL_ALTER_CONFIGS_API_KEY, {
    versions: VERSIONS,
    protocol: ({version}) => protocol(version, resources, validateOnly),
  })
}

/** The broker a resource must be altered on, or null for "any broker". */
function targetNode(res: AlterConfigsResource): number | null {
  const perBroker = res.resourceType === ConfigResourceType.BROKER || res.resourceType === ConfigResourceType.BROKER_LOGGER
  if (!perBroker || res.resourceName === '') return null
  const nodeId = Number(res.resourceName)
  if (!Number.isInteger(nodeId)) throw new Error(`broker resource name must be a broker id, got '${res.resourceName}'`)
  return nodeId
}

/**
 * Applies incremental config changes, routing each resource to the right broker.
 * Per-resource failures are returned (errorCode/errorMessage/error), not thrown;
 * results come back in the order of `resources`.
 */
export async function incrementalAlterConfigs(
  cluster: RawCluster,
  resources: readonly AlterConfigsResource[],
  options: {validateOnly?: boolean} = {},
): Promise<AlterConfigsResult[]> {
  const batches = new Map<number | null, AlterConfigsResource[]>()
  for (const res of resources) {
    const node = targetNode(res)
    batches.set(node, [...(batches.get(node) ?? []), res])
  }
  const results = await Promise.all(
    [...batches].map(async ([node, batch]) => {
      const broker = node === null ? await cluster.findControllerBroker() : await cluster.findBroker({nodeId: node})
      return incrementalAlterConfigsOn(broker, batch, options.validateOnly ?? false)
    }),
  )
  const flat = results.flat()
  const key = (type: number, name: string) => `${type}\u0000${name}`
  const byKey = new Map(flat.map((res) => [key(res.resourceType, res.resourceName), res]))
  return resources.map(
    (res) =>
      byKey.get(key(res.resourceType, res.resourceName)) ?? {
        resourceType: res.resourceType,
        resourceName: res.resourceName,
        errorCode: -1,
        errorMessage: 'no result for this resource in the broker response',
        error: new Error(`no result for resource ${res.resourceName} in the broker response`),
      },
  )
}
