import {Args, Flags} from '@oclif/core'
import {KafkaCommand} from '../base-command.js'
import {EXIT, usageError} from '../errors.js'
import {parsePropertyFlags} from '../flags.js'
import type {ConsumeSummary, OffsetReset} from '../core/consume/consume.js'
import type {KRecord} from '../core/records/record.js'

export default class Consume extends KafkaCommand<typeof Consume> {
  static override summary = 'Read records from topics to stdout (kafka-console-consumer compatible; kcat-style formats; lossless JSONL).'
  static override description = `Without --group no consumer group is joined and nothing is committed: kfk assigns the partitions itself.
With --group G it joins the group and commits the offsets of the records it has written out.
Output: the value per line by default; Kafka's --property print.key=true (print.timestamp, print.partition, print.offset,
print.headers, key.separator, line.separator, headers.separator, null.literal); --format '%t %p %o %k %v %h %T\\n' (kcat-style);
or --output jsonl: {"topic","partition","offset","timestamp","key","value","headers"} with non-UTF-8 bytes as {"base64": "..."}.`
  static override strict = false
  static override examples = [
    '<%= config.bin %> consume orders --from-beginning -e',
    "<%= config.bin %> consume orders --offset -10 --format '%p:%o %k=%v\\n'",
    '<%= config.bin %> consume orders --from-beginning --property print.key=true --property key.separator=:',
    '<%= config.bin %> consume orders -e --from-beginning --output jsonl > orders.jsonl',
    '<%= config.bin %> consume orders --group billing --max-messages 100',
  ]
  static override args = {topic: Args.string({description: 'Topic(s) to read (several allowed).', required: false})}
  static override flags = {
    topic: Flags.string({char: 't', multiple: true, description: 'Topic to read (Kafka spelling; same as the argument).'}),
    pattern: Flags.string({aliases: ['include', 'whitelist'], description: 'Read every topic whose name matches this regular expression.'}),
    'from-beginning': Flags.boolean({description: 'Start at the earliest offset (when the group has none committed, with --group).'}),
    offset: Flags.string({
      char: 'o',
      description: 'Where to start: earliest | latest | N | -N (N before the end) | @TIME (epoch ms, ISO-8601, or -1h).',
    }),
    partition: Flags.integer({char: 'p', multiple: true, min: 0, description: 'Only these partitions (repeatable).'}),
    group: Flags.string({char: 'g', description: 'Join this consumer group and commit what was written out.'}),
    'group-protocol': Flags.string({
      options: ['classic', 'consumer'],
      description:
        "With --group: Java's group.protocol; consumer is KIP-848 (server-side assignment). Default: consumer where the brokers offer it, else classic.",
    }),
    assignor: Flags.string({
      multiple: true,
      options: ['range', 'cooperative-sticky'],
      description:
        "With --group: the assignors to offer, in order (Java's partition.assignment.strategy; default range, cooperative-sticky); implies --group-protocol classic.",
    }),
    'max-messages': Flags.integer({char: 'n', min: 0, description: 'Stop after this many records.'}),
    'timeout-ms': Flags.integer({min: 1, description: 'Stop when no record arrived for this long.'}),
    'exit-at-end': Flags.boolean({char: 'e', description: 'Stop at the end of each partition as it was when consuming started.'}),
    format: Flags.string({
      char: 'f',
      description:
        'kcat-style format: %t topic %p partition %o offset %k key %v value %h headers %T timestamp %K/%S sizes; \\n \\t escapes.',
    }),
    output: Flags.string({
      options: ['text', 'jsonl'],
      default: 'text',
      description: 'jsonl: one lossless JSON record per line (what kfk produce --input jsonl reads).',
    }),
    property: Flags.string({
      multiple: true,
      description: 'Console-consumer formatter property k=v (print.key=true, key.separator=:, ...).',
    }),
    'offset-reset': Flags.string({
      options: ['earliest', 'latest', 'error'],
      description:
        'When a position is no longer in the log (OFFSET_OUT_OF_RANGE): earliest, latest or error. Default as the Java console consumer: earliest with --from-beginning, else latest.',
    }),
    'isolation-level': Flags.string({
      options: ['read_uncommitted', 'read_committed'],
      default: 'read_uncommitted',
      description: 'Whether to show records of open or aborted transactions.',
    }),
    stats: Flags.boolean({description: 'Print a summary (records, bytes, seconds, rate) on stderr at the end.'}),
  }

  private readonly abort = new AbortController()
  private interrupted = false
  private forceExit?: NodeJS.Timeout

  protected override onInterrupt(): void {
    this.interrupted = true
    this.abort.abort()
    // Committing and leaving get 1.5 s; Ctrl-C must end the command within 2 s.
    this.forceExit = setTimeout(() => process.exit(EXIT.interrupted), 1500).unref()
  }

