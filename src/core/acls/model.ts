/**
 * Kafka's ACL model, as kafka-acls.sh and the Java admin client know it: the
 * wire codes of resource types, pattern types, operations and permissions
 * (clients/.../common/{acl,resource}), their names as the Java tool prints and
 * parses them, and which operations each resource type supports
 * (AclEntry.supportedOperations).
 */
import {KfkError} from '../../cli/errors.js'

export const RESOURCE_TYPES = {ANY: 1, TOPIC: 2, GROUP: 3, CLUSTER: 4, TRANSACTIONAL_ID: 5, DELEGATION_TOKEN: 6, USER: 7} as const
export const PATTERN_TYPES = {ANY: 1, MATCH: 2, LITERAL: 3, PREFIXED: 4} as const
export const OPERATIONS = {
  ANY: 1,
  ALL: 2,
  READ: 3,
  WRITE: 4,
  CREATE: 5,
  DELETE: 6,
  ALTER: 7,
  DESCRIBE: 8,
  CLUSTER_ACTION: 9,
  DESCRIBE_CONFIGS: 10,
  ALTER_CONFIGS: 11,
  IDEMPOTENT_WRITE: 12,
  CREATE_TOKENS: 13,
  DESCRIBE_TOKENS: 14,
} as const
export const PERMISSIONS = {ANY: 1, DENY: 2, ALLOW: 3} as const

export type ResourceType = Exclude<keyof typeof RESOURCE_TYPES, 'ANY'>
export type PatternType = keyof typeof PATTERN_TYPES
export type Operation = Exclude<keyof typeof OPERATIONS, 'ANY'>
export type Permission = Exclude<keyof typeof PERMISSIONS, 'ANY'>

/** The cluster resource's one name. */
export const CLUSTER_NAME = 'kafka-cluster'
export const WILDCARD_HOST = '*'

/** One ACL: who may (or may not) do what, from where, on which resources. */
export interface AclBinding {
  resourceType: ResourceType
  resourceName: string
  patternType: Exclude<PatternType, 'ANY' | 'MATCH'>
  principal: string
  host: string
  operation: Operation
  permission: Permission
}

/** What DescribeAcls and DeleteAcls match: null (or ANY) matches anything. */
export interface AclFilter {
  resourceType: ResourceType | 'ANY'
  resourceName: string | null
  patternType: PatternType
  principal: string | null
  host: string | null
  operation: Operation | 'ANY'
  permission: Permission | 'ANY'
}

export const MATCH_ALL: AclFilter = {
  resourceType: 'ANY',
  resourceName: null,
  patternType: 'ANY',
  principal: null,
  host: null,
  operation: 'ANY',
  permission: 'ANY',
}

const SUPPORTED: Record<ResourceType, Operation[]> = {
  TOPIC: ['READ', 'WRITE', 'CREATE', 'DESCRIBE', 'DELETE', 'ALTER', 'DESCRIBE_CONFIGS', 'ALTER_CONFIGS'],
  GROUP: ['READ', 'DESCRIBE', 'DELETE', 'DESCRIBE_CONFIGS', 'ALTER_CONFIGS'],
  CLUSTER: ['CREATE', 'CLUSTER_ACTION', 'DESCRIBE_CONFIGS', 'ALTER_CONFIGS', 'IDEMPOTENT_WRITE', 'ALTER', 'DESCRIBE'],
  TRANSACTIONAL_ID: ['DESCRIBE', 'WRITE'],
  DELEGATION_TOKEN: ['DESCRIBE'],
  USER: ['CREATE_TOKENS', 'DESCRIBE_TOKENS'],
}

/** Operations a resource type accepts in an ACL, All included. */
export function supportedOperations(type: ResourceType): Operation[] {
  return [...SUPPORTED[type], 'ALL']
}

/** Kafka's Pascal-case name of an enum constant: IDEMPOTENT_WRITE -> IdempotentWrite. */
export function pascal(name: string): string {
  return name
    .toLowerCase()
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('')
}

