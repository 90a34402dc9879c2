/**
 * Pure planning for `kfk groups reset-offsets`: parsing the scenario values
 * (datetime, duration, topic[:partitions]), computing each partition's new
 * offset the way ConsumerGroupCommand does (clamping into [log start, log end]),
 * and the CSV that --export writes and --from-file reads.
 */
import {KfkError, usageError} from '../../cli/errors.js'
import {parseTime, TimeError} from '../time-expression.js'
import {tpKey} from '../topic-partition.js'

export type ResetSpec =
  | {kind: 'earliest'}
  | {kind: 'latest'}
  | {kind: 'current'}
  | {kind: 'offset'; offset: number}
  | {kind: 'shift'; by: number}
  /** --to-datetime / --by-duration, resolved to epoch ms. */
  | {kind: 'timestamp'; ms: number}
  /** --from-file: requested offset per "topic:partition". */
  | {kind: 'file'; offsets: Map<string, number>}

export interface PartitionState {
  topic: string
  partition: number
  current: number | null
  logStart: number
  logEnd: number
  /** ListOffsets answer for the timestamp (-1: no record that new). */
  byTime?: number
}

export interface PlanRow {
  topic: string
  partition: number
  currentOffset: number | null
  newOffset: number
  logStartOffset: number
  logEndOffset: number
  lagBefore: number | null
  lagAfter: number
  /** Why the new offset differs from what was asked. */
  note?: string
}

/**
 * --to-datetime: Kafka's YYYY-MM-DDTHH:mm:SS.sss with an optional zone (UTC without one), and kfk's
 * epoch ms and relative forms (-1h, @-30m) as everywhere a time is taken (core/time-expression.ts).
 */
export function parseDateTime(text: string): number {
  try {
    return parseTime(text.trim().replace(/^@/, ''))
  } catch (error) {
    if (!(error instanceof TimeError)) throw error
    throw usageError(
      `cannot parse the datetime '${text}'`,
      'Use YYYY-MM-DDTHH:mm:SS.sss with an optional zone, e.g. 2024-05-01T12:00:00.000 (UTC) or 2024-05-01T14:00:00.000+02:00, or -1h',
    )
  }
}

const DURATION = /^([-+]?)P(?:([-+]?\d+)D)?(?:T(?:([-+]?\d+)H)?(?:([-+]?\d+)M)?(?:([-+]?\d+)(?:[.,](\d{0,9}))?S)?)?$/i

/** Parses --by-duration as Java's Duration.parse does (PnDTnHnMn.nS); returns milliseconds. */
export function parseDuration(text: string): number {
  const t = text.trim()
  const m = DURATION.exec(t)
  const fail = () =>
    usageError(`cannot parse the duration '${text}'`, 'Use ISO-8601 PnDTnHnMnS, e.g. PT30M (30 minutes), P1DT2H (1 day 2 hours), PT0.5S')
  if (!m || /T$/i.test(t) || /^[-+]?P$/i.test(t)) throw fail()
  const [, sign, d, h, mi, s, frac] = m
  if (d === undefined && h === undefined && mi === undefined && s === undefined) throw fail()
  const secSign = s?.startsWith('-') ? -1 : 1
  const fracMs = frac ? secSign * Math.floor(Number((frac + '000').slice(0, 3))) : 0
  const ms = Number(d ?? 0) * 86_400_000 + Number(h ?? 0) * 3_600_000 + Number(mi ?? 0) * 60_000 + Number(s ?? 0) * 1000 + fracMs
  return sign === '-' ? -ms : ms
}

function clamp(requested: number, s: PartitionState): {offset: number; note?: string} {
  if (requested > s.logEnd) return {offset: s.logEnd, note: `requested ${requested} is past the log end ${s.logEnd}; using ${s.logEnd}`}
  if (requested < s.logStart)
    return {offset: s.logStart, note: `requested ${requested} is before the log start ${s.logStart}; using ${s.logStart}`}
  return {offset: requested}
}

