import {parseTime, TimeError} from '../time-expression.js'

/**
 * Where to start reading, as people type it (kafka-console-consumer's
 * --offset plus kcat's forms): earliest | latest | N | -N (N before the end)
 * | @TIME with TIME epoch ms, ISO-8601, or relative (-1h, -30m, -2d, -10s).
 */
export type OffsetSpec =
  {kind: 'earliest'} | {kind: 'latest'} | {kind: 'absolute'; offset: bigint} | {kind: 'fromEnd'; count: bigint} | {kind: 'time'; ms: number}

export class OffsetSpecError extends Error {}

export function parseOffsetSpec(text: string, now = Date.now()): OffsetSpec {
  const s = text.trim()
  if (/^(earliest|beginning|smallest)$/i.test(s)) return {kind: 'earliest'}
  if (/^(latest|end|largest)$/i.test(s)) return {kind: 'latest'}
  if (/^\d+$/.test(s)) return {kind: 'absolute', offset: BigInt(s)}
  if (/^-\d+$/.test(s)) return {kind: 'fromEnd', count: BigInt(s.slice(1))}
  if (s.startsWith('@')) {
    try {
      return {kind: 'time', ms: parseTime(s.slice(1), now)}
    } catch (error) {
      if (error instanceof TimeError) throw new OffsetSpecError(error.message)
      throw error
    }
  }
  throw new OffsetSpecError(`"${text}" is not an offset: use earliest, latest, N, -N (N before the end) or @TIME`)
}
