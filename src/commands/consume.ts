import {Args} from '@oclif/core'
import {KafkaCommand} from '../base-command.js'
import {EXIT} from '../errors.js'
import {consume, type ConsumeSummary} from '../core/consume/consume.js'
import {consumeWithGroup} from '../core/consume/group-consume.js'
import {RecordWriter} from '../output/record-writer.js'
import {JsonRecordStream} from '../output/json-stream.js'
import type {KRecord} from '../core/records/record.js'
import {consumeChoices, consumeFlags} from '../flags/consume.js'

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
  static override flags = consumeFlags

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
    const choices = consumeChoices(f, topics)
    if (choices.unknownProperties.length > 0) this.warnLine(`ignoring unknown --property ${choices.unknownProperties.join(', ')}`)
    const document = this.jsonEnabled() ? new JsonRecordStream() : undefined
    const writer = new RecordWriter(document?.formatter ?? choices.formatter, process.stdout, () => this.abort.abort())
    const client = await this.client()
    const started = Date.now()
    const sink = (records: KRecord[], flushed?: boolean) => writer.write(records, flushed)
    const {signal} = this.abort
    const base = {topics, pattern: f.pattern, isolationLevel: choices.isolationLevel, signal, maxMessages: f['max-messages']}
    const ends = {idleTimeoutMs: f['timeout-ms'], exitAtEnd: f['exit-at-end']}
    const {groupProtocol, assignors, offset, offsetReset} = choices
    let summary: ConsumeSummary
    try {
      summary = f.group
        ? await consumeWithGroup(
            client,
            {...base, ...ends, group: f.group, fromBeginning: f['from-beginning'], groupProtocol, assignors},
            sink,
          )
        : await consume(
            client,
            {...base, ...ends, partitions: f.partition, offset, offsetReset, onNote: (text) => this.note(`note: ${text}`)},
            sink,
          )
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
