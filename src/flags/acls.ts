import {Flags} from '@oclif/core'
import {KfkError} from '../cli/errors.js'
import {
  CLUSTER_NAME,
  MATCH_ALL,
  parseHost,
  parseOperation,
  parsePatternType,
  parsePrincipal,
  pascal,
  supportedOperations,
  WILDCARD_HOST,
  type AclBinding,
  type AclFilter,
  type Operation,
  type PatternType,
  type Permission,
  type ResourceType,
} from '../core/acls/model.js'

/** The resources of kafka-acls.sh (each repeatable except --cluster). */
export const aclResourceFlags = {
  topic: Flags.string({multiple: true, helpValue: 'TOPIC', description: 'A topic (* for every topic; repeatable).'}),
  group: Flags.string({multiple: true, helpValue: 'GROUP', description: 'A consumer group (* for every group; repeatable).'}),
  cluster: Flags.boolean({description: 'The cluster itself (e.g. IdempotentWrite, Create, Alter).'}),
  'transactional-id': Flags.string({multiple: true, helpValue: 'ID', description: 'A transactional id (* for all; repeatable).'}),
  'delegation-token': Flags.string({multiple: true, helpValue: 'ID', description: 'A delegation token id (repeatable).'}),
  'user-principal': Flags.string({
    multiple: true,
    helpValue: 'User:NAME',
    description: 'A user as a resource (CreateTokens, DescribeTokens).',
  }),
  'resource-pattern-type': Flags.string({
    default: 'literal',
    helpValue: 'literal|prefixed|any|match',
    description: 'literal or prefixed to add; also any (exact name, any pattern) or match (every ACL that applies) to list and remove.',
  }),
}

/** Who, from where, may do what: kafka-acls.sh's entry flags and its --producer/--consumer conveniences. */
export const aclEntryFlags = {
  'allow-principal': Flags.string({multiple: true, helpValue: 'User:NAME', description: 'Principal to allow (repeatable).'}),
  'deny-principal': Flags.string({
    multiple: true,
    helpValue: 'User:NAME',
    description: 'Principal to deny; deny wins over allow (repeatable).',
  }),
  'allow-host': Flags.string({multiple: true, helpValue: 'IP', description: 'Host the allowed principals may come from (default *).'}),
  'deny-host': Flags.string({multiple: true, helpValue: 'IP', description: 'Host the denied principals are denied from (default *).'}),
  operation: Flags.string({
    multiple: true,
    helpValue: 'OP',
    description:
      'Operation: Read, Write, Create, Delete, Alter, Describe, ClusterAction, DescribeConfigs, AlterConfigs, IdempotentWrite, CreateTokens, DescribeTokens or All (default All; repeatable).',
  }),
  producer: Flags.boolean({description: 'Producer role: Write, Describe, Create on the topics (Write, Describe on transactional ids).'}),
  idempotent: Flags.boolean({description: 'With --producer: also IdempotentWrite on the cluster.'}),
  consumer: Flags.boolean({description: 'Consumer role: Read, Describe on the topics and Read on the group.'}),
}

export interface AclResourceChoices {
  topic?: string[]
  group?: string[]
  cluster?: boolean
  'transactional-id'?: string[]
  'delegation-token'?: string[]
  'user-principal'?: string[]
  'resource-pattern-type': string
}

export interface AclEntryChoices {
  'allow-principal'?: string[]
  'deny-principal'?: string[]
  'allow-host'?: string[]
  'deny-host'?: string[]
  operation?: string[]
  producer?: boolean
  idempotent?: boolean
  consumer?: boolean
}

interface ResourcePattern {
  resourceType: ResourceType
  resourceName: string
  patternType: PatternType
}

const usage = (message: string, hint?: string) => new KfkError(message, {exit: 2, hint})
const RESOURCE_HINT = 'Name a resource: --topic, --group, --cluster, --transactional-id, --delegation-token or --user-principal.'

/** The resource patterns the flags name, as kafka-acls.sh reads them (--cluster only with a literal pattern). */
function resourcePatterns(f: AclResourceChoices, withIdempotent = false): ResourcePattern[] {
  const patternType = parsePatternType(f['resource-pattern-type'])
  const named = (type: ResourceType, names: string[] | undefined) =>
    (names ?? []).map((n) => ({resourceType: type, resourceName: n.trim(), patternType}))
  const patterns = [
    ...named('TOPIC', f.topic),
    ...named('GROUP', f.group),
    ...named('TRANSACTIONAL_ID', f['transactional-id']),
    ...named('DELEGATION_TOKEN', f['delegation-token']),
    ...named('USER', f['user-principal']),
  ]
  for (const p of patterns) if (p.resourceName === '') throw usage(`an empty ${p.resourceType.toLowerCase()} name`, RESOURCE_HINT)
  if (f.cluster || withIdempotent) {
    // The cluster has one literal name: list and remove filters (any, match) use it as kafka-acls.sh does.
    if (patternType === 'PREFIXED' && f.cluster) throw usage('--cluster takes no --resource-pattern-type prefixed')
    patterns.push({resourceType: 'CLUSTER', resourceName: CLUSTER_NAME, patternType: 'LITERAL'})
  }
  return patterns
}

interface Entry {
  principal: string
  host: string
  operation: Operation
  permission: Permission
}

