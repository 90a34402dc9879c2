import type {RawCluster} from '../kafkajs/types.js'
import type {KafkaClient} from '../kafkajs/client.js'
import {KfkError} from '../../cli/errors.js'
import {compressionType, registerCodecs} from '../records/codecs.js'
import {autoCreateTopic, resolveTopics} from '../partitions/partitions.js'
import {Accumulator, type AccumulatorEvents, type ProducerBatch} from './accumulator.js'
import {BATCH_HEADER} from '../records/batch-encode.js'
import type {OutRecord} from '../records/record.js'
import {keySeparatorFinder, LineSplitter, lineParser, InputError, type LineOptions, type SpanHandler} from './input.js'
import {initProducerId, topicMaxMessageBytes} from './producer-setup.js'
import {Sender, senderCluster, type SenderEvents} from './sender.js'
import type {ProducerSettings} from './settings.js'
import {describeFailure, type ProduceSummary} from './report.js'
import {isTopicNotFound, partitionNotFound} from '../partitions/not-found.js'
import {interruptedBefore, unlessAborted} from '../errors.js'

/** The producer's settings (settings.ts) and what to read, where to write it, and who to tell. */
export interface ProduceOptions extends ProducerSettings {
  topic: string
  /** Chunks of input. The engine keeps no reference to a chunk once it asks for the next (readChunks reuses its buffers). */
  input: AsyncIterable<Buffer | string>
  line: LineOptions
  partition?: number
  /** Interactive terminal: a prompt per line, each line sent at once. */
  prompt?: () => void
  onProgress?: (s: ProduceSummary) => void
  /** Each acknowledged batch: when it was opened, its records and their bytes (kfk perf measures latency with it). */
  onBatchAcked?: (batch: {createdAt: number; records: number; payloadBytes: number}) => void
  onWarning?: (text: string) => void
  /** Ctrl-C: stop reading, send what was read within `flushDeadlineMs`. */
  signal?: AbortSignal
  flushDeadlineMs?: number
}

/** How much read input may wait for the brokers: bounds memory whatever the input size. */
const BUFFER_BYTES = 16 << 20

/**
 * `kfk produce`: input lines -> records -> per-partition batches
 * (accumulator.ts) -> ordered, pipelined, idempotent sends (sender.ts).
 * Input is read only while the buffered batches stay under a bound, so
 * memory does not grow with the input and the slowest broker slows the read.
 * On a failure or Ctrl-C it stops reading, sends what it has read (Ctrl-C:
 * within a short deadline), and accounts for every line: acknowledged, not
 * written, or maybe written (an answer was lost), per partition.
 */
export async function produce(client: KafkaClient, o: ProduceOptions): Promise<ProduceSummary> {
  registerCodecs()
  // Ctrl-C while connecting (or while a hung broker holds the set-up) ends at once: nothing was read or sent yet.
  const topic = await unlessAborted(setUp(client, o), o.signal, () => interruptedBefore('anything was sent'))
  return new ProduceRun(o, topic).run()
}

/** What set-up learnt: the topic's partitions, its record size limit and the producer id. */
interface TopicSetUp {
  cluster: RawCluster
  partitions: number
  maxMessageBytes: number
  producer: {producerId: bigint; producerEpoch: number}
}

/**
 * One produce: reads input, takes each line into the accumulator, seals and
 * flushes, and sums up or fails. It mediates between the accumulator (lines
 * into batches) and the sender (batches to the leaders): both tell it their
 * events, and it answers with the other's methods.
 */
class ProduceRun implements AccumulatorEvents, SenderEvents {
  private readonly accumulator: Accumulator
  private readonly sender: Sender
  private readonly splitter: LineSplitter
  private readonly parse: (line: Buffer, n: number) => OutRecord | null
  /** One line of input into the accumulator. */
  private readonly takeSpan: SpanHandler
  private readonly started = Date.now()
  private stoppedBy: ProduceSummary['stoppedBy'] = 'end'
  private inputError: InputError | undefined
  private readError: Error | undefined
  private ignoredLines = 0
  private oversizedLines = 0
  /** Seal every open batch now: at the end, and after each line of an interactive prompt. */
  private flushing = false
  /** Records without a timestamp get the time their chunk of input was read. */
  private now = Date.now()
  private linger: NodeJS.Timeout | undefined

