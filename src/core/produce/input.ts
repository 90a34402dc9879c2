import {read} from 'node:fs'
import {open} from 'node:fs/promises'
import type {OutRecord} from '../records/record.js'
import {decodeRecord, JsonlError} from '../records/jsonl.js'

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
  /** Called for each line whose error ignore.error passed over (the produce summary counts them). */
  onIgnored?: (line: number) => void
  /** --tombstone: every record's value is null (the line is the key, or the key part with --key-separator). */
  tombstone?: boolean
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
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(`line ${line}: ${reason}`)
  }
}

/**
 * A file's (or a file descriptor's) bytes in chunks, read into two buffers in turn with the next
 * read already under way while the caller handles a chunk. fs.createReadStream allocates a fresh
 * buffer per read: with 1 MB chunks that cost page faults and external-memory garbage collection,
 * several times the copy itself (reading 200 MB took 80-150 ms that way, 20-30 ms into reused
 * buffers). A chunk is valid only until the following `next()`: the produce engine copies
 * whatever it keeps (LineSplitter), so the chunk can be overwritten then.
 */
export async function* readChunks(file: string | number, chunkBytes = 1 << 20): AsyncGenerator<Buffer> {
  const handle = typeof file === 'number' ? undefined : await open(file, 'r')
  const fd = handle ? handle.fd : (file as number)
  const buffers = [Buffer.allocUnsafeSlow(chunkBytes), Buffer.allocUnsafeSlow(chunkBytes)]
  // From the current position (null): stdin redirected from a file is read from where it stands.
  const next = (b: Buffer) => {
    const p = new Promise<number>((resolve, reject) => read(fd, b, 0, b.length, null, (error, n) => (error ? reject(error) : resolve(n))))
    p.catch(() => {}) // a failed read ahead is reported when its chunk is asked for, not as an unhandled rejection
    return p
  }
  let pending = next(buffers[0]!)
  try {
    for (let i = 0; ; i++) {
      const n = await pending
      if (n === 0) return
      const chunk = buffers[i % 2]!.subarray(0, n)
      pending = next(buffers[(i + 1) % 2]!)
      yield chunk
    }
  } finally {
    // Never close the file under a read still in flight (the caller stopped early).
    await pending.catch(() => {})
    await handle?.close()
  }
}

/** A line as `buf[start, end)`, without its line break: no Buffer object per line. */
export type SpanHandler = (buf: Buffer, start: number, end: number, n: number) => void

/**
 * Splits a byte stream into lines (\n or \r\n), carrying the partial last
 * line between chunks as a list of pieces (joined once, when its newline
 * comes: linear in the line's length), and refusing a line as soon as it
 * passes `maxLineBytes` instead of buffering it whole.
 */
export class LineSplitter {
  private pieces: Buffer[] = []
  private pending = 0
  /** Dropping the rest of an oversized line until its newline (with `onOversized`). */
  private skipping = false
  lineNumber = 0

  /** `onOversized`: skip (and report) a line over `maxLineBytes` instead of failing (ignore.error). */
  constructor(
    private readonly maxLineBytes = Infinity,
    private readonly onOversized?: (n: number) => void,
  ) {}

  /** Calls `onLine` for each complete line in `chunk`. */
  push(chunk: Buffer, onLine: (line: Buffer, n: number) => void): void {
    this.pushSpans(chunk, (buf, start, end, n) => onLine(buf.subarray(start, end), n))
  }

