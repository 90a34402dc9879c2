import {Args} from '@oclif/core'
import {KafkaCommand} from '../cli/base-command.js'
import {EXIT, KfkError} from '../cli/errors.js'
import {produce} from '../core/produce/produce.js'
import type {ProduceSummary} from '../core/produce/report.js'
import {atMostEvery, progressLine} from '../output/progress.js'
import * as view from '../output/views/produce.js'
import {bareCompressionCodec, openProduceInput, produceChoices, produceFlags, unusedJavaFlagsNote} from '../flags/produce.js'
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
    bareCompressionCodec(this.argv)
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
    const unused = unusedJavaFlagsNote(f)
    if (unused) this.note(unused)
    const {input, interactive} = await openProduceInput(f.file)
    const progress = progressLine(process.stderr, !process.stderr.isTTY || interactive)
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
        onProgress: atMostEvery(250, (s) => progress(view.progressText(s))),
      })
    } catch (error) {
      if (error instanceof KfkError && error.data && this.jsonEnabled()) this.logJson(error.data)
      throw error
    } finally {
      progress.done()
    }
    this.note(view.producedNote(summary, topic))
    const oversized = view.oversizedWarning(summary)
    if (oversized) this.warnLine(oversized)
    for (const note of view.endNotes(summary, line.input)) this.note(note)
    if (summary.stoppedBy === 'interrupt') process.exitCode = EXIT.interrupted
    return summary
  }
}
