import type {ConfigEntry, EntityConfigs} from '../../core/configs/configs.js'
import {quotaEntityText} from '../../core/quotas/quotas.js'
import type {QuotaConfigs} from '../../core/quotas/user-configs.js'
import {colors} from '../colors.js'

export const CONFIG_HEAD = ['config', 'value', 'source']

export function configRows(configs: readonly ConfigEntry[]): string[][] {
  const c = colors()
  return configs.map((e) => [e.name, e.isSensitive ? c.dim('(sensitive)') : (e.value ?? c.dim('null')), e.source])
}

export function entityLabel(e: EntityConfigs): string {
  if (e.entityType === 'brokers')
    return e.entityName === '' ? 'Default configs for brokers in the cluster' : `Configs for broker ${e.entityName}`
  const what = {topics: 'topic', 'broker-loggers': 'broker logger', groups: 'group', 'client-metrics': 'client metrics'}[e.entityType]
  return `Configs for ${what} ${e.entityName}`
}

export const QUOTA_HEAD = ['entity', 'quota', 'value']

/** One row per quota value; SCRAM credentials of users as kafka-configs shows them (MECHANISM, iterations=N). */
export function quotaConfigRows(c: QuotaConfigs): string[][] {
  const rows = c.quotas.flatMap((q) => Object.entries(q.values).map(([k, v]) => [quotaEntityText(q.entity), k, String(v)]))
  for (const u of c.scram ?? [])
    for (const cred of u.credentials) rows.push([`user-principal '${u.user}'`, cred.mechanism, `iterations=${cred.iterations}`])
  return rows
}
