/**
 * Where to start reading, as people type it (kafka-console-consumer's
 * --offset plus kcat's forms): earliest | latest | N | -N (N before the end)
 * | @TIME with TIME epoch ms, ISO-8601, or relative (-1h, -30m, -2d, -10s).
 */
export type OffsetSpec =
  {kind: 'earliest'} | {kind: 'latest'} | {kind: 'absolute'; offset: bigint} | {kind: 'fromEnd'; count: bigint} | {kind: 'time'; ms: number}

export class OffsetSpecError extends Error {}

const UNITS: Record<string, number> = {ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000}

export function parseOffsetSpec(text: string, now = Date.now()): OffsetSpec {
  const s = text.trim()
  if (/^(earliest|beginning|smallest)$/i.test(s)) return {kind: 'earliest'}
  if (/^(latest|end|largest)$/i.test(s)) return {kind: 'latest'}
  if (/^\d+$/.test(s)) return {kind: 'absolute', offset: BigInt(s)}
  if (/^-\d+$/.test(s)) return {kind: 'fromEnd', count: BigInt(s.slice(1))}
  if (s.startsWith('@')) return {kind: 'time', ms: parseTime(s.slice(1), now)}
  throw new OffsetSpecError(`"${text}" is not an offset: use earliest, latest, N, -N (N before the end) or @TIME`)
}

/** Epoch ms, ISO-8601 (2024-05-01T12:00:00Z; without a zone it is local time), or relative to now (-1h, -90m, -2d). */
export function parseTime(text: string, now = Date.now()): number {
  const s = text.trim()
  if (/^\d+$/.test(s)) return Number(s)
  const rel = /^-(\d+(?:\.\d+)?)(ms|s|m|h|d|w)$/.exec(s)
  if (rel) return Math.round(now - Number(rel[1]) * UNITS[rel[2]!]!)
  if (/^\d{4}-\d{2}-\d{2}/.test(s)) {
    const ms = Date.parse(s)
    if (!Number.isNaN(ms)) return ms
  }
  throw new OffsetSpecError(`"${text}" is not a time: use epoch milliseconds, ISO-8601 (2024-05-01T12:00:00Z) or relative (-1h, -30m, -2d)`)
}
