import type {KRecord} from '../core/records/record.js'
import {encodeRecord} from '../core/records/jsonl.js'
import {DeserializeError, deserializer, DESERIALIZERS, type Deserializer} from './deserializers.js'

/**
 * Record output formats, each compiled once into a list of tokens and then
 * applied per record (kcat's approach): a kcat-style `--format` string, Kafka's
 * console-consumer `--property print.*` layout, or kfk's lossless JSONL.
 * A formatter appends Buffers to `out` so values go out byte for byte.
 */
export type Formatter = (r: KRecord, out: Buffer[]) => void

type Field =
  | 'key'
  | 'value'
  | 'topic'
  | 'partition'
  | 'offset'
  | 'timestamp'
  | 'timestampIso'
  | 'timestampLocal'
  | 'headers'
  | 'keySize'
  | 'valueSize'
  | 'javaTimestamp'
  | 'javaTimestampHuman'
  | 'javaPartition'
  | 'javaOffset'
  | 'javaHeaders'
  | 'deliveryCount'
  | 'javaDelivery'
type Token = Buffer | Field

const FIELDS: Record<string, Field> = {
  k: 'key',
  v: 'value',
  s: 'value',
  t: 'topic',
  p: 'partition',
  o: 'offset',
  T: 'timestamp',
  h: 'headers',
  K: 'keySize',
  S: 'valueSize',
  d: 'deliveryCount',
}
const KCAT_NULL = Buffer.from('NULL')
const ESCAPES: Record<string, string> = {n: '\n', t: '\t', r: '\r', '\\': '\\', '0': '\0'}

export class FormatError extends Error {}

/** %T{iso} (UTC) and %T{local} (this machine's zone, with its offset). */
const TIME_STYLES: Record<string, Field> = {iso: 'timestampIso', local: 'timestampLocal'}

/** Compiles a kcat-style format: %k %v (or %s) %t %p %o %T %T{iso} %T{local} %h %K %S %d (share groups' delivery count), %% and \n \t \r \\ escapes. */
export function parseFormat(format: string): Token[] {
  const tokens: Token[] = []
  let lit = ''
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!
    if (c === '\\' && i + 1 < format.length && ESCAPES[format[i + 1]!] !== undefined) {
      lit += ESCAPES[format[++i]!]
    } else if (c === '%') {
      const next = format[++i]
      if (next === '%') lit += '%'
      else if (next !== undefined && FIELDS[next]) {
        if (lit) tokens.push(Buffer.from(lit, 'utf8'))
        lit = ''
        const style = next === 'T' && format[i + 1] === '{' ? /^\{([^}]*)\}/.exec(format.slice(i + 1)) : null
        if (style) {
          const field = TIME_STYLES[style[1]!]
          if (!field) throw new FormatError(`unknown time style "%T{${style[1]}}" in "${format}" (use %T{iso} or %T{local})`)
          tokens.push(field)
          i += style[0].length
        } else tokens.push(FIELDS[next])
      } else {
        throw new FormatError(`unknown format token "%${next ?? ''}" at position ${i} in "${format}"`)
      }
    } else {
      lit += c
    }
  }
  if (lit) tokens.push(Buffer.from(lit, 'utf8'))
  return tokens
}

/** Kafka's DefaultMessageFormatter properties (kafka-console-consumer --property k=v). */
export interface ConsoleProperties {
  'print.key'?: string
  'print.value'?: string
  'print.timestamp'?: string
  'print.partition'?: string
  'print.offset'?: string
  'print.headers'?: string
  /** kafka-console-share-consumer's: the delivery count. */
  'print.delivery'?: string
  'key.separator'?: string
  'line.separator'?: string
  'headers.separator'?: string
  'null.literal'?: string
  [other: string]: string | undefined
}

const KNOWN_PROPERTIES = new Set([
  'print.key',
  'print.value',
  'print.timestamp',
  'print.partition',
  'print.offset',
  'print.headers',
  'print.delivery',
  'key.separator',
  'line.separator',
  'headers.separator',
  'null.literal',
  'key.deserializer',
  'value.deserializer',
])

