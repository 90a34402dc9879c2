import {KafkaCommand} from '../../cli/base-command.js'
import {consumerPerf, formatDate, type ConsumerPerfResult, type IntervalReport} from '../../core/perf/consumer-perf.js'
import {usageError} from '../../cli/errors.js'
import {consumerPerfFlags} from '../../flags/perf.js'

const HEADER =
  'data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec'

export default class PerfConsume extends KafkaCommand<typeof PerfConsume> {
  static override summary =
    "Load-test consuming (kafka-consumer-perf-test): MB/s and records/s through a consumer group, kfk's own consumer."
  static override description =
    "Prints ConsumerPerformance's CSV: start.time, end.time, " +
    HEADER +
    '; with --show-detailed-stats a line per interval (time, threadId, ...). rebalance.time.ms runs until the group gave ' +
    'this member its partitions and the first records came.'
  static override examples = [
    '<%= config.bin %> perf consume --topic perf --messages 1000000',
    '<%= config.bin %> perf consume --topic perf --messages 1000000 --show-detailed-stats --reporting-interval 1000',
  ]
  static override flags = consumerPerfFlags
  private readonly abort = new AbortController()
  // ConsumerPerformance's --timeout is the longest wait for records; the client keeps its own timeout.
  protected override timeoutFlagIsOwn = true

  protected override onInterrupt(): void {
    this.abort.abort()
  }

  async run(): Promise<ConsumerPerfResult & {group: string; intervals: IntervalReport[]}> {
    const f = this.flags
    if (!f.topic && !f.include) throw usageError('no topic given', 'Give --topic TOPIC or --include REGEX.')
    if (f['fetch-size'] !== undefined) this.warnLine("--fetch-size is not used: kfk's fetch engine sizes its fetches itself")
    const group = f.group ?? `perf-consumer-${Math.floor(Math.random() * 100_000)}`
    const date = (ms: number) => formatDate(ms, f['date-format'])
    const detailed = f['show-detailed-stats']
    if (!f['hide-header']) this.out(`${detailed ? 'time, threadId' : 'start.time, end.time'}, ${HEADER}`)
    const intervals: IntervalReport[] = []
    const result = await consumerPerf(await this.client(), {
      topics: f.topic ? [f.topic] : [],
      pattern: f.include,
      messages: f.messages,
      group,
      fromLatest: f['from-latest'],
      timeoutMs: f.timeout,
      reportingIntervalMs: f['reporting-interval'],
      signal: this.abort.signal,
      onInterval: detailed
        ? (p) => {
            intervals.push(p)
            this.out(
              `${date(p.time)}, 0, ${p.totalMb.toFixed(4)}, ${p.mbPerSec.toFixed(4)}, ${p.messages}, ${p.messagesPerSec.toFixed(4)}, ` +
                `${p.rebalanceTimeMs}, ${p.fetchTimeMs}, ${p.fetchMbPerSec.toFixed(4)}, ${p.fetchMessagesPerSec.toFixed(4)}`,
            )
          }
        : undefined,
    })
    if (result.timedOut)
      this.warnLine(`stopped after ${result.messages} of ${f.messages} records: none came for ${f.timeout} ms (raise --timeout)`)
    if (!detailed)
      this.out(
        `${date(result.startMs)}, ${date(result.endMs)}, ${result.mb.toFixed(4)}, ${result.mbPerSec.toFixed(4)}, ${result.messages}, ` +
          `${result.messagesPerSec.toFixed(4)}, ${result.rebalanceTimeMs}, ${result.fetchTimeMs}, ${result.fetchMbPerSec.toFixed(4)}, ` +
          `${result.fetchMessagesPerSec.toFixed(4)}`,
      )
    return {...result, group, intervals}
  }
}
