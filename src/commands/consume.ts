import {Args} from '@oclif/core'
import {KafkaCommand} from '../cli/base-command.js'
import {EXIT, usageError} from '../cli/errors.js'
import {consume, type ConsumeOptions, type ConsumeSummary} from '../core/consume/consume.js'
import {countRecords, type CountSummary} from '../core/consume/count.js'
import {consumeWithGroup} from '../core/consume/group/group-consumer.js'
import {consumeWithShareGroup} from '../core/consume/share/share-consumer.js'
import {ConsumeOutput} from '../output/consume-output.js'
import {throughput} from '../output/progress.js'
import {consumeChoices, consumeFlags} from '../flags/consume.js'
import {renderTable} from '../output/table.js'
import {readPropertiesFile} from '../config/properties.js'

export default class Consume extends KafkaCommand<typeof Consume> {
  static override summary = 'Read records from topics to stdout (kafka-console-consumer compatible; kcat-style formats; lossless JSONL).'
  static override description = `Without --group no consumer group is joined and nothing is committed: kfk assigns the partitions itself.
With --group G it joins the group and commits the offsets of the records it has written out.
With --share-group G it reads through a share group (KIP-932, kafka-console-share-consumer): each record written out is
acknowledged (--ack accept, release or reject); records acquired but not written out (past -n, after Ctrl-C) are released.
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
    "<%= config.bin %> consume jobs --share-group workers --format '%p:%o delivery %d: %v\\n'",
  ]
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
    if (this.jsonEnabled() && f.format !== undefined)
      throw usageError(
        '--json and --format cannot be used together',
        '--json writes one JSON document; --format lays records out your way: pick one.',
      )
    // --consumer.config is a client properties file like --command-config, whose consumer settings also count.
    this.commandConfigFromOptions = f['consumer.config']
    const file = this.commandConfigFile
    const choices = consumeChoices(f, topics, {file: file ? readPropertiesFile(file) : {}, flags: this.commandProperties})
    if (choices.unknownProperties.length > 0) this.warnLine(`ignoring unknown properties ${choices.unknownProperties.join(', ')}`)
    const {groupProtocol, assignors, offset, offsetReset, isolationLevel, filter, exitAtEnd} = choices
    const common = {
      topics,
      pattern: f.pattern,
      isolationLevel,
      signal: this.abort.signal,
      maxMessages: f['max-messages'],
      filter,
      idleTimeoutMs: f['timeout-ms'],
      exitAtEnd,
    }
    const onNote = (text: string) => this.note(`note: ${text}`)
    // Without a group kfk assigns the partitions itself (--count reads that way too).
    const direct = {...common, partitions: f.partition, offset, offsetReset, onNote}
    if (choices.countOnly) return this.count(direct)
    const output = new ConsumeOutput(choices.formatter, this.jsonEnabled(), () => this.abort.abort())
    const client = await this.client()
    const started = Date.now()
    let summary: ConsumeSummary
    try {
      summary = choices.share
        ? await consumeWithShareGroup(client, {...common, ...choices.share, onNote}, output.sink)
        : choices.group
          ? await consumeWithGroup(
              client,
              {
                ...common,
                group: choices.group,
                fromBeginning: choices.offsetReset === 'earliest',
                resetError: choices.offsetReset === 'error',
                groupProtocol,
                assignors,
              },
              output.sink,
            )
          : await consume(client, direct, output.sink)
    } catch (error) {
      throw await output.failed(error, this.mapError(error).message)
    }
    // Only output is left to flush: a slow reader gets all of it (a second Ctrl-C still ends kfk).
    this.cancelInterruptDeadline()
    await output.finish(summary)
    if (f.stats || process.stderr.isTTY) this.note(`consumed ${throughput(summary.count, output.bytes, (Date.now() - started) / 1000)}`)
    if (filter) this.note(`${summary.skipped} record(s) did not match and were skipped`)
    if (this.interrupted) {
      await client.close()
      process.exit(EXIT.interrupted)
    }
    return summary
  }

  /** --json was streamed as the records came (see output/json-stream.ts): nothing is left to print. */
  override logJson(): void {}

  /** --count: per partition, the records (or the matches) of the range, instead of the records. */
  private async count(options: ConsumeOptions): Promise<CountSummary> {
    const client = await this.client()
    const result = await countRecords(client, options)
    if (this.jsonEnabled()) super.logJson(result)
    else {
      const rows = result.partitions.map((p) => [p.topic, p.partition, p.records, p.start, p.end])
      this.out(renderTable(['topic', 'partition', 'records', 'from', 'to'], rows))
      this.out(`total ${result.count}`)
    }
    if (options.filter) this.note(`${result.skipped} record(s) did not match`)
    if (this.interrupted) {
      await client.close()
      process.exit(EXIT.interrupted)
    }
    return result
  }
}