function entries(f: AclEntryChoices, operations: Operation[]): Entry[] {
  const side = (permission: Permission, principals: string[] | undefined, hosts: string[] | undefined, flag: string) => {
    const who = (principals ?? []).map((p) => parsePrincipal(p, `--${flag}-principal`))
    if (hosts?.length && who.length === 0) throw usage(`--${flag}-host needs --${flag}-principal`)
    const where = hosts?.length ? hosts.map((h) => parseHost(h, `--${flag}-host`)) : [WILDCARD_HOST]
    return who.flatMap((principal) => where.flatMap((host) => operations.map((operation) => ({principal, host, operation, permission}))))
  }
  return [...side('ALLOW', f['allow-principal'], f['allow-host'], 'allow'), ...side('DENY', f['deny-principal'], f['deny-host'], 'deny')]
}

/** Per resource pattern, the entries the flags mean (kafka-acls.sh's getResourceFilterToAcls). */
function resourceEntries(f: AclResourceChoices & AclEntryChoices): Array<{pattern: ResourcePattern; entries: Entry[]}> {
  if ((f.producer || f.consumer) && (f.operation?.length || f['deny-principal']?.length || f['deny-host']?.length))
    throw usage('--producer and --consumer choose the operations themselves', 'Drop --operation, --deny-principal and --deny-host.')
  if (f.idempotent && !f.producer) throw usage('--idempotent goes with --producer')
  if (f.producer && !f.topic?.length) throw usage('--producer needs --topic')
  if (f.consumer && (!f.topic?.length || !f.group?.length)) throw usage('--consumer needs --topic and --group')
  if (f.consumer && !f.producer && (f.cluster || f['transactional-id']?.length))
    throw usage('--consumer takes no --cluster or --transactional-id', 'Those belong to a producer: add --producer, or drop them.')
  const patterns = resourcePatterns(f, f.producer && f.idempotent)
  if (patterns.length === 0) throw usage('no resource given', RESOURCE_HINT)
  const out: Array<{pattern: ResourcePattern; entries: Entry[]}> = []
  const add = (pattern: ResourcePattern, ops: Operation[]) => {
    const found = out.find((o) => o.pattern === pattern)
    const more = entries(f, ops)
    if (found) found.entries.push(...more)
    else out.push({pattern, entries: more})
  }
  if (!f.producer && !f.consumer) {
    const ops = f.operation?.length ? [...new Set(f.operation.map(parseOperation))] : (['ALL'] as Operation[])
    for (const p of patterns) add(p, ops)
  }
  for (const p of patterns) {
    if (f.producer && p.resourceType === 'TOPIC') add(p, ['WRITE', 'DESCRIBE', 'CREATE'])
    if (f.producer && p.resourceType === 'TRANSACTIONAL_ID') add(p, ['WRITE', 'DESCRIBE'])
    if (f.producer && f.idempotent && p.resourceType === 'CLUSTER') add(p, ['IDEMPOTENT_WRITE'])
    if (f.consumer && p.resourceType === 'TOPIC') add(p, ['READ', 'DESCRIBE'])
    if (f.consumer && p.resourceType === 'GROUP') add(p, ['READ'])
  }
  for (const {pattern, entries} of out) {
    const valid = supportedOperations(pattern.resourceType)
    const bad = entries.find((e) => !valid.includes(e.operation))
    if (bad)
      throw usage(
        `--operation ${pascal(bad.operation)} does not apply to a ${pattern.resourceType.toLowerCase().replace('_', '-')}`,
        `A ${pattern.resourceType.toLowerCase().replace('_', '-')} takes: ${valid.map(pascal).join(', ')}.`,
      )
  }
  return out
}

/** The ACLs `kfk acls add` creates: each resource x principal x host x operation. */
export function bindingsToAdd(f: AclResourceChoices & AclEntryChoices): AclBinding[] {
  const type = parsePatternType(f['resource-pattern-type'])
  if (type === 'ANY' || type === 'MATCH')
    throw usage(`--resource-pattern-type ${f['resource-pattern-type']} is a filter; an ACL is literal or prefixed`)
  const groups = resourceEntries(f)
  if (groups.some((g) => g.entries.length === 0))
    throw usage('no principal given', 'Say who: --allow-principal User:NAME or --deny-principal User:NAME.')
  const bindings = groups.flatMap(({pattern, entries}) =>
    entries.map((e) => ({...pattern, patternType: pattern.patternType as AclBinding['patternType'], ...e})),
  )
  return bindings.filter((b, i) => bindings.findIndex((o) => JSON.stringify(o) === JSON.stringify(b)) === i)
}

/** The filters `kfk acls remove` deletes by: a resource's every ACL when no principal is given, else the entries named. */
export function filtersToRemove(f: AclResourceChoices & AclEntryChoices): AclFilter[] {
  return resourceEntries(f).flatMap(({pattern, entries}) =>
    entries.length === 0
      ? [{...MATCH_ALL, ...pattern}]
      : entries.map((e) => ({...pattern, ...e, operation: e.operation, permission: e.permission})),
  )
}

/** The filters `kfk acls list` asks with: the resources (or all of them) x the principals (or anyone). */
export function filtersToList(f: AclResourceChoices & {principal?: string[]}): AclFilter[] {
  const patterns: Array<Partial<AclFilter>> = resourcePatterns(f)
  const principals = (f.principal ?? []).map((p) => parsePrincipal(p, '--principal'))
  const resources = patterns.length > 0 ? patterns : [{}]
  const who: Array<Partial<AclFilter>> = principals.length > 0 ? principals.map((principal) => ({principal})) : [{}]
  return resources.flatMap((r) => who.map((p) => ({...MATCH_ALL, ...r, ...p})))
}
