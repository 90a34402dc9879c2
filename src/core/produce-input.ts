import type {OutRecord} from './record.js'
import {decodeRecord, JsonlError} from './jsonl.js'

/**
 * Turning input lines into records, the way Kafka's console producer
 * (LineMessageReader) does: [headers<delimiter>][key<separator>]value, with
 * parse.key, parse.headers, null.marker and ignore.error; or kfk's JSONL.
 * Lines stay bytes: a value that is not UTF-8 goes out unchanged.
 */
export interface LineOptions {
  input: 'text' | 'jsonl'
  parseKey: boolean
  keySeparator: string
  parseHeaders: boolean
  headersDelimiter: string
  headersSeparator: string
  headersKeySeparator: string
  nullMarker?: string
  ignoreError: boolean
  /** --header k=v on every record, after the line's own headers. */
  headers: Array<[string, Buffer | null]>
}

export const LINE_DEFAULTS: LineOptions = {
  input: 'text',
  parseKey: false,
  keySeparator: '\t',
  parseHeaders: false,
  headersDelimiter: '\t',
  headersSeparator: ',',
  headersKeySeparator: ':',
  ignoreError: false,
  headers: [],
}

export class InputError extends Error {
  constructor(readonly line: number, reason: string) {
    super(`line ${line}: ${reason}`)
  }
}

/** Splits a byte stream into lines (\n or \r\n), carrying the partial last line between chunks. */
export class LineSplitter {
  private rest: Buffer | null = null
  lineNumber = 0

  /** Calls `onLine` for each complete line in `chunk`. */
  push(chunk: Buffer, onLine: (line: Buffer, n: number) => void): void {
    let start = 0
    let nl = chunk.indexOf(10)
    if (this.rest) {
      // Only the carried-over line is joined, not the whole chunk.
      if (nl === -1) {
        this.rest = Buffer.concat([this.rest, chunk])
        return
      }
      const line = Buffer.concat([this.rest, chunk.subarray(0, nl)])
      this.rest = null
      onLine(line[line.length - 1] === 13 ? line.subarray(0, line.length - 1) : line, ++this.lineNumber)
      start = nl + 1
      nl = chunk.indexOf(10, start)
    }
    while (nl !== -1) {
      const end = nl > start && chunk[nl - 1] === 13 ? nl - 1 : nl
      onLine(chunk.subarray(start, end), ++this.lineNumber)
      start = nl + 1
      nl = chunk.indexOf(10, start)
    }
    // Copy the tail so the big chunk can be freed.
    this.rest = start < chunk.length ? Buffer.from(chunk.subarray(start)) : null
  }

  /** The last line when the input does not end with a newline. */
  end(onLine: (line: Buffer, n: number) => void): void {
    if (this.rest && this.rest.length > 0) {
      const r = this.rest
      const end = r[r.length - 1] === 13 ? r.length - 1 : r.length
      onLine(r.subarray(0, end), ++this.lineNumber)
    }
    this.rest = null
  }
}

/** Builds the line parser once; it returns a record, or null for a line that ignore.error skips (JSONL only). */
export function lineParser(o: LineOptions): (line: Buffer, n: number) => OutRecord | null {
  if (o.input === 'jsonl') {
    return (line, n) => {
      if (line.length === 0) return null
      try {
        const r = decodeRecord(line.toString('utf8'), n)
        if (o.headers.length > 0) r.headers.push(...o.headers)
        return r
      } catch (error) {
        if (o.ignoreError) return null
        throw new InputError(n, (error as JsonlError).message)
      }
    }
  }
  const keySep = Buffer.from(o.keySeparator, 'utf8')
  const hdrDelim = Buffer.from(o.headersDelimiter, 'utf8')
  const nullMarker = o.nullMarker === undefined ? undefined : Buffer.from(o.nullMarker, 'utf8')
  const orNull = (b: Buffer): Buffer | null => (nullMarker && b.equals(nullMarker) ? null : b)
  const fixed = o.headers
  if (!o.parseKey && !o.parseHeaders && !nullMarker) {
    return (line, n) => ({key: null, value: line, headers: fixed.length > 0 ? [...fixed] : [], line: n})
  }
  return (line, n) => {
    let at = 0
    let headerPart: Buffer | null = null
    if (o.parseHeaders) {
      const i = line.indexOf(hdrDelim)
      if (i === -1) {
        if (!o.ignoreError) throw new InputError(n, `no headers delimiter ${JSON.stringify(o.headersDelimiter)} found`)
      } else {
        headerPart = line.subarray(0, i)
        at = i + hdrDelim.length
      }
    }
    let key: Buffer | null = null
    if (o.parseKey) {
      const i = line.indexOf(keySep, at)
      if (i === -1) {
        if (!o.ignoreError) throw new InputError(n, `no key separator ${JSON.stringify(o.keySeparator)} found`)
      } else {
        key = orNull(line.subarray(at, i))
        at = i + keySep.length
      }
    }
    const headers = headerPart && headerPart.length > 0 && !(nullMarker && headerPart.equals(nullMarker)) ? splitHeaders(headerPart.toString('utf8'), o, n, orNull) : []
    if (fixed.length > 0) headers.push(...fixed)
    return {key, value: orNull(line.subarray(at)), headers, line: n}
  }
}

function splitHeaders(text: string, o: LineOptions, n: number, orNull: (b: Buffer) => Buffer | null): Array<[string, Buffer | null]> {
  return text.split(o.headersSeparator).map((pair) => {
    const i = pair.indexOf(o.headersKeySeparator)
    if (i === -1) {
      if (o.ignoreError) return [pair, null] as [string, Buffer | null]
      throw new InputError(n, `no header key separator ${JSON.stringify(o.headersKeySeparator)} in "${pair}"`)
    }
    const key = pair.slice(0, i)
    if (o.nullMarker !== undefined && key === o.nullMarker) throw new InputError(n, `a header key cannot be the null marker "${o.nullMarker}"`)
    return [key, orNull(Buffer.from(pair.slice(i + o.headersKeySeparator.length), 'utf8'))] as [string, Buffer | null]
  })
}

/** --header k=v (repeatable). */
export function parseHeaderFlag(text: string): [string, Buffer] {
  const i = text.indexOf('=')
  if (i <= 0) throw new Error(`--header "${text}" is not key=value`)
  return [text.slice(0, i), Buffer.from(text.slice(i + 1), 'utf8')]
}
