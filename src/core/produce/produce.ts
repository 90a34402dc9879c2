import type {KafkaClient} from '../client.js'
import {KfkError} from '../../cli/errors.js'
import {compressionType, registerCodecs} from '../records/codecs.js'
import {autoCreateTopic, resolveTopics} from '../partitions/partitions.js'
import {Accumulator, BATCH_OVERHEAD} from './accumulator.js'
import {RECORD_SIZE_BOUND, recordSizeBound} from '../records/batch-encode.js'
import {keySeparatorFinder, LineSplitter, lineParser, InputError, type LineOptions, type SpanHandler} from './input.js'
import type {PartitionAccount} from './ledger.js'
import {initProducerId, topicMaxMessageBytes} from './producer-setup.js'
import {Sender} from './sender.js'
import type {ProducerSettings} from './settings.js'
import {describeFailure} from './report.js'
import {isTopicNotFound, partitionNotFound} from '../partitions/not-found.js'
import {interruptedBefore, unlessAborted} from '../errors.js'

/**
 * `kfk produce`: input lines -> records -> per-partition batches
 * (accumulator.ts) -> ordered, pipelined, idempotent sends (sender.ts).
 * Input is read only while the buffered batches stay under a bound, so
 * memory does not grow with the input and the slowest broker slows the read.
 * On a failure or Ctrl-C it stops reading, sends what it has read (Ctrl-C:
 * within a short deadline), and accounts for every line: acknowledged, not
 * written, or maybe written (an answer was lost), per partition.
 */
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

export interface ProduceSummary {
  topic: string
  /** Records the brokers acknowledged (with acks=0: records sent). */
  records: number
  bytes: number
  /** Records not acknowledged: notWritten + maybeWritten. */
  failed: number
  notWritten: number
  maybeWritten: number
  /** Input lines read (the last line number). */
  lines: number
  /** Lines with errors that ignore.error passed over (JSONL: skipped; text: sent whole as the value, as Java does). */
  ignoredLines: number
  /** Lines ignore.error skipped because their record was over the topic's max.message.bytes. */
  oversizedLines: number
  seconds: number
  stoppedBy: 'end' | 'interrupt' | 'error'
  partitions: PartitionAccount[]
}

/** How much read input may wait for the brokers: bounds memory whatever the input size. */
const BUFFER_BYTES = 16 << 20

