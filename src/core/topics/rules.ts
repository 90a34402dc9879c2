/**
 * What Kafka accepts before asking it: topic names (Topic.validate in
 * clients/.../internals/Topic.java) and topic config keys with their types
 * (LogConfig in Kafka 4.1). Checking here turns a typo into a usage error
 * (exit 2) that names the value, instead of a broker refusal.
 */
import {usageError, visible, type KfkError} from '../../cli/errors.js'

export const MAX_TOPIC_NAME_LENGTH = 249

/** Why `name` is not a legal topic name, or null when it is. */
export function topicNameProblem(name: string): string | null {
  if (name.length === 0) return 'topic name is empty'
  if (name === '.' || name === '..') return `topic name '${name}' is not allowed ('.' and '..' are reserved)`
  if (name.length > MAX_TOPIC_NAME_LENGTH)
    return `topic name '${name.slice(0, 40)}...' is ${name.length} characters long (at most ${MAX_TOPIC_NAME_LENGTH})`
  const bad = [...name].find((ch) => !/[a-zA-Z0-9._-]/.test(ch))
  if (bad !== undefined) return `topic name '${visible(name)}' contains '${visible(bad)}' (allowed: letters, digits, '.', '_' and '-')`
  return null
}

export function checkTopicName(name: string): void {
  const problem = topicNameProblem(name)
  if (problem) throw usageError(problem, 'Kafka topic names use only [a-zA-Z0-9._-], 1 to 249 characters.')
}

/** Kafka maps '.' to '_' in metric names, so 'a.b' and 'a_b' collide there. */
export function collisionKey(name: string): string {
  return name.replaceAll('.', '_')
}

export function hasCollisionChars(name: string): boolean {
  return name.includes('.') || name.includes('_')
}

type ConfigType = 'int' | 'long' | 'double' | 'boolean' | 'string' | 'list' | 'class'
interface ConfigSpec {
  type: ConfigType
  /** Allowed values (case-insensitive) for enumerated strings/lists. */
  values?: string[]
}

export const TOPIC_CONFIGS: Record<string, ConfigSpec> = {
  'cleanup.policy': {type: 'list', values: ['delete', 'compact']},
  'compression.gzip.level': {type: 'int'},
  'compression.lz4.level': {type: 'int'},
  'compression.type': {type: 'string', values: ['uncompressed', 'zstd', 'lz4', 'snappy', 'gzip', 'producer']},
  'compression.zstd.level': {type: 'int'},
  'delete.retention.ms': {type: 'long'},
  'file.delete.delay.ms': {type: 'long'},
  'flush.messages': {type: 'long'},
  'flush.ms': {type: 'long'},
  'follower.replication.throttled.replicas': {type: 'list'},
  'index.interval.bytes': {type: 'int'},
  'leader.replication.throttled.replicas': {type: 'list'},
  'local.retention.bytes': {type: 'long'},
  'local.retention.ms': {type: 'long'},
  'max.compaction.lag.ms': {type: 'long'},
  'max.message.bytes': {type: 'int'},
  'message.timestamp.after.max.ms': {type: 'long'},
  'message.timestamp.before.max.ms': {type: 'long'},
  'message.timestamp.type': {type: 'string', values: ['CreateTime', 'LogAppendTime']},
  'min.cleanable.dirty.ratio': {type: 'double'},
  'min.compaction.lag.ms': {type: 'long'},
  'min.insync.replicas': {type: 'int'},
  preallocate: {type: 'boolean'},
  'remote.log.copy.disable': {type: 'boolean'},
  'remote.log.delete.on.disable': {type: 'boolean'},
  'remote.storage.enable': {type: 'boolean'},
  'retention.bytes': {type: 'long'},
  'retention.ms': {type: 'long'},
  'segment.bytes': {type: 'int'},
  'segment.index.bytes': {type: 'int'},
  'segment.jitter.ms': {type: 'long'},
  'segment.ms': {type: 'long'},
  'unclean.leader.election.enable': {type: 'boolean'},
}

const INT32 = {min: -(2n ** 31n), max: 2n ** 31n - 1n}
const INT64 = {min: -(2n ** 63n), max: 2n ** 63n - 1n}

function nearest(key: string): string | undefined {
  const parts = key.split('.')
  return Object.keys(TOPIC_CONFIGS).find(
    (k) => k.includes(key) || key.includes(k) || k.split('.').filter((p) => parts.includes(p)).length >= 2,
  )
}

