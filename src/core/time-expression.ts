/**
 * Times as people type them wherever kfk takes one (consume --offset @TIME,
 * offsets --time, groups reset-offsets --to-datetime): epoch milliseconds,
 * ISO-8601 as Kafka's tools read it (UTC without a zone), or relative to now
 * (-1h, -30m, -2d, -10s).
 */
export class TimeError extends Error {}

const UNITS: Record<string, number> = {ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000}

export function parseTime(text: string, now = Date.now()): number {
  const s = text.trim()
  if (/^\d+$/.test(s)) return Number(s)
  const rel = /^-(\d+(?:\.\d+)?)(ms|s|m|h|d|w)$/.exec(s)
  if (rel) return Math.round(now - Number(rel[1]) * UNITS[rel[2]!]!)
  try {
    return parseDateTime(s)
  } catch {
    throw new TimeError(
      `"${text}" is not a time: use epoch milliseconds, ISO-8601 (2024-05-01T12:00:00Z; UTC without a zone) or relative (-1h, -30m, -2d)`,
    )
  }
}

const DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{3}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/

/**
 * Parses --to-datetime like Kafka's Utils.getDateTime: YYYY-MM-DDTHH:mm:SS.sss
 * with an optional zone (Z, ±hh, ±hhmm, ±hh:mm); without a zone the time is UTC.
 * Seconds and milliseconds may be left out.
 */
export function parseDateTime(text: string): number {
  const m = DATETIME.exec(text.trim())
  const fail = () => new TimeError(`"${text}" is not a date and time`)
  if (!m) throw fail()
  const [, y, mo, d, h, mi, s = '0', ms = '0', zone] = m
  const parts = [y, mo, d, h, mi, s, ms].map(Number) as [number, number, number, number, number, number, number]
  const [year, month, day, hour, minute, second, milli] = parts
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, milli)
  const check = new Date(utc)
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  )
    throw fail()
  let offsetMs = 0
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1
    const digits = zone.slice(1).replace(':', '')
    const zh = Number(digits.slice(0, 2))
    const zm = digits.length > 2 ? Number(digits.slice(2, 4)) : 0
    if (zh > 18 || zm > 59) throw fail()
    offsetMs = sign * (zh * 60 + zm) * 60_000
  }
  return utc - offsetMs
}