  async run(): Promise<ConsumeSummary> {
    const f = this.flags
    const {argv} = await this.parse(Consume)
    const topics = [...(f.topic ?? []), ...(argv as string[])]
    if (topics.length === 0 && !f.pattern) throw usageError('no topic given', 'kfk consume TOPIC [TOPIC...] or --pattern REGEX')
    if (f.group && f.partition)
      throw usageError(
        '--group cannot be combined with --partition (a group assigns partitions itself)',
        'Drop --partition, or drop --group to read chosen partitions without a group.',
      )
    if (f.group && f.offset)
      throw usageError(
        '--group cannot be combined with --offset (a group starts from its committed offsets)',
        'Use --from-beginning for a new group, or kfk groups reset-offsets.',
      )
    if (!f.group && (f['group-protocol'] || f.assignor)) throw usageError('--group-protocol and --assignor need --group')
    if (f['group-protocol'] === 'consumer' && f.assignor)
      throw usageError(
        '--assignor applies to the classic protocol (with --group-protocol consumer the brokers assign)',
        'Drop --assignor, or use --group-protocol classic.',
      )
    if (f['from-beginning'] && f.offset)
      throw usageError(
        '--from-beginning and --offset cannot be used together',
        'Use one of them: --offset earliest is the same as --from-beginning.',
      )
    if (f.format !== undefined && f.output === 'jsonl') throw usageError('--format and --output jsonl cannot be used together')
    const {parseOffsetSpec, OffsetSpecError} = await import('../core/consume/offset-spec.js')
    let offset
    try {
      offset = f.offset ? parseOffsetSpec(f.offset) : f['from-beginning'] ? ({kind: 'earliest'} as const) : ({kind: 'latest'} as const)
    } catch (error) {
      if (error instanceof OffsetSpecError)
        throw usageError(
          `--offset: ${error.message}`,
          'Examples: --offset earliest, --offset 42, --offset -10, --offset @-1h, --offset @2024-05-01T00:00:00Z',
        )
      throw error
    }
    const offsetReset = (f['offset-reset'] ?? (offset.kind === 'earliest' ? 'earliest' : 'latest')) as OffsetReset
    const properties = parsePropertyFlags(f.property ?? [])
    const {buildFormatter, FormatError, unknownConsoleProperties} = await import('../output/format.js')
    const unknown = unknownConsoleProperties(properties)
    if (unknown.length > 0) this.warnLine(`ignoring unknown --property ${unknown.join(', ')}`)
    let formatter
    try {
      formatter = buildFormatter({output: f.output, format: f.format, properties})
    } catch (error) {
      if (error instanceof FormatError)
        throw usageError(`--format: ${error.message}`, 'Tokens: %t %p %o %k %v %h %T %K %S %%, escapes \\n \\t \\r')
      throw error
    }
    const json = this.jsonEnabled()
    const {RecordWriter} = await import('../output/record-writer.js')
    const {JsonRecordStream} = await import('../output/json-stream.js')
    const document = json ? new JsonRecordStream() : undefined
    const writer = new RecordWriter(document?.formatter ?? formatter, process.stdout, () => this.abort.abort())
    const client = await this.client()
    const started = Date.now()
    const common = {maxMessages: f['max-messages'], idleTimeoutMs: f['timeout-ms'], exitAtEnd: f['exit-at-end'], signal: this.abort.signal}
    const sink = (records: KRecord[], flushed?: boolean) => writer.write(records, flushed)
    const isolationLevel = f['isolation-level'] === 'read_committed' ? 1 : 0
    let summary: ConsumeSummary
    try {
      if (f.group) {
        const {consumeWithGroup} = await import('../core/consume/group-consume.js')
        const groupProtocol = (f['group-protocol'] ?? (f.assignor ? 'classic' : undefined)) as 'classic' | 'consumer' | undefined
        summary = await consumeWithGroup(
          client,
          {
            ...common,
            topics,
            pattern: f.pattern,
            group: f.group,
            fromBeginning: f['from-beginning'],
            isolationLevel,
            groupProtocol,
            assignors: f.assignor as Array<'range' | 'cooperative-sticky'> | undefined,
          },
          sink,
        )
      } else {
        const {consume} = await import('../core/consume/consume.js')
        summary = await consume(
          client,
          {
            ...common,
            topics,
            pattern: f.pattern,
            partitions: f.partition,
            offset,
            isolationLevel,
            offsetReset,
            onNote: (text) => this.note(`note: ${text}`),
          },
          sink,
        )
      }
    } catch (error) {
      // A --json document already begun is closed, so stdout stays one valid document.
      if (document && !writer.closed)
        await Promise.resolve(writer.writeRaw(document.tail({stoppedBy: 'error', error: this.mapError(error).message}))).catch(() => {})
      throw writer.failure ?? error
    }
    // Only output is left to flush: a slow reader gets all of it (a second Ctrl-C still ends kfk).
    if (this.forceExit) clearTimeout(this.forceExit)
    if (document) await writer.writeRaw(document.tail(summary))
    await writer.end()
    if (f.stats || process.stderr.isTTY) {
      const s = (Date.now() - started) / 1000
      this.note(
        `consumed ${summary.count} records, ${writer.bytes} bytes in ${s.toFixed(2)} s (${Math.round(summary.count / Math.max(s, 0.001))} records/s)`,
      )
    }
    if (this.interrupted) {
      await client.close()
      process.exit(EXIT.interrupted)
    }
    return summary
  }

  /** --json was streamed as the records came (see output/json-stream.ts): nothing is left to print. */
  override logJson(): void {}
}
