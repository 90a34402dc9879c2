import {Args, Flags} from '@oclif/core'
import {fstatSync} from 'node:fs'
import {access} from 'node:fs/promises'
import {KafkaCommand} from '../base-command.js'
import {EXIT, KfkError, usageError} from '../errors.js'
import {parsePropertyFlags} from '../flags.js'
import type {ProduceSummary} from '../core/produce/produce.js'

export default class Produce extends KafkaCommand<typeof Produce> {
  static override summary =
    'Write records to a topic from stdin or a file, one per line (kafka-console-producer compatible; lossless JSONL).'
  static override description = `Each line is a record value. --key-separator SEP (or --property parse.key=true --property key.separator=SEP)
takes a key from each line; --property parse.headers=true reads "h1:v1,h2:v2<TAB>" before it. --input jsonl reads what
kfk consume --output jsonl writes. Each partition gets its records in input order, once (idempotent with acks all or 1),
through leader changes and retries, until --delivery-timeout. A summary goes to stderr; on a failure or Ctrl-C it says per
partition which input lines were acknowledged and which were not written, and exits 1 (130 on Ctrl-C).`
  static override examples = [
    '<%= config.bin %> produce orders < orders.txt',
    "<%= config.bin %> produce orders --key-separator ':' --file keyed.txt",
    '<%= config.bin %> produce orders --property parse.key=true --property key.separator=, --compression zstd',
    '<%= config.bin %> produce orders --producer-property acks=1 --producer-property linger.ms=20',
    '<%= config.bin %> consume a -e --from-beginning --output jsonl | <%= config.bin %> produce b --input jsonl',
  ]
  static override args = {topic: Args.string({description: 'Topic to write to.', required: false})}
  static override flags = {
    topic: Flags.string({char: 't', description: 'Topic to write to (Kafka spelling; same as the argument).'}),
    file: Flags.string({char: 'F', description: 'Read records from this file instead of stdin.'}),
    input: Flags.string({
      options: ['text', 'jsonl'],
      default: 'text',
      description: 'jsonl: one kfk JSON record per line (what kfk consume --output jsonl writes).',
    }),
    'key-separator': Flags.string({char: 'K', description: 'Split each line into key and value at the first SEP.'}),
    header: Flags.string({char: 'H', multiple: true, description: 'Header k=v on every record (repeatable).'}),
    partition: Flags.integer({char: 'p', min: 0, description: 'Write every record to this partition.'}),
    acks: Flags.string({
      options: ['all', '-1', '1', '0'],
      aliases: ['request-required-acks'],
      description: 'Acknowledgements to wait for (default all). all and 1 are idempotent; 0 waits for nothing and cannot retry.',
    }),
    compression: Flags.string({
      char: 'z',
      options: ['none', 'gzip', 'snappy', 'lz4', 'zstd'],
      aliases: ['compression-codec'],
      description: 'Compress record batches (default none).',
    }),
    'linger-ms': Flags.integer({min: 0, description: 'Wait this long for a batch to fill before sending it (default 5).'}),
    'batch-size': Flags.integer({
      min: 1024,
      description: 'Bytes of records per batch (default 512000; kept under the topic max.message.bytes).',
    }),
    'request-timeout': Flags.integer({
      min: 1,
      aliases: ['timeout-ms'],
      description: 'ms to wait for one produce answer before retrying (request.timeout.ms, default 30000).',
    }),
    'delivery-timeout': Flags.integer({
      min: 1,
      description: 'ms a record may take, retries included, before it counts as failed (delivery.timeout.ms, default 120000).',
    }),
    'max-in-flight': Flags.integer({
      min: 1,
      max: 5,
      description: 'Unanswered requests per broker (max.in.flight.requests.per.connection, default 5).',
    }),
    property: Flags.string({
      multiple: true,
      description:
        'Console-producer reader property k=v: parse.key, key.separator, parse.headers, headers.delimiter, headers.separator, headers.key.separator, null.marker, ignore.error.',
    }),
    'producer-property': Flags.string({
      multiple: true,
      description:
        'Java producer property k=v: acks, batch.size, linger.ms, compression.type, request.timeout.ms, delivery.timeout.ms, max.in.flight.requests.per.connection.',
    }),
  }

  private readonly abort = new AbortController()

