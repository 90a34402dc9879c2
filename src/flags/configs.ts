import {Flags} from '@oclif/core'
import {usageError} from '../cli/errors.js'
import {commaList} from './shared.js'
import {parseConfigPairs, splitConfigList} from '../core/topics/rules.js'
import type {EntityType} from '../core/configs/configs.js'
import type {QuotaEntityType, QuotaFilterComponent} from '../core/quotas/quotas.js'

const RESOURCE_TYPES = ['topics', 'brokers', 'broker-loggers', 'groups', 'client-metrics'] as const
const QUOTA_TYPES: Record<string, QuotaEntityType> = {users: 'user', clients: 'client-id', ips: 'ip'}

/** kafka-configs.sh's entity flags: --entity-type/--entity-name/--entity-default and the shorthands. */
export const configEntityFlags = {
  'entity-type': Flags.string({
    multiple: true,
    options: [...RESOURCE_TYPES, ...Object.keys(QUOTA_TYPES)],
    description: 'topics, brokers, broker-loggers, groups, client-metrics, or users, clients, ips (quotas; users+clients pair).',
  }),
  'entity-name': Flags.string({multiple: true, description: "The entity's name, one per --entity-type (repeatable)."}),
  'entity-default': Flags.boolean({description: 'The default entity of the last --entity-type (brokers, users, clients, ips).'}),
  topic: Flags.string({helpValue: 'TOPIC', description: 'Same as --entity-type topics --entity-name TOPIC.'}),
  broker: Flags.string({helpValue: 'ID', description: 'A broker id.'}),
  'broker-defaults': Flags.boolean({description: 'The cluster-wide broker default.'}),
  'broker-logger': Flags.string({helpValue: 'ID', description: "A broker's log levels."}),
  group: Flags.string({helpValue: 'GROUP', description: 'A group id (group configs, Kafka 4.0+).'}),
  'client-metrics': Flags.string({helpValue: 'NAME', description: 'A client metrics subscription.'}),
  user: Flags.string({helpValue: 'USER', description: "A user's quotas (and SCRAM credentials)."}),
  'user-defaults': Flags.boolean({description: 'The default quotas of users.'}),
  client: Flags.string({helpValue: 'ID', description: "A client id's quotas."}),
  'client-defaults': Flags.boolean({description: 'The default quotas of client ids.'}),
  ip: Flags.string({helpValue: 'IP', description: "An IP address's connection rate."}),
  'ip-defaults': Flags.boolean({description: 'The default connection rate of IPs.'}),
}

export interface ConfigEntityChoices {
  'entity-type'?: string[]
  'entity-name'?: string[]
  'entity-default'?: boolean
  topic?: string
  broker?: string
  'broker-defaults'?: boolean
  'broker-logger'?: string
  group?: string
  'client-metrics'?: string
  user?: string
  'user-defaults'?: boolean
  client?: string
  'client-defaults'?: boolean
  ip?: string
  'ip-defaults'?: boolean
}

/** What a configs command acts on: config resources of one type (no names: all of them), or one quota entity. */
export type ConfigTarget =
  | {kind: 'resource'; type: EntityType; names: string[]}
  /** Quota entity parts; a part's match is its name, null for the default, undefined for any (describe only). */
  | {kind: 'quota'; parts: QuotaFilterComponent[]}

