import type {KRecord} from '../core/records/record.js'
import type {Formatter} from './format.js'
import {JsonRecordStream} from './json-stream.js'
import {RecordWriter} from './record-writer.js'

/**
 * Where `kfk consume` writes: the record writer (backpressure; a failed write
 * rejects, so nothing unwritten is committed), inside the streamed --json
 * document when --json is on.
 */
export class ConsumeOutput {
  private readonly document?: JsonRecordStream
  private readonly writer: RecordWriter

  constructor(formatter: Formatter, json: boolean, onClosed: () => void) {
    this.document = json ? new JsonRecordStream() : undefined
    this.writer = new RecordWriter(this.document?.formatter ?? formatter, process.stdout, onClosed)
  }

  /** The consume engines' sink: resolves when the records are written (`flushed`: when they left the process). */
  readonly sink = (records: KRecord[], flushed?: boolean) => this.writer.write(records, flushed)

  get bytes(): number {
    return this.writer.bytes
  }

  /** The read ended: the --json document's summary fields, then every byte out to the reader. */
  async finish(summary: object): Promise<void> {
    if (this.document) await this.writer.writeRaw(this.document.tail(summary))
    await this.writer.end()
  }

  /**
   * The read failed with `message`: a --json document already begun is closed
   * (stdout stays one valid document). Returns the error to report: the
   * writer's own failure (a full disk, say) comes first.
   */
  async failed(error: unknown, message: string): Promise<unknown> {
    if (this.document && !this.writer.closed)
      await Promise.resolve(this.writer.writeRaw(this.document.tail({stoppedBy: 'error', error: message}))).catch(() => {})
    return this.writer.failure ?? error
  }
}
