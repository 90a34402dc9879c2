import type {ConfigEntry, EntityConfigs} from '../../core/configs/configs.js'
import {colors} from '../colors.js'

export const CONFIG_HEAD = ['config', 'value', 'source']

export function configRows(configs: readonly ConfigEntry[]): string[][] {
  const c = colors()
  return configs.map((e) => [e.name, e.isSensitive ? c.dim('(sensitive)') : (e.value ?? c.dim('null')), e.source])
}

export function entityLabel(e: EntityConfigs): string {
  if (e.entityType === 'brokers')
    return e.entityName === '' ? 'Default configs for brokers in the cluster' : `Configs for broker ${e.entityName}`
  return `Configs for topic ${e.entityName}`
}