/** Code -> name of one of the enums above; an unknown code reads UNKNOWN. */
export function nameOf<T extends Record<string, number>>(codes: T, code: number): keyof T | 'UNKNOWN' {
  return (Object.keys(codes).find((k) => codes[k] === code) as keyof T | undefined) ?? 'UNKNOWN'
}

/**
 * An operation as kafka-acls.sh takes it: its Pascal name (IdempotentWrite) or
 * the constant (IDEMPOTENT_WRITE), any case; kfk also takes dashes (idempotent-write).
 */
export function parseOperation(text: string): Operation {
  const key = text.trim().replace(/-/g, '_').toUpperCase()
  const byPascal = (Object.keys(OPERATIONS) as Array<keyof typeof OPERATIONS>).find((k) => pascal(k).toUpperCase() === key)
  const found = key in OPERATIONS ? (key as keyof typeof OPERATIONS) : byPascal
  if (!found || found === 'ANY') {
    throw new KfkError(`--operation ${text} is not an ACL operation`, {
      exit: 2,
      hint: `Use one of: ${(Object.keys(OPERATIONS) as string[])
        .filter((k) => k !== 'ANY')
        .map(pascal)
        .join(', ')}.`,
    })
  }
  return found
}

export function parsePatternType(text: string): PatternType {
  const key = text.trim().toUpperCase()
  if (!(key in PATTERN_TYPES)) {
    throw new KfkError(`--resource-pattern-type ${text} is not a pattern type`, {
      exit: 2,
      hint: 'Use literal, prefixed (to add), or any, match (to list and remove).',
    })
  }
  return key as PatternType
}

/** A principal in Kafka's TYPE:NAME form, as kafka-acls.sh requires (User:alice, User:*, Group:ops). */
export function parsePrincipal(text: string, flag: string): string {
  const value = text.trim()
  const colon = value.indexOf(':')
  if (colon <= 0 || colon === value.length - 1) {
    throw new KfkError(`${flag} ${JSON.stringify(text)} is not a principal`, {
      exit: 2,
      hint: 'A principal is TYPE:NAME, for example User:alice, or User:* for every user.',
    })
  }
  return value
}

/** An ACL host: * or an IP address (Kafka matches the client's address, not a name). */
export function parseHost(text: string, flag: string): string {
  const value = text.trim()
  if (value === WILDCARD_HOST || isIp(value)) return value
  throw new KfkError(`${flag} ${JSON.stringify(text)} is not an IP address`, {
    exit: 2,
    hint: 'ACL hosts are IP addresses (Kafka compares the client address), or * for any host.',
  })
}

function isIp(value: string): boolean {
  const v4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/
  return v4.test(value) || (value.includes(':') && /^[0-9a-fA-F:.]+$/.test(value))
}

/** One line naming a binding for people: "ALLOW User:alice Write on topic orders (literal) from *". */
export function bindingText(b: AclBinding): string {
  const resource = b.resourceType === 'CLUSTER' ? 'the cluster' : `${b.resourceType.toLowerCase().replace('_', '-')} ${b.resourceName}`
  const pattern = b.resourceType === 'CLUSTER' || b.patternType === 'LITERAL' ? '' : ` (${b.patternType.toLowerCase()})`
  return `${b.permission} ${b.principal} ${pascal(b.operation)} on ${resource}${pattern} from ${b.host === '*' ? 'any host' : b.host}`
}

export function sameBinding(a: AclBinding, b: AclBinding): boolean {
  return (
    a.resourceType === b.resourceType &&
    a.resourceName === b.resourceName &&
    a.patternType === b.patternType &&
    a.principal === b.principal &&
    a.host === b.host &&
    a.operation === b.operation &&
    a.permission === b.permission
  )
}

/** The exact filter of one binding (DeleteAcls of just that ACL). */
export function exactFilter(b: AclBinding): AclFilter {
  return {...b}
}