/** Why `key=value` is not a valid topic config, or null when it is. */
export function topicConfigProblem(key: string, value: string | null): string | null {
  const spec = TOPIC_CONFIGS[key]
  if (!spec) {
    const guess = nearest(key)
    return `unknown topic config '${key}'${guess ? ` (did you mean '${guess}'?)` : ''}`
  }
  if (value === null) return null
  const v = value.trim()
  switch (spec.type) {
    case 'int':
    case 'long': {
      const range = spec.type === 'int' ? INT32 : INT64
      if (!/^-?\d+$/.test(v)) return `${key}=${value}: '${value}' is not a whole number (${spec.type})`
      const n = BigInt(v)
      if (n < range.min || n > range.max) return `${key}=${value}: out of range for ${spec.type}`
      return null
    }
    case 'double':
      return v === '' || Number.isNaN(Number(v)) ? `${key}=${value}: '${value}' is not a number` : null
    case 'boolean':
      return /^(true|false)$/i.test(v) ? null : `${key}=${value}: '${value}' is not true or false`
    case 'list':
    case 'string': {
      if (!spec.values) return null
      const items = spec.type === 'list' ? v.split(',').map((s) => s.trim()) : [v]
      const wrong = items.find((item) => !spec.values!.some((allowed) => allowed.toLowerCase() === item.toLowerCase()))
      return wrong === undefined ? null : `${key}=${value}: '${wrong}' is not one of ${spec.values.join(', ')}`
    }
    default:
      return null
  }
}

export function configError(problem: string): KfkError {
  return usageError(problem, 'See the topic configs with: kfk configs describe --entity-type topics --entity-name TOPIC --all')
}

/** Parses repeated `k=v` (each may also hold `k=v,k=v` as kafka-configs --add-config does). */
export function parseConfigPairs(pairs: readonly string[], options: {commaSeparated?: boolean} = {}): Record<string, string> {
  const out: Record<string, string> = {}
  for (const raw of pairs) {
    for (const pair of options.commaSeparated ? splitConfigList(raw) : [raw]) {
      const eq = pair.indexOf('=')
      if (eq <= 0) throw usageError(`config '${pair}' is not key=value`, 'Write it as --config retention.ms=86400000')
      out[pair.slice(0, eq).trim()] = pair.slice(eq + 1)
    }
  }
  return out
}

/** Splits `a=1,b=[x,y],c=2` on commas outside square brackets (kafka-configs' list syntax). */
export function splitConfigList(text: string): string[] {
  const out: string[] = []
  let depth = 0
  let current = ''
  for (const ch of text) {
    if (ch === '[') depth++
    if (ch === ']') depth--
    if (ch === ',' && depth === 0) {
      if (current.trim()) out.push(current)
      current = ''
    } else current += ch
  }
  if (current.trim()) out.push(current)
  return out.map((s) => s.replace(/=\[(.*)\]$/, '=$1'))
}

/** Checks every pair; throws one usage error naming the first bad one. */
export function checkTopicConfigs(configs: Record<string, string | null>): void {
  for (const [k, v] of Object.entries(configs)) {
    const problem = topicConfigProblem(k, v)
    if (problem) throw configError(problem)
  }
}

/** Parses `1:2,2:3` (per partition, replicas separated by ':'), checking brokers and lengths. */
export function parseReplicaAssignment(text: string, brokerIds?: readonly number[]): number[][] {
  const partitions = text.split(',').map((p) => p.trim())
  const assignment = partitions.map((p, i) => {
    const ids = p.split(':').map((s) => s.trim())
    if (ids.some((s) => !/^\d+$/.test(s)))
      throw usageError(
        `replica assignment '${text}': partition ${i} ('${p}') is not a list of broker ids`,
        'Write it as 1:2,2:3,3:1 (partition 0 on brokers 1 and 2, ...)',
      )
    const nums = ids.map(Number)
    if (new Set(nums).size !== nums.length) throw usageError(`replica assignment '${text}': partition ${i} names a broker twice ('${p}')`)
    return nums
  })
  const size = assignment[0]?.length ?? 0
  const uneven = assignment.findIndex((a) => a.length !== size)
  if (uneven >= 0)
    throw usageError(
      `replica assignment '${text}': partition ${uneven} has ${assignment[uneven]!.length} replicas, partition 0 has ${size}`,
      'Every partition needs the same number of replicas.',
    )
  if (brokerIds) {
    const missing = assignment.flat().find((id) => !brokerIds.includes(id))
    if (missing !== undefined)
      throw usageError(
        `replica assignment '${text}' names broker ${missing}, which is not in the cluster (brokers: ${brokerIds.join(', ')})`,
      )
  }
  return assignment
}