export function unknownConsoleProperties(props: ConsoleProperties): string[] {
  return Object.keys(props).filter((k) => !KNOWN_PROPERTIES.has(k))
}

/** The console consumer's layout: [CreateTime:T][Partition:P][Offset:O][h:v,...][key] value, joined by key.separator. */
export function javaTokens(props: ConsoleProperties, humanTime = false): {tokens: Token[]; nullLiteral: string; headersSeparator: string} {
  const on = (k: string, dflt = false) => (props[k] === undefined ? dflt : props[k]!.trim().toLowerCase() === 'true')
  const fields: Field[] = []
  if (on('print.timestamp')) fields.push(humanTime ? 'javaTimestampHuman' : 'javaTimestamp')
  if (on('print.partition')) fields.push('javaPartition')
  if (on('print.offset')) fields.push('javaOffset')
  if (on('print.delivery')) fields.push('javaDelivery')
  if (on('print.headers')) fields.push('javaHeaders')
  if (on('print.key')) fields.push('key')
  if (on('print.value', true)) fields.push('value')
  const sep = Buffer.from(unescapeJava(props['key.separator'] ?? '\t'), 'utf8')
  const tokens: Token[] = []
  fields.forEach((f, i) => {
    if (i > 0) tokens.push(sep)
    tokens.push(f)
  })
  tokens.push(Buffer.from(unescapeJava(props['line.separator'] ?? '\n'), 'utf8'))
  return {tokens, nullLiteral: props['null.literal'] ?? 'null', headersSeparator: unescapeJava(props['headers.separator'] ?? ',')}
}

/** Java reads `--property key.separator=\t` literally from the shell; accept the escapes people type. */
function unescapeJava(s: string): string {
  return s.replace(/\\([ntr\\0])/g, (_, c: string) => ESCAPES[c]!)
}

export function compileTokens(
  tokens: Token[],
  options: {nullLiteral?: string; headersSeparator?: string; key?: Deserializer; value?: Deserializer} = {},
): Formatter {
  const nullBuf = Buffer.from(options.nullLiteral ?? '', 'utf8')
  const hsep = options.headersSeparator ?? ','
  const bytes = (b: Buffer | null) => (b === null ? nullBuf : b)
  const {key, value} = options
  const parts = tokens.map((t): Formatter => {
    if (Buffer.isBuffer(t)) return (_r, out) => void out.push(t)
    switch (t) {
      case 'key':
        return key
          ? (r, out) => void out.push(r.key === null ? nullBuf : deserialize(key, r, 'key'))
          : (r, out) => void out.push(bytes(r.key))
      case 'value':
        return value
          ? (r, out) => void out.push(r.value === null ? nullBuf : deserialize(value, r, 'value'))
          : (r, out) => void out.push(bytes(r.value))
      case 'topic':
        return (r, out) => void out.push(Buffer.from(r.topic, 'utf8'))
      case 'partition':
        return (r, out) => void out.push(Buffer.from(String(r.partition)))
      case 'offset':
        return (r, out) => void out.push(Buffer.from(r.offset))
      case 'timestamp':
        return (r, out) => void out.push(Buffer.from(r.timestamp))
      case 'deliveryCount':
        // Known only for records read through a share group; empty otherwise.
        return (r, out) => void (r.deliveryCount !== undefined && out.push(Buffer.from(String(r.deliveryCount))))
      case 'javaDelivery':
        return (r, out) => void out.push(Buffer.from(`Delivery:${r.deliveryCount ?? ''}`))
      case 'keySize':
        return (r, out) => void out.push(Buffer.from(String(r.key === null ? -1 : r.key.length)))
      case 'valueSize':
        return (r, out) => void out.push(Buffer.from(String(r.value === null ? -1 : r.value.length)))
      case 'headers':
        return (r, out) => {
          r.headers.forEach(([k, v], i) => {
            if (i > 0) out.push(Buffer.from(hsep))
            // kcat prints a null header value as NULL.
            out.push(Buffer.from(k + '=', 'utf8'), v === null ? KCAT_NULL : v)
          })
        }
      case 'timestampIso':
        return (r, out) => void out.push(Buffer.from(isoTime(r.timestamp)))
      case 'timestampLocal':
        return (r, out) => void out.push(Buffer.from(localTime(r.timestamp)))
      case 'javaTimestamp':
        return (r, out) => void out.push(Buffer.from(`CreateTime:${r.timestamp}`))
      case 'javaTimestampHuman':
        return (r, out) => void out.push(Buffer.from(`CreateTime:${localTime(r.timestamp)}`))
      case 'javaPartition':
        return (r, out) => void out.push(Buffer.from(`Partition:${r.partition}`))
      case 'javaOffset':
        return (r, out) => void out.push(Buffer.from(`Offset:${r.offset}`))
      case 'javaHeaders':
        return (r, out) => {
          if (r.headers.length === 0) return void out.push(Buffer.from('NO_HEADERS'))
          r.headers.forEach(([k, v], i) => {
            if (i > 0) out.push(Buffer.from(hsep, 'utf8'))
            out.push(Buffer.from(k + ':', 'utf8'), bytes(v))
          })
        }
    }
  })
  // The common "value + newline" case without the per-token loop.
  if (parts.length === 2 && tokens[0] === 'value' && Buffer.isBuffer(tokens[1]) && !value) {
    const nl = tokens[1]
    return (r, out) => void out.push(bytes(r.value), nl)
  }
  return (r, out) => {
    for (let i = 0; i < parts.length; i++) parts[i]!(r, out)
  }
}