  protected override onInterrupt(): void {
    // Stop reading; what was read is sent (within a few seconds) and counted.
    process.stderr.write('\n')
    this.abort.abort()
  }

  async run(): Promise<ProduceSummary> {
    const f = this.flags
    const topic = f.topic ?? this.args.topic
    if (!topic) throw usageError('no topic given', 'kfk produce TOPIC [--file F]')
    if (f.topic && this.args.topic && f.topic !== this.args.topic)
      throw usageError(`two topics given: "${this.args.topic}" and --topic "${f.topic}"`)
    const {lineOptions, parseHeaderFlag, READER_PROPERTIES, readChunks} = await import('../core/produce/input.js')
    const {producerSettings, isProducerProperty, SettingError} = await import('../core/produce/settings.js')
    const props = parsePropertyFlags(f.property ?? [])
    const producerProps = parsePropertyFlags(f['producer-property'] ?? [], '--producer-property')
    const unknown = [
      ...Object.keys(props).filter((k) => !READER_PROPERTIES.has(k)),
      ...Object.keys(producerProps).filter((k) => !isProducerProperty(k)),
    ]
    if (unknown.length > 0) this.warnLine(`ignoring unknown properties ${unknown.join(', ')}`)
    let settings, headers
    try {
      headers = (f.header ?? []).map(parseHeaderFlag)
      const given = {
        acks: f.acks,
        compression: f.compression,
        lingerMs: f['linger-ms'],
        batchBytes: f['batch-size'],
        requestTimeoutMs: f['request-timeout'],
        deliveryTimeoutMs: f['delivery-timeout'],
        maxInFlight: f['max-in-flight'],
      }
      settings = producerSettings(given, producerProps)
    } catch (error) {
      throw usageError(
        (error as Error).message,
        error instanceof SettingError ? 'See: kfk produce --help' : 'Example: --header source=batch',
      )
    }
    const line = lineOptions(props, {input: f.input as 'text' | 'jsonl', keySeparator: f['key-separator'], headers})
    if (line.keySeparator === '') throw usageError('the key separator cannot be empty')
    if (f.file) await access(f.file).catch(() => Promise.reject(usageError(`cannot read --file ${f.file}`, 'Check the path.')))
    const interactive = !f.file && Boolean(process.stdin.isTTY)
    // 1 MB reads from a file (also stdin redirected from one) into reused buffers, one read ahead (readChunks):
    // with Node's 64 KB default the main thread waits on reads.
    // A pipe stays process.stdin: blocking reads of a non-blocking pipe fail with EAGAIN.
    const stdinIsFile = !f.file && !interactive && fstatSync(0).isFile()
    const input = f.file ? readChunks(f.file) : stdinIsFile ? readChunks(0) : process.stdin
    const {progressLine} = await import('../output/progress.js')
    const progress = progressLine(process.stderr, !process.stderr.isTTY || interactive)
    let lastShown = 0
    const {produce} = await import('../core/produce/produce.js')
    const {describeFailure} = await import('../core/produce/report.js')
    const client = await this.client()
    let summary: ProduceSummary
    try {
      summary = await produce(client, {
        topic,
        input: input as AsyncIterable<Buffer>,
        line,
        partition: f.partition,
        ...settings,
        signal: this.abort.signal,
        prompt: interactive ? () => process.stderr.write('>') : undefined,
        onWarning: (text) => this.warnLine(text),
        onProgress: (s) => {
          if (Date.now() - lastShown < 250) return
          lastShown = Date.now()
          progress(`${s.records} records, ${(s.bytes / 1e6).toFixed(1)} MB`)
        },
      })
    } catch (error) {
      progress.done()
      if (error instanceof KfkError && error.data && this.jsonEnabled()) this.logJson(error.data)
      throw error
    }
    progress.done()
    const rate = Math.round(summary.records / Math.max(summary.seconds, 0.001))
    this.note(
      `produced ${summary.records} record${summary.records === 1 ? '' : 's'}, ${summary.bytes} bytes in ${summary.seconds.toFixed(2)} s (${rate} records/s) to ${topic}`,
    )
    if (summary.stoppedBy === 'interrupt') {
      if (summary.failed > 0) this.note(`interrupted: ${describeFailure(summary)}`)
      process.exitCode = EXIT.interrupted
    }
    return summary
  }
}