  /** `push`, with each line as a span of the chunk (or of the joined pieces of a line that spans chunks). */
  pushSpans(chunk: Buffer, onLine: SpanHandler): void {
    let start = 0
    let nl = chunk.indexOf(10)
    if (this.skipping) {
      if (nl === -1) return
      this.skipping = false
      this.onOversized!(++this.lineNumber)
      start = nl + 1
      nl = chunk.indexOf(10, start)
    } else if (this.pending > 0) {
      // A copy: the chunk's buffer may be reused for the next read (readChunks).
      if (nl === -1) return this.carry(Buffer.from(chunk))
      this.pieces.push(chunk.subarray(0, nl))
      const line = Buffer.concat(this.pieces, this.pending + nl)
      this.pieces = []
      this.pending = 0
      const end = line[line.length - 1] === 13 ? line.length - 1 : line.length
      if (this.tooLong(end)) this.onOversized!(++this.lineNumber)
      else onLine(line, 0, end, ++this.lineNumber)
      start = nl + 1
      nl = chunk.indexOf(10, start)
    }
    while (nl !== -1) {
      const end = nl > start && chunk[nl - 1] === 13 ? nl - 1 : nl
      if (this.tooLong(end - start)) this.onOversized!(++this.lineNumber)
      else onLine(chunk, start, end, ++this.lineNumber)
      start = nl + 1
      nl = chunk.indexOf(10, start)
    }
    // Copy the tail so the big chunk can be freed (or reused for the next read).
    if (start < chunk.length) this.carry(Buffer.from(chunk.subarray(start)))
  }

  /** The last line when the input does not end with a newline. */
  end(onLine: (line: Buffer, n: number) => void): void {
    this.endSpans((buf, start, end, n) => onLine(buf.subarray(start, end), n))
  }

  endSpans(onLine: SpanHandler): void {
    if (this.skipping) {
      this.skipping = false
      this.onOversized!(++this.lineNumber)
    } else if (this.pending > 0) {
      const r = Buffer.concat(this.pieces, this.pending)
      this.pieces = []
      this.pending = 0
      onLine(r, 0, r[r.length - 1] === 13 ? r.length - 1 : r.length, ++this.lineNumber)
    }
  }

  private carry(piece: Buffer): void {
    this.pieces.push(piece)
    this.pending += piece.length
    if (this.tooLong(this.pending)) {
      // Skipped: its bytes are not kept while the rest of it streams past.
      this.pieces = []
      this.pending = 0
      this.skipping = true
    }
  }

  /** Whether a line of `length` bytes is over the limit and skipped; over it without `onOversized`, an error. */
  private tooLong(length: number): boolean {
    if (length <= this.maxLineBytes) return false
    if (this.onOversized) return true
    throw new InputError(
      this.lineNumber + 1,
      `the line is over ${this.maxLineBytes} bytes, the topic's max.message.bytes (the most one record may take)`,
    )
  }
}

/**
 * For plain text lines (no headers, null marker or --header; a key separator of one byte, if
 * any), a function that finds a line's key separator: its index, or -1 for a record without a key
 * (keys not parsed, or a line without the separator under ignore.error, which keeps the whole
 * line as the value, as lineParser does). Undefined for every other kind of line: those go
 * through lineParser. The produce engine then encodes key and value straight from the chunk.
 */
