import {Args, Flags} from '@oclif/core'
import {createReadStream} from 'node:fs'
import {KafkaCommand} from '../base-command.js'
import {EXIT, usageError} from '../errors.js'
import {parsePropertyFlags} from './consume.js'
import type {ProduceSummary} from '../core/produce.js'

const PRODUCER_PROPERTIES = new Set(['parse.key', 'key.separator', 'parse.headers', 'headers.delimiter', 'headers.separator', 'headers.key.separator', 'null.marker', 'ignore.error'])

export default class Produce extends KafkaCommand<typeof Produce> {
  static override summary = 'Write records to a topic from stdin or a file, one per line (kafka-console-producer compatible; lossless JSONL).'
  static override description = `Each line is a record value. --key-separator SEP (or --property parse.key=true --property key.separator=SEP)
takes a key from each line; --property parse.headers=true reads "h1:v1,h2:v2<TAB>" before it. --input jsonl reads what
kfk consume --output jsonl writes: {"key","value","headers","partition","timestamp"}, bytes that are not UTF-8 as {"base64": "..."}.
A summary (records, bytes, seconds, rate) goes to stderr; if any record fails the command says how many and exits 1.`
  static override examples = [
    '<%= config.bin %> produce orders < orders.txt',
    "<%= config.bin %> produce orders --key-separator ':' --file keyed.txt",
    '<%= config.bin %> produce orders --property parse.key=true --property key.separator=, --compression zstd',
    '<%= config.bin %> consume a -e --from-beginning --output jsonl | <%= config.bin %> produce b --input jsonl',
  ]
  static override args = {topic: Args.string({description: 'Topic to write to.', required: false})}
  static override flags = {
    topic: Flags.string({char: 't', description: 'Topic to write to (Kafka spelling; same as the argument).'}),
    file: Flags.string({char: 'F', description: 'Read records from this file instead of stdin.'}),
    input: Flags.string({options: ['text', 'jsonl'], default: 'text', description: 'jsonl: one kfk JSON record per line (what kfk consume --output jsonl writes).'}),
    'key-separator': Flags.string({char: 'K', description: 'Split each line into key and value at the first SEP.'}),
    header: Flags.string({char: 'H', multiple: true, description: 'Header k=v on every record (repeatable).'}),
    partition: Flags.integer({char: 'p', min: 0, description: 'Write every record to this partition.'}),
    acks: Flags.string({options: ['all', '-1', '1', '0'], default: 'all', aliases: ['request-required-acks'], description: 'Acknowledgements to wait for; all enables idempotence.'}),
    compression: Flags.string({char: 'z', options: ['none', 'gzip', 'snappy', 'lz4', 'zstd'], default: 'none', aliases: ['compression-codec'], description: 'Compress record batches.'}),
    'linger-ms': Flags.integer({min: 0, default: 5, description: 'Send a partial batch after waiting this long for more input.'}),
    'batch-size': Flags.integer({min: 1024, default: 512_000, description: 'Bytes of records per produce request (kept under the topic max.message.bytes).'}),
    property: Flags.string({multiple: true, description: 'Console-producer reader property k=v: parse.key, key.separator, parse.headers, headers.delimiter, headers.separator, headers.key.separator, null.marker, ignore.error.'}),
  }

  protected override onInterrupt(): void {
    // Records read so far are being sent; Ctrl-C stops here, like the Java console producer.
    process.stderr.write('\n')
    process.exit(EXIT.interrupted)
  }

  async run(): Promise<ProduceSummary> {
    const f = this.flags
    const topic = f.topic ?? this.args.topic
    if (!topic) throw usageError('no topic given', 'kfk produce TOPIC [--file F]')
    if (f.topic && this.args.topic && f.topic !== this.args.topic) throw usageError(`two topics given: "${this.args.topic}" and --topic "${f.topic}"`)
    const props = parsePropertyFlags(f.property ?? [])
    const unknown = Object.keys(props).filter((k) => !PRODUCER_PROPERTIES.has(k))
    if (unknown.length > 0) this.warnLine(`ignoring unknown --property ${unknown.join(', ')}`)
    const {LINE_DEFAULTS, parseHeaderFlag} = await import('../core/produce-input.js')
    let headers: Array<[string, Buffer]>
    try {
      headers = (f.header ?? []).map(parseHeaderFlag)
    } catch (error) {
      throw usageError((error as Error).message, 'Example: --header source=batch')
    }
    const truthy = (v: string | undefined) => v?.trim().toLowerCase() === 'true'
    const line = {
      ...LINE_DEFAULTS,
      input: f.input as 'text' | 'jsonl',
      parseKey: f['key-separator'] !== undefined || truthy(props['parse.key']),
      keySeparator: f['key-separator'] ?? props['key.separator'] ?? LINE_DEFAULTS.keySeparator,
      parseHeaders: truthy(props['parse.headers']),
      headersDelimiter: props['headers.delimiter'] ?? LINE_DEFAULTS.headersDelimiter,
      headersSeparator: props['headers.separator'] ?? LINE_DEFAULTS.headersSeparator,
      headersKeySeparator: props['headers.key.separator'] ?? LINE_DEFAULTS.headersKeySeparator,
      nullMarker: props['null.marker'],
      ignoreError: truthy(props['ignore.error']),
      headers,
    }
    if (line.keySeparator === '') throw usageError('the key separator cannot be empty')
    const interactive = !f.file && Boolean(process.stdin.isTTY)
    const input = f.file ? createReadStream(f.file, {highWaterMark: 1 << 20}) : process.stdin
    if (f.file) input.on('error', () => {})
    const {progressLine} = await import('../output/progress.js')
    const progress = progressLine(process.stderr, !process.stderr.isTTY || interactive)
    let lastShown = 0
    const {produce} = await import('../core/produce.js')
    const client = await this.client()
    if (f.file) await assertReadable(f.file)
    const summary = await produce(client, {
      topic,
      input: input as AsyncIterable<Buffer>,
      line,
      partition: f.partition,
      acks: f.acks === 'all' ? -1 : (Number(f.acks) as -1 | 0 | 1),
      compression: f.compression as 'none',
      lingerMs: f['linger-ms'],
      batchBytes: f['batch-size'],
      prompt: interactive ? () => process.stderr.write('>') : undefined,
      onProgress: (s) => {
        if (Date.now() - lastShown < 250) return
        lastShown = Date.now()
        progress(`${s.records} records, ${(s.bytes / 1e6).toFixed(1)} MB`)
      },
    })
    progress.done()
    const rate = Math.round(summary.records / Math.max(summary.seconds, 0.001))
    this.note(`produced ${summary.records} record${summary.records === 1 ? "" : "s"}, ${summary.bytes} bytes in ${summary.seconds.toFixed(2)} s (${rate} records/s) to ${topic}`)
    return summary
  }
}

async function assertReadable(path: string): Promise<void> {
  const {access} = await import('node:fs/promises')
  try {
    await access(path)
  } catch {
    throw usageError(`cannot read --file ${path}`, 'Check the path.')
  }
}
