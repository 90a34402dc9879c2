import {KfkError} from '../cli/errors.js'
import type {KRecord} from '../core/records/record.js'
import type {Formatter} from './format.js'

/**
 * Writes formatted records to stdout in big chunks: each fetched batch becomes
 * one write, and a full pipe (write() returning false) holds the fetch loop
 * back until it drains.
 *
 * Nothing unwritten may pass as written (a group commits after writing): a
 * write that fails rejects. A closed pipe (`| head -3`) is the one quiet case:
 * the writer notes it, `onClosed` lets the command stop, and plain writes
 * resolve; only writes that promised delivery (`flushed`) reject, with
 * OutputClosedError. Any other error (ENOSPC on a full disk) rejects with
 * one KfkError line.
 */
export class OutputClosedError extends Error {
  constructor() {
    super('stdout was closed by the reader')
    this.name = 'OutputClosedError'
  }
}

export class RecordWriter {
  /** The reader went away or writing failed: nothing more is written. */
  closed = false
  /** Why writing failed (not set for a closed pipe). */
  failure?: KfkError
  bytes = 0
  private readonly parts: Buffer[] = []
  private readonly waiting = new Set<() => void>()

  constructor(
    private readonly formatter: Formatter,
    private readonly stream: NodeJS.WritableStream = process.stdout,
    private readonly onClosed: () => void = () => {},
  ) {
    stream.on('error', (error: NodeJS.ErrnoException) => this.fail(error))
  }

  /**
   * Formats and writes. Plain: resolves once the stream can take more. With
   * `flushed`: resolves in the write callback, when the bytes have left the
   * process, and rejects if they did not (what a group engine awaits before
   * committing).
   */
  write(records: KRecord[], flushed = false): Promise<void> | void {
    if (records.length === 0) return flushed ? this.flushed() : undefined
    const parts = this.parts
    for (let i = 0; i < records.length; i++) this.formatter(records[i]!, parts)
    const chunk = Buffer.concat(parts)
    parts.length = 0
    return this.writeChunk(chunk, flushed)
  }

  /** Bytes outside any record (the frame of a streamed JSON document). */
  writeRaw(text: string, flushed = false): Promise<void> | void {
    return this.writeChunk(Buffer.from(text, 'utf8'), flushed)
  }

  /** Resolves when every byte written so far has left the process; rejects if any did not. */
  flushed(): Promise<void> {
    return this.writeChunk(Buffer.alloc(0), true) as Promise<void>
  }

  /** As flushed(), except that a closed pipe is a quiet end. */
  async end(): Promise<void> {
    if (this.closed && !this.failure) return
    await this.flushed().catch((error) => {
      if (!(error instanceof OutputClosedError)) throw error
    })
  }

  private writeChunk(chunk: Buffer, flushed: boolean): Promise<void> | void {
    if (this.failure) return Promise.reject(this.failure)
    if (this.closed) return flushed ? Promise.reject(new OutputClosedError()) : undefined
    this.bytes += chunk.length
    if (flushed) {
      return new Promise((resolve, reject) => {
        this.stream.write(chunk, (error?: Error | null) => {
          if (!error) return resolve()
          this.fail(error)
          reject(this.failure ?? new OutputClosedError())
        })
      })
    }
    if (this.stream.write(chunk)) return
    return new Promise((resolve, reject) => {
      const settle = () => {
        this.stream.removeListener('drain', settle)
        this.waiting.delete(settle)
        if (this.failure) reject(this.failure)
        else resolve()
      }
      this.waiting.add(settle)
      this.stream.once('drain', settle)
    })
  }

  private fail(error: NodeJS.ErrnoException): void {
    if (this.closed) return
    this.closed = true
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') {
      this.failure = new KfkError(`cannot write to stdout: ${error.message}`, {cause: error})
    }
    this.onClosed()
    for (const settle of [...this.waiting]) settle()
  }
}
