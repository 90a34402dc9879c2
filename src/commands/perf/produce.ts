import {KafkaCommand} from '../../cli/base-command.js'
import {windowLine, totalLine, type TotalReport, type WindowReport} from '../../core/perf/latency-stats.js'
import {producerPerf} from '../../core/perf/producer-perf.js'
import {producerPerfChoices, producerPerfFlags} from '../../flags/perf.js'
import {progressLine} from '../../output/progress.js'

export default class PerfProduce extends KafkaCommand<typeof PerfProduce> {
  static override summary =
    "Load-test producing (kafka-producer-perf-test): records/s, MB/s and latency percentiles, through kfk's own producer."
  static override description =
    "Prints ProducerPerformance's lines: one per reporting interval, then the totals with the 50th, 95th, 99th and 99.9th " +
    "latency percentiles. A record's latency runs from when its batch opened to when the batch is acknowledged."
  static override examples = [
    '<%= config.bin %> perf produce --topic perf --num-records 1000000 --record-size 100 --throughput -1 --producer-props acks=all',
    '<%= config.bin %> perf produce --topic perf --num-records 100000 --payload-file payloads.txt --throughput 5000 --json',
  ]
  static override flags = producerPerfFlags
  private readonly abort = new AbortController()

  protected override onInterrupt(): void {
    this.abort.abort()
  }

  async run(): Promise<{windows: WindowReport[]; total: TotalReport; warmupRecords: number}> {
    const f = this.flags
    const choices = await producerPerfChoices(f)
    for (const key of choices.unknownProperties) this.warnLine(`producer property ${key} is not used by kfk`)
    // ProducerPerformance takes the cluster from --producer-props bootstrap.servers.
    this.bootstrapFromOptions = choices.bootstrap
    const windows: WindowReport[] = []
    const live = progressLine()
    const {total, summary} = await producerPerf(await this.client(), {
      ...choices.settings,
      topic: f.topic,
      numRecords: f['num-records'],
      recordSize: f['record-size'],
      payloads: choices.payloads,
      throughput: f.throughput,
      warmupRecords: f['warmup-records'],
      reportingIntervalMs: f['reporting-interval'],
      signal: this.abort.signal,
      onWindow: (w) => {
        windows.push(w)
        live.done()
        this.out(windowLine(w))
      },
    })
    live.done()
    if (f['warmup-records'] > 0) this.note(`the first ${f['warmup-records']} records (warm-up) are left out of the totals`)
    this.out(totalLine(total))
    if (summary.failed > 0) this.warnLine(`${summary.failed} records were not acknowledged`)
    return {windows, total, warmupRecords: f['warmup-records']}
  }
}