  constructor(
    private readonly o: ProduceOptions,
    {cluster, partitions, maxMessageBytes, producer}: TopicSetUp,
  ) {
    const line = {...o.line, onIgnored: () => void this.ignoredLines++}
    this.parse = lineParser(line)
    // ignore.error skips (and counts) a record over the topic's limit too, as Java's producer reports such a record and goes on.
    const onOversized = o.line.ignoreError ? () => void this.oversizedLines++ : undefined
    this.splitter = new LineSplitter(maxMessageBytes, onOversized)
    this.sender = new Sender(
      senderCluster(cluster),
      {
        topic: o.topic,
        partitions,
        acks: o.acks,
        ...producer,
        requestTimeoutMs: o.requestTimeoutMs,
        deliveryTimeoutMs: o.deliveryTimeoutMs,
        maxInFlight: o.maxInFlight,
      },
      this,
    )
    this.accumulator = new Accumulator(
      {
        topic: o.topic,
        partitions,
        // Keep every batch under the topic's limit. As small as Java's batch.size allows (0: a batch per record).
        batchBytes: Math.max(0, Math.min(o.batchBytes, maxMessageBytes - BATCH_HEADER - 1024)),
        compression: compressionType(o.compression),
        maxMessageBytes,
        partition: o.partition,
        onOversized,
      },
      this,
    )
    // Plain text lines (the common case) skip the record object: key and value go from the chunk into the batch.
    const keySeparator = keySeparatorFinder(line)
    this.takeSpan = keySeparator
      ? (buf, start, end, n) => {
          const sep = keySeparator(buf, start, end, n)
          if (sep < 0) this.accumulator.addText(buf, -1, -1, start, end, n, this.now)
          else this.accumulator.addText(buf, start, sep, sep + 1, end, n, this.now)
        }
      : (buf, start, end, n) => {
          const r = this.parse(buf.subarray(start, end), n)
          if (r !== null) this.accumulator.add(r, this.now)
        }
  }

  async run(): Promise<ProduceSummary> {
    const {o, sender} = this
    const onAbort = () => sender.wake()
    o.signal?.addEventListener('abort', onAbort)
    try {
      await this.readInput()
      await this.flush()
    } finally {
      if (this.linger) clearTimeout(this.linger)
      o.signal?.removeEventListener('abort', onAbort)
      await sender.close()
    }
    return this.outcome()
  }

  /** Reads chunks while the buffered batches stay under BUFFER_BYTES, until the end, a failure or Ctrl-C. */
  private async readInput(): Promise<void> {
    const {o, sender} = this
    const input = o.input[Symbol.asyncIterator]()
    o.prompt?.()
    while (!this.inputError && !sender.failed && !this.interrupted()) {
      // Ctrl-C must not wait for the next line of a quiet stdin.
      let next
      try {
        next = await nextUnlessAborted(input, o.signal)
      } catch (error) {
        this.readError = error as Error
        return
      }
      if (next === undefined) {
        void input.return?.()
        return
      }
      if (next.done) {
        this.takeLines(() => this.splitter.endSpans(this.takeSpan))
        return
      }
      const chunk = next.value
      this.now = Date.now()
      this.takeLines(() => this.splitter.pushSpans(typeof chunk === 'string' ? Buffer.from(chunk) : chunk, this.takeSpan))
      if (o.prompt && !this.inputError) {
        this.flushing = true
        sender.drain()
        this.flushing = false
        o.prompt()
      }
      sender.drain()
      this.lingerLater()
      while (sender.queuedBytes > BUFFER_BYTES && !sender.failed && !this.interrupted()) await sender.changed()
    }
  }

  /** Runs a step over input lines; a bad line stops the reading (InputError), other errors propagate. */
  private takeLines(step: () => void): void {
    try {
      step()
    } catch (error) {
      if (!(error instanceof InputError)) throw error
      this.inputError = error
    }
  }

  /** Drains again once the oldest open batch has lingered linger.ms. */
  private lingerLater(): void {
    const oldest = this.accumulator.oldestOpen()
    if (oldest === undefined || this.linger) return
    this.linger = setTimeout(
      () => {
        this.linger = undefined
        this.sender.drain()
        this.lingerLater()
      },
      Math.max(0, oldest + this.o.lingerMs - Date.now()),
    )
  }

  /** Sends everything read so far (after Ctrl-C only until the flush deadline); nothing more is read. */
  private async flush(): Promise<void> {
    const {accumulator, sender} = this
    const flushMs = this.o.flushDeadlineMs ?? 5000
    let abandonTimer: NodeJS.Timeout | undefined
    this.flushing = true
    for (const p of [...accumulator.openPartitions()]) accumulator.sealIfDue(p, 0, true)
    try {
      for (;;) {
        if (this.interrupted() && !abandonTimer)
          abandonTimer = setTimeout(() => sender.abandon(`not acknowledged within ${flushMs} ms of Ctrl-C`), flushMs)
        sender.drain()
        if (sender.pending === 0) break
        await sender.changed()
      }
    } finally {
      if (abandonTimer) clearTimeout(abandonTimer)
    }
  }

  private interrupted(): boolean {
    return this.o.signal?.aborted === true
  }