export async function produce(client: KafkaClient, o: ProduceOptions): Promise<ProduceSummary> {
  registerCodecs()
  // Ctrl-C while connecting (or while a hung broker holds the set-up) ends at once: nothing was read or sent yet.
  const {cluster, partitions, maxMessageBytes, producer} = await unlessAborted(setUp(client, o), o.signal, () =>
    interruptedBefore('anything was sent'),
  )
  // Keep every batch under the topic's limit. As small as Java's batch.size allows (0: a batch per record).
  const batchBytes = Math.max(0, Math.min(o.batchBytes, maxMessageBytes - BATCH_OVERHEAD - 1024))
  const started = Date.now()
  const summary = (): ProduceSummary => ({
    topic: o.topic,
    records: sender.ledger.acknowledged,
    bytes: sender.ledger.acknowledgedBytes,
    failed: sender.ledger.notWrittenCount + sender.ledger.maybeWrittenCount,
    notWritten: sender.ledger.notWrittenCount,
    maybeWritten: sender.ledger.maybeWrittenCount,
    lines: splitter.lineNumber,
    ignoredLines,
    oversizedLines,
    seconds: (Date.now() - started) / 1000,
    stoppedBy,
    partitions: sender.ledger.partitions(),
  })
  let flushing = false
  const sender: Sender = new Sender(cluster, {
    topic: o.topic,
    partitions,
    acks: o.acks,
    ...producer,
    requestTimeoutMs: o.requestTimeoutMs,
    deliveryTimeoutMs: o.deliveryTimeoutMs,
    maxInFlight: o.maxInFlight,
    onAcked: (b) => {
      o.onBatchAcked?.(b)
      o.onProgress?.(summary())
    },
    // With acks=0 the socket may still be writing a batch counted as sent: its buffer is not reused.
    onDone: (b) => o.acks !== 0 && accumulator.release(b),
    onWarning: (text) => o.onWarning?.(text),
    sealDue: (p) => accumulator.sealIfDue(p, o.lingerMs, flushing || Boolean(o.prompt)),
  })
  const accumulator: Accumulator = new Accumulator(
    partitions,
    batchBytes,
    compressionType(o.compression),
    (b) => sender.add(b),
    (b, error) => (error === undefined ? sender.drain() : sender.failEncoding(b, error)),
  )
  let stoppedBy: ProduceSummary['stoppedBy'] = 'end'
  let inputError: InputError | undefined
  let readError: Error | undefined
  let ignoredLines = 0
  let oversizedLines = 0
  const line = {...o.line, onIgnored: () => void ignoredLines++}
  const parse = lineParser(line)
  // ignore.error skips (and counts) a record over the topic's limit too, as Java's producer reports such a record and goes on.
  const skipOversized = o.line.ignoreError ? () => void oversizedLines++ : undefined
  const splitter = new LineSplitter(maxMessageBytes, skipOversized)
  const tooLarge = (n: number, size: number) => {
    if (skipOversized) return (skipOversized(), true)
    throw new InputError(n, `the record is ${size + BATCH_OVERHEAD} bytes, over the topic's max.message.bytes of ${maxMessageBytes}`)
  }
  // Records without a timestamp get the time their chunk of input was read.
  let now = Date.now()
  const onLine = (line: Buffer, n: number) => {
    const r = parse(line, n)
    if (r === null) return
    let payload = (r.key?.length ?? 0) + (r.value?.length ?? 0)
    for (const [k, v] of r.headers) payload += k.length + (v?.length ?? 0)
    const size = recordSizeBound(r)
    if (size + BATCH_OVERHEAD > maxMessageBytes && tooLarge(n, size)) return
    let partition: number
    try {
      partition = accumulator.partitionOf(r, o.partition, size)
    } catch (error) {
      throw new InputError(n, `${(error as Error).message}: topic "${o.topic}"`)
    }
    accumulator.append(r, partition, size, payload, now)
  }
  // Plain text lines (the common case) skip the record object: key and value go from the chunk into the batch.
  const keySeparator = keySeparatorFinder(line)
  const onSpan: SpanHandler = keySeparator
    ? (buf, start, end, n) => {
        const sep = keySeparator(buf, start, end, n)
        const keyStart = sep < 0 ? -1 : start
        const valueStart = sep < 0 ? start : sep + 1
        const size = RECORD_SIZE_BOUND + (sep < 0 ? 0 : sep - start) + end - valueStart
        if (size + BATCH_OVERHEAD > maxMessageBytes && tooLarge(n, size)) return
        let partition: number
        try {
          partition = accumulator.partitionOfSpan(buf, keyStart, sep, o.partition, size)
        } catch (error) {
          throw new InputError(n, `${(error as Error).message}: topic "${o.topic}"`)
        }
        accumulator.appendSpan(buf, keyStart, sep, valueStart, end, partition, size, n, now)
      }
    : (buf, start, end, n) => onLine(buf.subarray(start, end), n)
  let linger: NodeJS.Timeout | undefined
  const lingerLater = () => {
    const oldest = accumulator.oldestOpen()
    if (oldest === undefined || linger) return
    linger = setTimeout(
      () => {
        linger = undefined
        sender.drain()
        lingerLater()
      },
      Math.max(0, oldest + o.lingerMs - Date.now()),
    )
  }
  const interrupted = () => o.signal?.aborted === true
  const onAbort = () => sender.wake()
  o.signal?.addEventListener('abort', onAbort)
  const flushMs = o.flushDeadlineMs ?? 5000
  let abandonTimer: NodeJS.Timeout | undefined
  const input = o.input[Symbol.asyncIterator]()
  try {
    o.prompt?.()
    while (!inputError && !sender.failed && !interrupted()) {
      // Ctrl-C must not wait for the next line of a quiet stdin.
      let next
      try {
        next = await nextUnlessAborted(input, o.signal)
      } catch (error) {
        readError = error as Error
        break
      }
      if (next === undefined) {
        void input.return?.()
        break
      }
      if (next.done) {
        parseInto(() => splitter.endSpans(onSpan))
        break
      }
      const chunk = next.value
      now = Date.now()
      parseInto(() => splitter.pushSpans(typeof chunk === 'string' ? Buffer.from(chunk) : chunk, onSpan))
      if (o.prompt && !inputError) {
        flushing = true
        sender.drain()
        flushing = false
        o.prompt()
      }
      sender.drain()
      lingerLater()
      while (sender.queuedBytes > BUFFER_BYTES && !sender.failed && !interrupted()) await sender.changed()
    }
    // Send everything read so far (on Ctrl-C only until the flush deadline); nothing more is read.
    flushing = true
    for (const p of [...accumulator.openPartitions()]) accumulator.sealIfDue(p, 0, true)
    for (;;) {
      if (interrupted() && !abandonTimer)
        abandonTimer = setTimeout(() => sender.abandon(`not acknowledged within ${flushMs} ms of Ctrl-C`), flushMs)
      sender.drain()
      if (sender.pending === 0) break
      await sender.changed()
    }
  } finally {
    if (linger) clearTimeout(linger)
    if (abandonTimer) clearTimeout(abandonTimer)
    o.signal?.removeEventListener('abort', onAbort)
    await sender.close()
  }
  if (interrupted()) stoppedBy = 'interrupt'
  else if (inputError || readError || sender.failed) stoppedBy = 'error'
  const result = summary()
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
  if (sender.failed && stoppedBy !== 'interrupt') {
    throw new KfkError(`could not write to ${o.topic}: ${describeFailure(result)}`, {
      hint: 'Records counted as acknowledged are on the topic; re-send only the lines listed as not written.',
      data: result,
    })
  }
  return result

  function parseInto(step: () => void): void {
    try {
      step()
    } catch (error) {
      if (!(error instanceof InputError)) throw error
      inputError = error
    }
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
