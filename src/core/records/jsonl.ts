import {isUtf8} from 'node:buffer'
import type {KRecord, OutRecord} from './record.js'

/**
 * kfk's lossless record line: what `kfk consume --output jsonl` writes and
 * `kfk produce --input jsonl` reads.
 *   {"topic","partition","offset","timestamp","key","value","headers":[[k,v],...]}
 * Bytes that are valid UTF-8 are a JSON string; any other bytes are
 * {"base64":"..."}; an absent key/value is null. Headers are [key, value] pairs
 * in record order (keys may repeat); produce also accepts an object {k: v}.
 */
export type JsonBytes = string | {base64: string} | null

export function encodeBytes(b: Buffer | null): JsonBytes {
  if (b === null) return null
  return isUtf8(b) ? b.toString('utf8') : {base64: b.toString('base64')}
}

export function encodeRecord(r: KRecord): string {
  const headers = r.headers.map(([k, v]) => [k, encodeBytes(v)])
  return JSON.stringify({
    topic: r.topic,
    partition: r.partition,
    offset: Number(r.offset),
    timestamp: Number(r.timestamp),
    key: encodeBytes(r.key),
    value: encodeBytes(r.value),
    headers,
    // Only read through a share group: how many times the broker has delivered the record.
    ...(r.deliveryCount === undefined ? {} : {deliveryCount: r.deliveryCount}),
  })
}

export class JsonlError extends Error {}

/** Standard base64 (RFC 4648 section 4), padded, as kfk consume writes it. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

function decodeBytes(v: unknown, what: string): Buffer | null {
  if (v === null || v === undefined) return null
  if (typeof v === 'string') return Buffer.from(v, 'utf8')
  if (typeof v === 'object' && typeof (v as {base64?: unknown}).base64 === 'string') {
    const text = (v as {base64: string}).base64
    // Buffer.from skips bad characters silently: bytes that were not meant would go out.
    if (!BASE64.test(text))
      throw new JsonlError(`${what}: ${JSON.stringify(text.length > 40 ? text.slice(0, 40) + '...' : text)} is not valid base64`)
    return Buffer.from(text, 'base64')
  }
  throw new JsonlError(`${what} must be a string, {"base64": "..."} or null`)
}

function decodeHeaders(v: unknown): Array<[string, Buffer | null]> {
  if (v === null || v === undefined) return []
  if (Array.isArray(v)) {
    return v.map((pair, i) => {
      if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string')
        throw new JsonlError(`headers[${i}] must be a [key, value] pair`)
      return [pair[0], decodeBytes(pair[1], `header ${pair[0]}`)] as [string, Buffer | null]
    })
  }
  if (typeof v === 'object') return Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, decodeBytes(x, `header ${k}`)])
  throw new JsonlError('headers must be an array of [key, value] pairs or an object')
}

/** The fields a JSONL record may have: what encodeRecord writes. */
const FIELDS = new Set(['topic', 'partition', 'offset', 'timestamp', 'key', 'value', 'headers', 'deliveryCount'])

/** Parses one JSONL line into a record to produce; throws JsonlError with a plain reason. */
export function decodeRecord(line: string, lineNumber: number): OutRecord {
  let o: unknown
  try {
    o = JSON.parse(line)
  } catch (error) {
    throw new JsonlError(`not valid JSON (${(error as Error).message})`)
  }
  if (o === null || typeof o !== 'object' || Array.isArray(o)) throw new JsonlError('expected a JSON object')
  const obj = o as Record<string, unknown>
  // A misspelt field ("vaule") would otherwise send a record with a null value, which deletes its key on a compacted topic.
  const unknown = Object.keys(obj).find((k) => !FIELDS.has(k))
  if (unknown !== undefined) throw new JsonlError(`unknown field ${JSON.stringify(unknown)} (fields: ${[...FIELDS].join(', ')})`)
  if (!('value' in obj)) throw new JsonlError('no "value" field (a tombstone says "value": null)')
  const rec: OutRecord = {
    key: decodeBytes(obj.key, 'key'),
    value: decodeBytes(obj.value, 'value'),
    headers: decodeHeaders(obj.headers),
    line: lineNumber,
  }
  if (obj.partition !== undefined && obj.partition !== null) {
    if (!Number.isInteger(obj.partition) || (obj.partition as number) < 0) throw new JsonlError('partition must be a non-negative integer')
    rec.partition = obj.partition as number
  }
  if (obj.timestamp !== undefined && obj.timestamp !== null) {
    const t = obj.timestamp
    if (!(Number.isInteger(t) || (typeof t === 'string' && /^\d+$/.test(t)))) throw new JsonlError('timestamp must be epoch milliseconds')
    rec.timestamp = String(t)
  }
  return rec
}