  private summary(): ProduceSummary {
    const {ledger} = this.sender
    return {
      topic: this.o.topic,
      records: ledger.acknowledged,
      bytes: ledger.acknowledgedBytes,
      failed: ledger.notWrittenCount + ledger.maybeWrittenCount,
      notWritten: ledger.notWrittenCount,
      maybeWritten: ledger.maybeWrittenCount,
      lines: this.splitter.lineNumber,
      ignoredLines: this.ignoredLines,
      oversizedLines: this.oversizedLines,
      seconds: (Date.now() - this.started) / 1000,
      stoppedBy: this.stoppedBy,
      partitions: ledger.partitions(),
    }
  }

  /** The summary, or the one error that says what was and was not written. */
  private outcome(): ProduceSummary {
    const {o, sender, inputError, readError} = this
    if (this.interrupted()) this.stoppedBy = 'interrupt'
    else if (inputError || readError || sender.failed) this.stoppedBy = 'error'
    const result = this.summary()
    if (inputError) {
      throw new KfkError(`input ${inputError.message} (${describeFailure(result)})`, {
        hint: 'Fix the line and re-send from it, or skip bad lines with --property ignore.error=true',
        data: result,
      })
    }
    if (readError) {
      throw new KfkError(`could not read the input after line ${result.lines}: ${readError.message} (${describeFailure(result)})`, {
        hint: 'Records counted as acknowledged are on the topic; re-send the input from the line after them.',
        data: result,
      })
    }
    if (sender.failed && this.stoppedBy !== 'interrupt') {
      throw new KfkError(`could not write to ${o.topic}: ${describeFailure(result)}`, {
        hint: 'Records counted as acknowledged are on the topic; re-send only the lines listed as not written.',
        data: result,
      })
    }
    return result
  }

  sealed(batch: ProducerBatch): void {
    this.sender.add(batch)
  }

  encoded(batch: ProducerBatch, error?: unknown): void {
    if (error === undefined) this.sender.drain()
    else this.sender.failEncoding(batch, error)
  }

  acked(batch: ProducerBatch): void {
    this.o.onBatchAcked?.(batch)
    this.o.onProgress?.(this.summary())
  }

  done(batch: ProducerBatch): void {
    // With acks=0 the socket may still be writing a batch counted as sent: its buffer is not reused.
    if (this.o.acks !== 0) this.accumulator.release(batch)
  }

  warning(text: string): void {
    this.o.onWarning?.(text)
  }

  sealDue(partition: number): void {
    this.accumulator.sealIfDue(partition, this.o.lingerMs, this.flushing || Boolean(this.o.prompt))
  }
}

/** The topic's partitions, its record size limit and a producer id, with connections to the leaders opening meanwhile. */
async function setUp(client: KafkaClient, o: ProduceOptions) {
  const cluster = await client.cluster()
  await client.run('read topic metadata', async () => {
    try {
      await resolveTopics(cluster, [o.topic])
    } catch (error) {
      // A missing topic: as Java's producer, let brokers that auto-create topics make it (and say so).
      if (!isTopicNotFound(error) || !(await autoCreateTopic(cluster, o.topic, Math.min(5000, client.settings.timeoutMs / 2)))) throw error
      o.onWarning?.(
        `topic '${o.topic}' did not exist: the brokers created it (auto.create.topics.enable), with their default partitions and replication`,
      )
      await resolveTopics(cluster, [o.topic])
    }
  })
  const metadata = cluster.findTopicPartitionMetadata(o.topic)
  const partitions = metadata.length
  if (o.partition !== undefined && o.partition >= partitions) {
    throw partitionNotFound(o.topic, o.partition, partitions)
  }
  // Connect to the leaders while the topic's config and a producer id are asked for: the sender finds them connected.
  for (const leader of new Set(metadata.map((m) => m.leader))) if (leader >= 0) void cluster.findBroker({nodeId: leader}).catch(() => {})
  const [maxMessageBytes, producer] = await Promise.all([
    client.run('read topic config', () => topicMaxMessageBytes(cluster, o.topic, o.onWarning)),
    o.acks === 0 ? {producerId: -1n, producerEpoch: -1} : client.run('get a producer id', () => initProducerId(cluster, o.topic)),
  ])
  return {cluster, partitions, maxMessageBytes, producer}
}

/**
 * The next chunk of input, or undefined once `signal` aborts. (Not
 * Promise.race with one long-lived abort promise: every race would hang a
 * reaction on it that keeps its chunk alive, so memory grew with the input.)
 */
function nextUnlessAborted<T>(input: AsyncIterator<T>, signal: AbortSignal | undefined): Promise<IteratorResult<T> | undefined> {
  if (!signal) return input.next()
  if (signal.aborted) return Promise.resolve(undefined)
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve(undefined)
    signal.addEventListener('abort', onAbort, {once: true})
    input.next().then(
      (r) => (signal.removeEventListener('abort', onAbort), resolve(r)),
      (e) => (signal.removeEventListener('abort', onAbort), reject(e)),
    )
  })
}
