/**
 * kafka-configs --describe for users, clients and ips: the quotas of the
 * matching entities, and for users (not paired with a client, not the
 * default) their SCRAM credentials, as the Java tool shows them together.
 */
import {isUnsupportedApi} from '../kafkajs/versions.js'
import {usageError} from '../../cli/errors.js'
import type {KafkaClient} from '../kafkajs/client.js'
import {deleteScramCredentials, describeScramUsers, type ScramMechanism, type ScramUser} from '../users/scram.js'
import {alterQuotas, describeQuotas, quotaEntityText, quotaOps, type QuotaEntry, type QuotaFilterComponent} from './quotas.js'

export interface QuotaConfigs {
  quotas: QuotaEntry[]
  /** Only when users are described by name alone. */
  scram?: ScramUser[]
}

export async function describeQuotaConfigs(client: KafkaClient, parts: QuotaFilterComponent[]): Promise<QuotaConfigs> {
  const quotas = await describeQuotas(client, parts)
  const user = parts.find((p) => p.type === 'user')
  if (!user || parts.length > 1 || user.match === null) return {quotas}
  // A KRaft cluster before 3.5 keeps no SCRAM users (KIP-900): its users' quotas alone, as there is nothing else.
  const scram = await describeScramUsers(client, user.match === undefined ? null : [user.match]).catch((error: unknown) => {
    if (isUnsupportedApi(error)) return undefined
    throw error
  })
  return scram ? {quotas, scram: scram.filter((u) => !u.error)} : {quotas}
}

export interface QuotaConfigChange {
  /** kafka-configs' words for the entity. */
  entity: string
  ok: boolean
  error?: string
}

/**
 * kafka-configs --alter for users, clients and ips: quota keys set and
 * removed, or (users only, never together with quotas, as in the Java tool)
 * SCRAM credentials deleted by mechanism.
 */
export async function alterQuotaConfigs(
  client: KafkaClient,
  parts: QuotaFilterComponent[],
  change: {set: Record<string, string>; del: string[]},
  validateOnly: boolean,
): Promise<QuotaConfigChange[]> {
  const entity = parts.map((p) => ({type: p.type, name: p.match ?? null}))
  const scram = change.del.filter((k) => /^SCRAM-SHA-(256|512)$/i.test(k)).map((k) => k.toUpperCase() as ScramMechanism)
  if (scram.length > 0) {
    const user = entity.length === 1 && entity[0]!.type === 'user' ? entity[0]!.name : null
    if (user === null)
      throw usageError('SCRAM credentials belong to one named user', 'Give --entity-type users --entity-name USER (or --user USER).')
    if (scram.length !== change.del.length || Object.keys(change.set).length > 0)
      throw usageError('quotas and SCRAM credentials are altered separately', 'Run one command for the quotas and one for the credentials.')
    if (validateOnly) throw usageError('--validate-only does not apply to SCRAM credentials')
    const changes = await deleteScramCredentials(client, user, scram)
    return changes.map((c) => ({entity: `${quotaEntityText(entity)} ${c.mechanism}`, ok: !c.error, error: c.error}))
  }
  const result = await alterQuotas(client, entity, quotaOps(entity, change.set, change.del), validateOnly)
  return [{entity: quotaEntityText(entity), ok: result.ok, error: result.error}]
}
