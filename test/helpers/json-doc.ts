import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {ROOT} from './cli.js'

/**
 * docs/json.md read as data: each table row names commands (`cluster up`,
 * `partitions reassign --verify`, ...) and a shape `{a, b?, c: [...]}`. The
 * JSON walk checks what commands print against these rows.
 */
export interface DocumentedShape {
  /** The row's commands, flags included as written (`partitions reassign --list`). */
  commands: string[]
  /** The shape's top-level keys; `optional` ones may be absent. */
  keys: Array<{name: string; optional: boolean}>
}

export function documentedShapes(): DocumentedShape[] {
  const text = readFileSync(join(ROOT, 'docs/json.md'), 'utf8')
  const rows: DocumentedShape[] = []
  for (const line of text.split('\n')) {
    const m = /^\| (`[^|]+`) \| `(\{.*?\})`/.exec(line)
    if (!m) continue
    const commands = [...m[1]!.matchAll(/`([^`]+)`/g)].map((x) => x[1]!)
    rows.push({commands, keys: topLevelKeys(m[2]!.replace(/\\\|/g, '|'))})
  }
  return rows
}

/** `{a, b?: {...}, c: [...]}` -> a, b (optional), c. */
export function topLevelKeys(shape: string): Array<{name: string; optional: boolean}> {
  const keys: Array<{name: string; optional: boolean}> = []
  let depth = 0
  let word = ''
  let expectKey = true
  for (const c of shape) {
    if (c === '{' || c === '[') {
      depth++
      if (depth === 1) expectKey = true
      continue
    }
    if (c === '}' || c === ']') depth--
    if (depth !== 1) continue
    if (c === ',' || c === ':' || c === '}') {
      if (expectKey && /^\s*[A-Za-z_]\w*\??\s*$/.test(word)) {
        const name = word.trim()
        keys.push({name: name.replace(/\?$/, ''), optional: name.endsWith('?')})
      }
      word = ''
      expectKey = c === ','
      continue
    }
    if (expectKey) word += c
  }
  if (expectKey && /^\s*[A-Za-z_]\w*\??\s*$/.test(word))
    keys.push({name: word.trim().replace(/\?$/, ''), optional: word.trim().endsWith('?')})
  return keys
}

/** The row documenting a command line (`kfk partitions reassign --verify ...`): the longest documented prefix. */
export function shapeFor(args: string[], shapes = documentedShapes()): DocumentedShape | undefined {
  const line = args.join(' ')
  let best: {shape: DocumentedShape; length: number} | undefined
  for (const shape of shapes)
    for (const c of shape.commands) {
      const words = c.split(' ')
      const name = words.filter((w) => !w.startsWith('--'))
      const flags = words.filter((w) => w.startsWith('--'))
      if (line.startsWith(name.join(' ')) && flags.every((f) => args.includes(f)) && c.length > (best?.length ?? -1))
        best = {shape, length: c.length}
    }
  return best?.shape
}

/** Fields that hold offsets, counts, lags and byte counts: never strings in --json (numbers, null, or an object of them). */
const NUMERIC = /^(offset|count|lag|records|skipped|size|bytes|partitions|replicationFactor)$|(Offset|Lag|Count|Bytes|Records|Lines)$/

/** Every NUMERIC field in the document holding a string, as "path: value". */
export function stringNumbers(doc: unknown, path = '$'): string[] {
  if (Array.isArray(doc)) return doc.flatMap((x, i) => stringNumbers(x, `${path}[${i}]`))
  if (doc === null || typeof doc !== 'object') return []
  return Object.entries(doc).flatMap(([k, v]) => [
    ...(NUMERIC.test(k) && typeof v === 'string' ? [`${path}.${k}: ${JSON.stringify(v)}`] : []),
    ...stringNumbers(v, `${path}.${k}`),
  ])
}
