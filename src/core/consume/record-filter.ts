import type {KRecord} from '../records/record.js'

/**
 * `kfk consume --grep`: which records to show. The tests run on the bytes as
 * UTF-8 text (a binary value is matched as its replacement-character text);
 * a null key, value or header matches nothing. Several conditions must all hold.
 */
export type RecordFilter = (r: KRecord) => boolean

export interface GrepOptions {
  /** Regex on the value. */
  value?: RegExp
  /** Regex on the key. */
  key?: RegExp
  /** Header name and a regex its value must match (any header of that name). */
  headers?: Array<{name: string; pattern: RegExp}>
}

export class GrepError extends Error {}

/** A --grep-header argument: NAME=REGEX. */
export function parseHeaderGrep(text: string): {name: string; pattern: RegExp} {
  const eq = text.indexOf('=')
  if (eq <= 0) throw new GrepError(`"${text}" is not NAME=REGEX`)
  return {name: text.slice(0, eq), pattern: compileRegex(text.slice(eq + 1))}
}

export function compileRegex(source: string): RegExp {
  try {
    return new RegExp(source)
  } catch (error) {
    throw new GrepError(
      `"${source}" is not a regular expression (${(error as Error).message.replace(/^Invalid regular expression: /, '')})`,
    )
  }
}

export function buildFilter(options: GrepOptions): RecordFilter | undefined {
  const {value, key, headers = []} = options
  if (!value && !key && headers.length === 0) return undefined
  const test = (re: RegExp, b: Buffer | null) => b !== null && re.test(b.toString('utf8'))
  return (r) =>
    (!value || test(value, r.value)) &&
    (!key || test(key, r.key)) &&
    headers.every(({name, pattern}) => r.headers.some(([k, v]) => k === name && test(pattern, v)))
}

/**
 * The records of one fetched batch to hand on: those the filter keeps, at
 * most `room` of them. `consumed` is how many of `records` were dealt with
 * (shown or skipped): a stop at `room` leaves the rest unread, so a group
 * commits only up to the last record shown.
 */
export function selectRecords(
  records: KRecord[],
  filter: RecordFilter | undefined,
  room: number,
): {shown: KRecord[]; consumed: number; skipped: number} {
  if (!filter) {
    const shown = records.length > room ? records.slice(0, room) : records
    return {shown, consumed: shown.length, skipped: 0}
  }
  const shown: KRecord[] = []
  let i = 0
  while (i < records.length && shown.length < room) {
    const r = records[i++]!
    if (filter(r)) shown.push(r)
  }
  return {shown, consumed: i, skipped: i - shown.length}
}