export function configTarget(f: ConfigEntityChoices, purpose: 'describe' | 'alter'): ConfigTarget {
  // (type, name) pairs in kafka-configs' order: --entity-type with --entity-name by position, "" = default.
  const types = f['entity-type'] ?? []
  // kafka-configs pairs --entity-default with the --entity-type before it on the command line, an order
  // kfk's flag parser does not keep: with two types it would be a guess, so the shorthands say it instead.
  if (f['entity-default'] && types.length > 1)
    throw usageError(
      '--entity-default with two --entity-type values is ambiguous here',
      'Say which default: --user-defaults, --client-defaults (with --user U or --client C for the other part).',
    )
  const names = [...(f['entity-name'] ?? []), ...(f['entity-default'] ? [''] : [])]
  if (names.length > types.length && types.length !== 1)
    throw usageError(
      'more --entity-name values than --entity-type',
      'Give one --entity-type per name (a topic or broker type may take several names).',
    )
  const pairs: Array<[string, string | undefined]> =
    types.length === 1
      ? names.length > 0
        ? names.map((n) => [types[0]!, n])
        : [[types[0]!, undefined]]
      : types.map((t, i) => [t, names[i]])
  const short = (type: string, name: string | undefined, isDefault: boolean | undefined) => {
    if (name !== undefined) pairs.push([type, name])
    if (isDefault) pairs.push([type, ''])
  }
  short('topics', f.topic, false)
  short('brokers', f.broker, f['broker-defaults'])
  short('broker-loggers', f['broker-logger'], false)
  short('groups', f.group, false)
  short('client-metrics', f['client-metrics'], false)
  short('users', f.user, f['user-defaults'])
  short('clients', f.client, f['client-defaults'])
  short('ips', f.ip, f['ip-defaults'])
  if (pairs.length === 0)
    throw usageError(
      'no entity given',
      'Name one: --entity-type topics --entity-name T, --topic T, --broker 1, --user U, --client C, --ip A ...',
    )
  const quota = pairs.filter(([t]) => t in QUOTA_TYPES)
  if (quota.length > 0) return quotaTarget(pairs, quota, purpose)
  const kinds = [...new Set(pairs.map(([t]) => t))]
  if (kinds.length > 1) throw usageError(`one entity type at a time, not ${kinds.join(' and ')}`)
  const type = kinds[0] as EntityType
  const given = pairs.flatMap(([, n]) => (n === undefined ? [] : [n]))
  if (given.includes('') && type !== 'brokers') throw usageError(`--entity-default applies to brokers, users, clients and ips, not ${type}`)
  if (purpose === 'alter' && given.length === 0)
    throw usageError(`no ${type} named`, 'Give --entity-name NAME (or --entity-default for brokers).')
  if (type === 'brokers' || type === 'broker-loggers') {
    const bad = given.find((n) => n !== '' && !/^\d+$/.test(n))
    if (bad !== undefined) throw usageError(`'${bad}' is not a broker id`, 'Broker ids are numbers; see them with: kfk cluster describe')
  }
  return {kind: 'resource', type, names: given}
}

function quotaTarget(
  pairs: Array<[string, string | undefined]>,
  quota: Array<[string, string | undefined]>,
  purpose: string,
): ConfigTarget {
  if (quota.length !== pairs.length) throw usageError('quota entities (users, clients, ips) do not mix with other entity types')
  const kinds = quota.map(([t]) => t)
  if (new Set(kinds).size !== kinds.length)
    throw usageError(`${kinds.join(', ')}: one name per entity type (a quota belongs to one entity)`)
  if (kinds.includes('ips') && kinds.length > 1) throw usageError('ips take quotas alone, not paired with users or clients')
  const parts = quota.map(([t, n]): QuotaFilterComponent => ({
    type: QUOTA_TYPES[t]!,
    match: n === undefined ? undefined : n === '' ? null : n,
  }))
  if (purpose === 'alter' && parts.some((p) => p.match === undefined))
    throw usageError(
      'name the entity to alter',
      'Give --entity-name NAME or --entity-default for each --entity-type (or --user U, --user-defaults ...).',
    )
  return {kind: 'quota', parts}
}

/**
 * --add-config and --delete-config as kafka-configs reads them. A SCRAM
 * credential with an inline password is refused before anything is parsed
 * or printed: passwords go through kfk users set-password.
 */
export function configChanges(f: {'add-config'?: string[]; 'delete-config'?: string[]}): {set: Record<string, string>; del: string[]} {
  const scram = (f['add-config'] ?? []).flatMap((raw) => splitConfigList(raw)).find((pair) => /^\s*SCRAM-SHA-(256|512)\s*=/i.test(pair))
  if (scram !== undefined) {
    const mechanism = scram.trim().slice(0, 13).toUpperCase()
    throw usageError(
      `kfk takes no password on the command line (--add-config ${mechanism}=...); nothing was changed`,
      `Use: kfk users set-password USER --mechanism ${mechanism} --iterations N (it asks on a terminal, or reads --password-file / --password-env).`,
    )
  }
  const set = parseConfigPairs(f['add-config'] ?? [], {commaSeparated: true})
  const del = commaList(f['delete-config'] ?? [])
  if (Object.keys(set).length === 0 && del.length === 0)
    throw usageError('nothing to change', 'Give --add-config k=v or --delete-config k.')
  return {set, del}
}
