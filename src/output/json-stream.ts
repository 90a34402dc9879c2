import {encodeRecord} from '../core/records/jsonl.js'
import type {Formatter} from './format.js'

/**
 * `kfk consume --json` as one JSON document written as the records arrive
 * (bounded memory, no giant JSON.stringify): `{"records":[` and each record
 * on its own line, then the summary fields once the read has ended. Key order
 * is free in JSON, so the shape stays the documented one. A read that fails
 * midway still closes its document, with `stoppedBy: "error"` and `error`.
 */
export class JsonRecordStream {
  private started = false

  readonly formatter: Formatter = (r, out) => {
    out.push(Buffer.from((this.started ? ',\n' : '{"records":[\n') + encodeRecord(r), 'utf8'))
    this.started = true
  }

  /** The rest of the document after the last record. */
  tail(summary: object): string {
    const fields = JSON.stringify(summary).slice(1) // `"count":...}` without its opening brace
    const head = this.started ? '\n],' : '{"records":[],'
    this.started = true
    return fields === '}' ? `${head.slice(0, -1)}}\n` : `${head}${fields}\n`
  }
}
