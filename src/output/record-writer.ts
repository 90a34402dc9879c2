import type {KRecord} from '../core/record.js'
import type {Formatter} from './format.js'

/**
 * Writes formatted records to stdout in big chunks: each fetched batch becomes
 * one write, and a full pipe (write() returning false) holds the fetch loop
 * back until it drains. A closed pipe (`| head -3`) is not an error: the
 * writer notes it and `onClosed` lets the command stop quietly.
 */
export class RecordWriter {
  closed = false
  bytes = 0
  private readonly parts: Buffer[] = []

  constructor(
    private readonly formatter: Formatter,
    private readonly stream: NodeJS.WritableStream = process.stdout,
    private readonly onClosed: () => void = () => {},
  ) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') {
        this.closed = true
        this.onClosed()
      } else {
        throw error
      }
    })
  }

  /** Formats and writes; resolves once the stream can take more (or, with `flushed`, once the OS has the bytes). */
  write(records: KRecord[], flushed = false): Promise<void> | void {
    if (this.closed || records.length === 0) return
    const parts = this.parts
    for (let i = 0; i < records.length; i++) this.formatter(records[i]!, parts)
    const chunk = Buffer.concat(parts)
    parts.length = 0
    this.bytes += chunk.length
    if (flushed) {
      return new Promise((resolve) => {
        this.stream.write(chunk, () => resolve())
      })
    }
    if (!this.stream.write(chunk)) {
      return new Promise((resolve) => {
        const done = () => {
          this.stream.removeListener('drain', done)
          this.stream.removeListener('close', done)
          resolve()
        }
        this.stream.once('drain', done)
        this.stream.once('close', done)
      })
    }
  }

  /** Resolves when everything written so far has left the process. */
  end(): Promise<void> {
    if (this.closed) return Promise.resolve()
    return new Promise((resolve) => this.stream.write('', () => resolve()))
  }
}
