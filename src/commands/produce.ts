import {Args} from '@oclif/core'
import {KafkaCommand} from '../cli/base-command.js'
import {EXIT, KfkError} from '../cli/errors.js'
import {produce} from '../core/produce/produce.js'
import type {ProduceSummary} from '../core/produce/report.js'
import {describeFailure} from '../core/produce/report.js'
import {progressLine, throughput} from '../output/progress.js'
import {openProduceInput, produceChoices, produceFlags, UNUSED_JAVA_FLAGS} from '../flags/produce.js'
import {readPropertiesFile} from '../config/properties.js'

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
  static override flags = produceFlags

  private readonly abort = new AbortController()
  // The engine sends what it read within 5 s of Ctrl-C, then accounts for it: a little longer before the last resort.
  protected override interruptGraceMs = 6000

  public override async init(): Promise<void> {
    // kafka-console-producer's --compression-codec takes an optional value: alone it means gzip.
    const i = this.argv.indexOf('--compression-codec')
    if (i >= 0 && (i === this.argv.length - 1 || this.argv[i + 1]!.startsWith('-'))) this.argv.splice(i, 1, '--compression-codec=gzip')
    await super.init()
  }

  protected override onInterrupt(): void {
    // Stop reading; what was read is sent (within a few seconds) and counted.
    process.stderr.write('\n')
    this.abort.abort()
  }

  async run(): Promise<ProduceSummary> {
    const f = this.flags
    // --producer.config is a client properties file like --command-config, whose producer settings also count.
    this.commandConfigFromOptions = f['producer.config']
    const file = this.commandConfigFile
    const {topic, line, settings, unknownProperties} = produceChoices(f, this.args.topic, {
      file: file ? readPropertiesFile(file) : {},
      flags: this.commandProperties,
    })
    if (unknownProperties.length > 0) this.warnLine(`ignoring unknown properties ${unknownProperties.join(', ')}`)
    const unused = UNUSED_JAVA_FLAGS.filter((name) => f[name] !== undefined)
    if (unused.length > 0) this.note(`note: ${unused.map((n) => `--${n}`).join(', ')} tune Java's producer; kfk does not use them`)
    const {input, interactive} = await openProduceInput(f.file)
    const progress = progressLine(process.stderr, !process.stderr.isTTY || interactive)
    let lastShown = 0
    const client = await this.client()
    let summary: ProduceSummary
    try {
      summary = await produce(client, {
        topic,
        input,
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
      if (error instanceof KfkError && error.data && this.jsonEnabled()) this.logJson(error.data)
      throw error
    } finally {
      progress.done()
    }
    this.note(`produced ${throughput(summary.records, summary.bytes, summary.seconds)} to ${topic}`)
    if (summary.oversizedLines > 0)
      this.warnLine(`ignore.error: ${summary.oversizedLines} line(s) over the topic's max.message.bytes were skipped (not sent)`)
    if (summary.ignoredLines > 0)
      this.note(
        `ignore.error: ${summary.ignoredLines} line(s) did not parse (${line.input === 'jsonl' ? 'skipped' : 'sent whole as the value, without a key or headers'})`,
      )
    if (summary.stoppedBy === 'interrupt') {
      if (summary.failed > 0) this.note(`interrupted: ${describeFailure(summary)}`)
      else
        this.note(
          `interrupted after input line ${summary.lines}: every line read was acknowledged; to go on, re-send from line ${summary.lines + 1}`,
        )
      process.exitCode = EXIT.interrupted
    }
    return summary
  }
}
