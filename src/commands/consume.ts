import {Args} from '@oclif/core'
import {KafkaCommand} from '../cli/base-command.js'
import {EXIT} from '../cli/errors.js'
import {consume, type ConsumeOptions, type ConsumeSummary} from '../core/consume/consume.js'
import {countRecords, type CountSummary} from '../core/consume/count.js'
import {consumeWithGroup} from '../core/consume/group/group-consumer.js'
import {consumeWithShareGroup} from '../core/consume/share/share-consumer.js'
import {ConsumeOutput} from '../output/consume-output.js'
import {consumeChoices, consumeFlags, consumeHelp, consumeRead, refuseFormatWithJson} from '../flags/consume.js'
import * as view from '../output/views/consume.js'
import {readPropertiesFile} from '../config/properties.js'

export default class Consume extends KafkaCommand<typeof Consume> {
  static override summary = 'Read records from topics to stdout (kafka-console-consumer compatible; kcat-style formats; lossless JSONL).'
  static override description = consumeHelp.description
  static override strict = false
  static override examples = consumeHelp.examples
  static override args = {topic: Args.string({description: 'Topic(s) to read (several allowed).', required: false})}
  static override flags = consumeFlags

  private readonly abort = new AbortController()
  private interrupted = false
  // Committing (a share group: the in-flight fetch and closing its sessions, 900 ms) and leaving (400 ms) fit in 1.5 s,
  // so the summary and the --json document are still written; Ctrl-C must end the command within 2 s.
  protected override interruptGraceMs = 1500

  protected override onInterrupt(): void {
    this.interrupted = true
    this.abort.abort()
  }

  async run(): Promise<ConsumeSummary> {
    const f = this.flags
    const topics = [...(f.topic ?? []), ...this.positionals]
    refuseFormatWithJson(f, this.jsonEnabled())
    // --consumer.config is a client properties file like --command-config, whose consumer settings also count.
    this.commandConfigFromOptions = f['consumer.config']
    const file = this.commandConfigFile
    const choices = consumeChoices(f, topics, {file: file ? readPropertiesFile(file) : {}, flags: this.commandProperties})
    if (choices.unknownProperties.length > 0) this.warnLine(`ignoring unknown properties ${choices.unknownProperties.join(', ')}`)
    const read = consumeRead(f, topics, choices, {signal: this.abort.signal, onNote: (text) => this.note(`note: ${text}`)})
    if (read.engine === 'count') return this.count(read.options)
    const output = new ConsumeOutput(choices.formatter, this.jsonEnabled(), () => this.abort.abort())
    const client = await this.client()
    const started = Date.now()
    let summary: ConsumeSummary
    try {
      summary =
        read.engine === 'share'
          ? await consumeWithShareGroup(client, read.options, output.sink)
          : read.engine === 'group'
            ? await consumeWithGroup(client, read.options, output.sink)
            : await consume(client, read.options, output.sink)
    } catch (error) {
      throw await output.failed(error, this.mapError(error).message)
    }
    // Only output is left to flush: a slow reader gets all of it (a second Ctrl-C still ends kfk).
    this.cancelInterruptDeadline()
    await output.finish(summary)
    const end = {bytes: output.bytes, seconds: (Date.now() - started) / 1000, rate: f.stats || Boolean(process.stderr.isTTY)}
    for (const note of view.consumedNotes(summary, {...end, filtered: Boolean(choices.filter)})) this.note(note)
    await this.exitIfInterrupted()
    return summary
  }

  /** --json was streamed as the records came (see output/json-stream.ts): nothing is left to print. */
  override logJson(): void {}

  /** --count: per partition, the records (or the matches) of the range, instead of the records. */
  private async count(options: ConsumeOptions): Promise<CountSummary> {
    const result = await countRecords(await this.client(), options)
    if (this.jsonEnabled()) super.logJson(result)
    else for (const line of view.countLines(result)) this.out(line)
    if (options.filter) this.note(view.unmatchedNote(result))
    await this.exitIfInterrupted()
    return result
  }

  /** After Ctrl-C, once what was read is out: 130. */
  private async exitIfInterrupted(): Promise<void> {
    if (!this.interrupted) return
    await (await this.client()).close()
    process.exit(EXIT.interrupted)
  }
}