/** One partition's new offset, as ConsumerGroupCommand computes it for the same scenario. */
export function planRow(spec: ResetSpec, s: PartitionState): PlanRow {
  let target: {offset: number; note?: string}
  switch (spec.kind) {
    case 'earliest':
      target = {offset: s.logStart}
      break
    case 'latest':
      target = {offset: s.logEnd}
      break
    case 'current':
      target = s.current === null ? {offset: s.logEnd, note: 'nothing committed; using the log end'} : {offset: s.current}
      break
    case 'offset':
      target = clamp(spec.offset, s)
      break
    case 'shift':
      if (s.current === null) {
        throw new KfkError(`cannot shift ${s.topic}:${s.partition}: the group has no committed offset there`, {
          hint: 'Use --to-offset, --to-earliest or --to-latest for that partition.',
        })
      }
      target = clamp(s.current + spec.by, s)
      break
    case 'timestamp':
      target =
        s.byTime === undefined || s.byTime < 0
          ? {offset: s.logEnd, note: 'no record at or after that time; using the log end'}
          : {offset: s.byTime}
      break
    case 'file': {
      const requested = spec.offsets.get(tpKey(s))
      if (requested === undefined) throw new Error(`no offset in the file for ${s.topic}:${s.partition}`)
      target = clamp(requested, s)
      break
    }
  }
  const row: PlanRow = {
    topic: s.topic,
    partition: s.partition,
    currentOffset: s.current,
    newOffset: target.offset,
    logStartOffset: s.logStart,
    logEndOffset: s.logEnd,
    lagBefore: s.current === null ? null : s.logEnd - s.current,
    lagAfter: s.logEnd - target.offset,
  }
  if (target.note) row.note = target.note
  return row
}

/**
 * A CSV field as Jackson's CsvGenerator (used by kafka-consumer-groups.sh) writes it:
 * quoted when longer than 24 characters or holding a character below '-'
 * (separator, quote, space, control characters), quotes doubled.
 */
export function csvField(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.length > 24 || /[\u0000-\u002C]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value
}

/** kafka-consumer-groups.sh --export: "topic,partition,offset" lines (with a leading group column for several groups). */
export function toCsv(
  groupId: string,
  rows: ReadonlyArray<{topic: string; partition: number; newOffset: number}>,
  withGroup = false,
): string {
  return rows.map((r) => `${withGroup ? `${csvField(groupId)},` : ''}${csvField(r.topic)},${r.partition},${r.newOffset}\n`).join('')
}

/** Splits one CSV line, honouring "quoted, fields" with "" escapes; null when a quote is left open. */
export function splitCsvLine(line: string): string[] | null {
  const fields: string[] = []
  let field = ''
  let quoted = false
  let i = 0
  while (i < line.length) {
    const ch = line[i]!
    i++
    if (quoted) {
      if (ch === '"' && line[i] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"' && field.trim() === '') {
      quoted = true
      field = ''
    } else if (ch === ',') {
      fields.push(field.trim())
      field = ''
    } else field += ch
  }
  if (quoted) return null
  fields.push(field.trim())
  return fields
}

/**
 * Reads a reset plan written by --export (kfk or kafka-consumer-groups.sh):
 * "topic,partition,offset" or "group,topic,partition,offset" per line. Returns
 * the offsets for `groupId` keyed "topic:partition"; bad lines fail with their number.
 */
export function parseCsv(text: string, groupId: string, source = 'the file'): Map<string, number> {
  const out = new Map<string, number>()
  let otherGroups = 0
  const lines = text.split('\n')
  lines.forEach((raw, i) => {
    const line = raw.replace(/\r$/, '')
    if (line.trim() === '') return
    const where = `${source}, line ${i + 1}`
    const fields = splitCsvLine(line)
    if (!fields || (fields.length !== 3 && fields.length !== 4)) {
      throw new KfkError(`${where}: expected "topic,partition,offset" or "group,topic,partition,offset", got '${line}'`, {
        hint: 'Write the file with: kfk groups reset-offsets ... --export',
      })
    }
    const [group, topic, partition, offset] = fields.length === 4 ? fields : [groupId, ...fields]
    if (!topic) throw new KfkError(`${where}: empty topic name`, {hint: 'Each line is topic,partition,offset.'})
    if (!/^\d+$/.test(partition!))
      throw new KfkError(`${where}: partition '${partition}' is not a number`, {hint: 'Each line is topic,partition,offset.'})
    if (!/^-?\d+$/.test(offset!) || Number(offset) < 0)
      throw new KfkError(`${where}: offset '${offset}' is not a non-negative number`, {hint: 'Each line is topic,partition,offset.'})
    if (group !== groupId) {
      otherGroups++
      return
    }
    out.set(`${topic}:${Number(partition)}`, Number(offset))
  })
  if (out.size === 0) {
    throw new KfkError(
      `${source} has no offsets for group '${groupId}'${otherGroups > 0 ? ` (${otherGroups} line(s) for other groups)` : ''}`,
      {
        hint: 'Check the file and the group name.',
      },
    )
  }
  return out
}