const NL = Buffer.from('\n')
export const jsonlFormatter: Formatter = (r, out) => void out.push(Buffer.from(encodeRecord(r), 'utf8'), NL)

/** A record timestamp (epoch ms) as ISO-8601 UTC; a time out of Date's range stays the number. */
export function isoTime(ms: string): string {
  const d = new Date(Number(ms))
  return Number.isNaN(d.getTime()) ? ms : d.toISOString()
}

/** As isoTime, in this machine's time zone: 2024-05-01T14:00:00.000+02:00. */
export function localTime(ms: string): string {
  const d = new Date(Number(ms))
  if (Number.isNaN(d.getTime())) return ms
  const offset = -d.getTimezoneOffset()
  const local = new Date(d.getTime() + offset * 60_000).toISOString().slice(0, -1)
  const abs = Math.abs(offset)
  const zone = `${offset < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
  return local + zone
}

/**
 * Picks the formatter: jsonl, a --format string (kcat-style, nulls print empty), or the console-consumer properties.
 * `humanTime` (stdout is a terminal): print.timestamp shows the local time instead of epoch ms.
 */
export function buildFormatter(options: {
  output?: string
  format?: string
  properties?: ConsoleProperties
  humanTime?: boolean
  /** Java deserializer names (--key-deserializer, --value-deserializer; else the key/value.deserializer properties). */
  keyDeserializer?: string
  valueDeserializer?: string
}): Formatter {
  if (options.output === 'jsonl') return jsonlFormatter
  const key = named(options.keyDeserializer ?? options.properties?.['key.deserializer'], 'key')
  const value = named(options.valueDeserializer ?? options.properties?.['value.deserializer'], 'value')
  if (options.format !== undefined)
    return compileTokens(parseFormat(options.format), {nullLiteral: options.properties?.['null.literal'] ?? '', key, value})
  const {tokens, nullLiteral, headersSeparator} = javaTokens(options.properties ?? {}, options.humanTime)
  return compileTokens(tokens, {nullLiteral, headersSeparator, key, value})
}

/** A record's key or value through its deserializer; bytes it cannot take fail naming the record. */
function deserialize(d: Deserializer, r: KRecord, which: 'key' | 'value'): Buffer {
  try {
    return d(r[which]!)
  } catch (error) {
    throw new DeserializeError(
      `the ${which} of ${r.topic}:${r.partition} at offset ${r.offset} does not deserialize: ${(error as Error).message}`,
    )
  }
}

function named(name: string | undefined, which: string): Deserializer | undefined {
  if (name === undefined) return undefined
  const d = deserializer(name)
  if (!d) throw new FormatError(`${which} deserializer ${name} is not one kfk has (it has ${DESERIALIZERS.join(', ')})`)
  return d
}
