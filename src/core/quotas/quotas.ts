/**
 * Client quotas (KIP-546): the byte rates, request share and mutation rate of
 * users and client ids, and connection rates of IPs, as kafka-configs.sh
 * --entity-type users|clients|ips sets them, on kfk's own
 * DescribeClientQuotas/AlterClientQuotas.
 */
import {anyBroker} from '../kafkajs/cluster.js'
import type {RawCluster} from '../kafkajs/types.js'
import {errorType} from '../kafkajs/load.js'
import {KfkError} from '../../cli/errors.js'
import type {KafkaClient} from '../kafkajs/client.js'
import {untilEveryBroker} from '../read-your-writes.js'
import {alterClientQuotas} from '../protocol/alter-client-quotas.js'
import {
  describeClientQuotas,
  type QuotaEntityPart,
  type QuotaEntityType,
  type QuotaEntry,
  type QuotaFilterComponent,
} from '../protocol/describe-client-quotas.js'

export type {QuotaEntityPart, QuotaEntityType, QuotaEntry, QuotaFilterComponent}

/** Quota keys by entity type and whether their value is a whole number (QuotaConfig). */
const KEYS: Record<QuotaEntityType, Record<string, 'integer' | 'number'>> = {
  user: {producer_byte_rate: 'integer', consumer_byte_rate: 'integer', request_percentage: 'number', controller_mutation_rate: 'number'},
  'client-id': {
    producer_byte_rate: 'integer',
    consumer_byte_rate: 'integer',
    request_percentage: 'number',
    controller_mutation_rate: 'number',
  },
  ip: {connection_creation_rate: 'integer'},
}

/** kafka-configs' words for an entity: "user-principal 'alice', client-id 'app'", "the default ip". */
export function quotaEntityText(entity: readonly QuotaEntityPart[]): string {
  const word = {user: 'user-principal', 'client-id': 'client-id', ip: 'ip'}
  return entity.map((p) => (p.name === null ? `the default ${word[p.type]}` : `${word[p.type]} '${p.name}'`)).join(', ')
}

/** Checks quota keys and values for an entity, as numbers; a bad key or value is a usage error naming it. */
export function quotaOps(
  entity: readonly QuotaEntityPart[],
  set: Record<string, string>,
  remove: readonly string[],
): Record<string, number | null> {
  const types = entity.map((p) => p.type)
  const allowed = Object.fromEntries(types.flatMap((t) => Object.entries(KEYS[t])))
  const ops: Record<string, number | null> = {}
  for (const key of [...Object.keys(set), ...remove]) {
    if (!(key in allowed))
      throw new KfkError(`${key} is not a quota of ${quotaEntityText(entity)}`, {
        exit: 2,
        hint: `Quotas here: ${Object.keys(allowed).join(', ')}.`,
      })
  }
  for (const [key, text] of Object.entries(set)) {
    const value = Number(text.trim())
    const whole = allowed[key] === 'integer'
    if (text.trim() === '' || !Number.isFinite(value) || value < 0 || (whole && !Number.isInteger(value)))
      throw new KfkError(`${key}=${text} is not a ${whole ? 'whole number' : 'number'} of 0 or more`, {
        exit: 2,
        hint: key.endsWith('byte_rate') ? 'Byte rates are bytes per second, e.g. producer_byte_rate=1048576.' : undefined,
      })
    ops[key] = value
  }
  for (const key of remove) ops[key] = null
  return ops
}

/** The quotas matching the components (strict: entities of exactly those types), sorted by entity. */
export async function describeQuotas(
  client: KafkaClient,
  components: readonly QuotaFilterComponent[],
  strict = true,
): Promise<QuotaEntry[]> {
  const entries = await client.run('describe client quotas', async () =>
    describeClientQuotas(await anyBroker(await client.cluster()), components, strict),
  )
  // Parts in kafka-configs' order (user, client id, ip), whatever order the broker keeps.
  const rank = {user: 0, 'client-id': 1, ip: 2}
  for (const e of entries) e.entity.sort((a, b) => rank[a.type] - rank[b.type])
  return entries.sort((a, b) => quotaEntityText(a.entity).localeCompare(quotaEntityText(b.entity)))
}

export interface QuotaChangeResult {
  entity: QuotaEntityPart[]
  ok: boolean
  error?: string
}

/** Sets and removes one entity's quotas, then waits until every broker enforces them (best effort). */
export async function alterQuotas(
  client: KafkaClient,
  entity: QuotaEntityPart[],
  ops: Record<string, number | null>,
  validateOnly: boolean,
): Promise<QuotaChangeResult> {
  const cluster = await client.cluster()
  const [result] = await client.run('alter client quotas', async () =>
    alterClientQuotas(await anyBroker(cluster), [{entity, ops}], validateOnly),
  )
  if (result?.error) return {entity, ok: false, error: `${errorType(result.error) ?? 'error'}: ${result.error.message}`}
  if (!validateOnly) await untilApplied(client, cluster, entity, ops)
  return {entity, ok: true}
}

/** Until every broker reports the entity's quotas as set (and the removed ones gone). */
function untilApplied(client: KafkaClient, cluster: RawCluster, entity: QuotaEntityPart[], ops: Record<string, number | null>) {
  const filter = entity.map((p) => ({type: p.type, match: p.name}))
  return untilEveryBroker(
    cluster,
    client.settings.timeoutMs,
    async (broker) => (await describeClientQuotas(broker, filter, true))[0]?.values ?? {},
    (values) => Object.entries(ops).every(([k, v]) => (v === null ? !(k in values) : values[k] === v)),
  )
}