export function keySeparatorFinder(o: LineOptions): ((buf: Buffer, start: number, end: number, n: number) => number) | undefined {
  if (o.input !== 'text' || o.parseHeaders || o.nullMarker !== undefined || o.headers.length > 0 || o.tombstone) return undefined
  if (!o.parseKey) return () => -1
  const sep = Buffer.from(o.keySeparator, 'utf8')
  if (sep.length !== 1) return undefined
  const byte = sep[0]!
  return (buf, start, end, n) => {
    // Keys are short: a loop finds the separator sooner than a native indexOf call would start.
    const near = Math.min(end, start + 64)
    let i = start
    while (i < near && buf[i] !== byte) i++
    if (i === near && i < end) {
      const at = buf.subarray(i, end).indexOf(byte)
      i = at === -1 ? end : i + at
    }
    if (i < end) return i
    if (!o.ignoreError) throw new InputError(n, `no key separator ${JSON.stringify(o.keySeparator)} found`)
    o.onIgnored?.(n)
    return -1
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
        if (o.ignoreError) {
          o.onIgnored?.(n)
          return null
        }
        throw new InputError(n, (error as JsonlError).message)
      }
    }
  }
  const keySep = Buffer.from(o.keySeparator, 'utf8')
  const hdrDelim = Buffer.from(o.headersDelimiter, 'utf8')
  const nullMarker = o.nullMarker === undefined ? undefined : Buffer.from(o.nullMarker, 'utf8')
  const orNull = (b: Buffer): Buffer | null => (nullMarker && b.equals(nullMarker) ? null : b)
  const fixed = o.headers
  if (o.tombstone) {
    // The line names the key to delete; with --key-separator only the part before it (a whole "key<sep>value" line can be replayed as deletes).
    return (line, n) => {
      const i = o.parseKey ? line.indexOf(keySep) : -1
      return {key: i === -1 ? line : line.subarray(0, i), value: null, headers: fixed.length > 0 ? [...fixed] : [], line: n}
    }
  }
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
        o.onIgnored?.(n)
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
        o.onIgnored?.(n)
      } else {
        key = orNull(line.subarray(at, i))
        at = i + keySep.length
      }
    }
    const headers =
      headerPart && headerPart.length > 0 && !(nullMarker && headerPart.equals(nullMarker))
        ? splitHeaders(headerPart.toString('utf8'), o, n, orNull)
        : []
    if (fixed.length > 0) headers.push(...fixed)
    return {key, value: orNull(line.subarray(at)), headers, line: n}
  }
}

function splitHeaders(text: string, o: LineOptions, n: number, orNull: (b: Buffer) => Buffer | null): Array<[string, Buffer | null]> {
  return text.split(o.headersSeparator).map((pair) => {
    const i = pair.indexOf(o.headersKeySeparator)
    if (i === -1) {
      if (o.ignoreError) {
        o.onIgnored?.(n)
        return [pair, null] as [string, Buffer | null]
      }
      throw new InputError(n, `no header key separator ${JSON.stringify(o.headersKeySeparator)} in "${pair}"`)
    }
    const key = pair.slice(0, i)
    if (o.nullMarker !== undefined && key === o.nullMarker)
      throw new InputError(n, `a header key cannot be the null marker "${o.nullMarker}"`)
    return [key, orNull(Buffer.from(pair.slice(i + o.headersKeySeparator.length), 'utf8'))] as [string, Buffer | null]
  })
}

/** --header k=v (repeatable). */
export function parseHeaderFlag(text: string): [string, Buffer] {
  const i = text.indexOf('=')
  if (i <= 0) throw new Error(`--header "${text}" is not key=value`)
  return [text.slice(0, i), Buffer.from(text.slice(i + 1), 'utf8')]
}

/** The console producer's reader properties (`--property k=v`) that kfk reads. */
export const READER_PROPERTIES = new Set([
  'parse.key',
  'key.separator',
  'parse.headers',
  'headers.delimiter',
  'headers.separator',
  'headers.key.separator',
  'null.marker',
  'ignore.error',
])

/** Line options from the reader properties and kfk's own flags (which win). */
export function lineOptions(
  props: Record<string, string>,
  flags: {input: 'text' | 'jsonl'; keySeparator?: string; headers: Array<[string, Buffer]>; tombstone?: boolean},
): LineOptions {
  const truthy = (v: string | undefined) => v?.trim().toLowerCase() === 'true'
  return {
    ...LINE_DEFAULTS,
    input: flags.input,
    parseKey: flags.keySeparator !== undefined || truthy(props['parse.key']),
    keySeparator: flags.keySeparator ?? props['key.separator'] ?? LINE_DEFAULTS.keySeparator,
    parseHeaders: truthy(props['parse.headers']),
    headersDelimiter: props['headers.delimiter'] ?? LINE_DEFAULTS.headersDelimiter,
    headersSeparator: props['headers.separator'] ?? LINE_DEFAULTS.headersSeparator,
    headersKeySeparator: props['headers.key.separator'] ?? LINE_DEFAULTS.headersKeySeparator,
    nullMarker: props['null.marker'],
    ignoreError: truthy(props['ignore.error']),
    tombstone: flags.tombstone,
    headers: flags.headers,
  }
}
