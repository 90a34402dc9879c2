/**
 * The YAML topics file that `kfk topics export` writes and `kfk apply` reads:
 *
 *   topics:
 *     - name: orders
 *       partitions: 6
 *       replicationFactor: 3
 *       configs:
 *         retention.ms: 86400000
 *
 * Errors name the file, the line and the field.
 */
import {isMap, isScalar, isSeq, LineCounter, parseDocument, stringify, type Node} from 'yaml'
import {usageError} from '../../cli/errors.js'
import type {DesiredTopic} from './apply-plan.js'
import {topicConfigProblem, topicNameProblem} from './rules.js'

const TOPIC_FIELDS = ['name', 'partitions', 'replicationFactor', 'configs']

export function parseTopicsFile(text: string, source: string): DesiredTopic[] {
  const lines = new LineCounter()
  const doc = parseDocument(text, {lineCounter: lines, prettyErrors: false, intAsBigInt: true})
  const at = (node: Node | null | undefined) => (node?.range ? `${source}:${lines.linePos(node.range[0]).line}` : source)
  const fail = (node: Node | null | undefined, field: string, problem: string) =>
    usageError(`${at(node)}: ${field}: ${problem}`, 'See the format with: kfk topics export --help')
  const [e] = doc.errors
  if (e) {
    throw usageError(`${source}:${lines.linePos(e.pos[0]).line}: not valid YAML (${e.message.split('\n')[0]})`)
  }
  const root = doc.contents
  if (!isMap(root)) throw fail(root as Node, 'topics', 'the file must be a mapping with a "topics" list')
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key)
    if (key !== 'topics') throw fail(pair.key as Node, key, `unknown field (expected "topics")`)
  }
  const list = root.get('topics', true)
  if (!isSeq(list)) throw fail((list as Node) ?? root, 'topics', 'must be a list of topics')
  const seen = new Set<string>()
  return list.items.map((item, i) => {
    const path = `topics[${i}]`
    if (!isMap(item)) throw fail(item as Node, path, 'must be a mapping with name, partitions, replicationFactor, configs')
    for (const pair of item.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key)
      if (!TOPIC_FIELDS.includes(key))
        throw fail(pair.key as Node, `${path}.${key}`, `unknown field (expected one of ${TOPIC_FIELDS.join(', ')})`)
    }
    const nameNode = item.get('name', true)
    const name = isScalar(nameNode) ? String(nameNode.value) : undefined
    if (name === undefined) throw fail(item, `${path}.name`, 'missing')
    const nameProblem = topicNameProblem(name)
    if (nameProblem) throw fail(nameNode as Node, `${path}.name`, nameProblem)
    if (seen.has(name)) throw fail(nameNode as Node, `${path}.name`, `topic '${name}' is listed twice`)
    seen.add(name)
    const count = (field: string): number | undefined => {
      const node = item.get(field, true)
      if (node === undefined) return undefined
      const v = isScalar(node) && typeof node.value === 'bigint' ? Number(node.value) : undefined
      if (v === undefined || v < 1)
        throw fail(
          node as Node,
          `${path}.${field}`,
          `'${isScalar(node) ? String(node.value) : '(not a number)'}' must be a whole number >= 1`,
        )
      return v
    }
    const partitions = count('partitions')
    const replicationFactor = count('replicationFactor')
    const configs: Record<string, string> = {}
    const configNode = item.get('configs', true)
    if (configNode !== undefined && configNode !== null && !(isScalar(configNode) && configNode.value === null)) {
      if (!isMap(configNode)) throw fail(configNode as Node, `${path}.configs`, 'must be a mapping of config names to values')
      for (const pair of configNode.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key)
        const v = pair.value
        if (!isScalar(v) || v.value === null || typeof v.value === 'object')
          throw fail((v as Node) ?? (pair.key as Node), `${path}.configs.${key}`, 'must be a single value')
        const value = String(v.value)
        const problem = topicConfigProblem(key, value)
        if (problem) throw fail(pair.key as Node, `${path}.configs.${key}`, problem)
        configs[key] = value
      }
    }
    return {
      name,
      ...(partitions !== undefined ? {partitions} : {}),
      ...(replicationFactor !== undefined ? {replicationFactor} : {}),
      configs,
    }
  })
}

/** YAML for topics, configs as strings so values survive a round trip unchanged. */
export function formatTopicsFile(topics: readonly DesiredTopic[], header?: string): string {
  const body = stringify({
    topics: topics.map((t) => ({
      name: t.name,
      partitions: t.partitions,
      replicationFactor: t.replicationFactor,
      ...(Object.keys(t.configs).length > 0 ? {configs: t.configs} : {}),
    })),
  })
  return header ? `# ${header}\n${body}` : body
}
