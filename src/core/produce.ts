import type {KafkaClient} from './client.js'
import {KfkError} from '../errors.js'
import {compressionType, registerCodecs, type Compression} from './codecs.js'
import {resolveTopics} from './partitions.js'
import {LineSplitter, lineParser, InputError, type LineOptions} from './produce-input.js'
import type {OutRecord} from './record.js'

/**
 * `kfk produce`: input lines -> records -> batched, pipelined sends
 * (core/batch-sender.ts: murmur2 keyed partitioning as the Java producer,
 * record batches encoded directly, idempotent with acks=all).
 * The input is pulled only as fast as sends complete (backpressure), so
 * memory stays bounded whatever the input size. The first failure stops the
 * run; what was sent and what failed is counted and reported.
 */
export interface ProduceOptions {
  topic: string
  input: AsyncIterable<Buffer | string>
  line: LineOptions
  partition?: number
  acks: -1 | 0 | 1
  compression: Compression
  lingerMs: number
  /** Bytes of records per send request. */
  batchBytes: number
  /** Interactive terminal: a prompt per line, each line sent at once. */
  prompt?: () => void
  onProgress?: (s: ProduceSummary) => void
}

export interface ProduceSummary {
  topic: string
  records: number
  bytes: number
  failed: number
  seconds: number
}

/** Bytes a record takes in a batch beyond its key, value and headers (generous, for the size check). */
const RECORD_OVERHEAD = 32
const BATCH_OVERHEAD = 61

export async function produce(client: KafkaClient, o: ProduceOptions): Promise<ProduceSummary> {
  registerCodecs()
  const cluster = await client.cluster()
  await client.run('read topic metadata', () => resolveTopics(cluster, [o.topic]))
  const partitions = cluster.findTopicPartitionMetadata(o.topic).length
  if (o.partition !== undefined && o.partition >= partitions) {
    throw new KfkError(`partition ${o.partition} does not exist: topic "${o.topic}" has ${partitions} partition${partitions === 1 ? '' : 's'} (0-${partitions - 1})`, {hint: `See: kfk topics describe ${o.topic}`})
  }
  const maxMessageBytes = await client.run('read topic config', () => topicMaxMessageBytes(client, o.topic))
  // Keep every partition's batch under the topic's limit.
  const batchBytes = Math.max(1024, Math.min(o.batchBytes, maxMessageBytes - BATCH_OVERHEAD - 1024))
  const idempotent = o.acks === -1
  const {BatchSender} = await import('./batch-sender.js')
  const sender = await BatchSender.open(client, o.topic, {acks: o.acks, compression: compressionType(o.compression), idempotent})
  const started = Date.now()
  const summary: ProduceSummary = {topic: o.topic, records: 0, bytes: 0, failed: 0, seconds: 0}
  // Two requests in flight (pipelined in input order on one connection per broker, see BatchSender.send;
  // more gained nothing here and cost memory); reading waits beyond that.
  const maxInFlight = 2
  const inFlight = new Set<Promise<void>>()
  let chain: Promise<unknown> = Promise.resolve()
  let failure: unknown
  let batch: OutRecord[] = []
  let size = 0
  let payload = 0
  let linger: NodeJS.Timeout | undefined

  const send = () => {
    if (linger) clearTimeout(linger)
    linger = undefined
    if (batch.length === 0) return
    const records = batch
    const bytes = payload
    payload = 0
    batch = []
    size = 0
    const prepared = sender.prepare(records, o.partition)
    prepared.batches.catch(() => {})
    const previous = chain
    const p: Promise<void> = (failure ? Promise.reject(new Error('skipped after an earlier failure')) : sender.send(prepared, client.settings.timeoutMs, previous))
      .then(() => {
        summary.records += records.length
        summary.bytes += bytes
        o.onProgress?.(summary)
      })
      .catch((error) => {
        summary.failed += records.length
        failure ??= describeSendError(error, records, maxMessageBytes)
      })
      .finally(() => inFlight.delete(p))
    chain = p
    inFlight.add(p)
  }
  const parse = lineParser(o.line)
  const splitter = new LineSplitter()
  let inputError: InputError | undefined
  const onLine = (line: Buffer, n: number) => {
    if (inputError) return
    let r: OutRecord | null
    try {
      r = parse(line, n)
    } catch (error) {
      if (error instanceof InputError) return void (inputError = error)
      throw error
    }
    if (r === null) return
    let bytes = (r.key?.length ?? 0) + (r.value?.length ?? 0) + RECORD_OVERHEAD
    for (const [k, v] of r.headers) bytes += k.length + (v?.length ?? 0) + 4
    if (bytes + BATCH_OVERHEAD > maxMessageBytes) {
      inputError = new InputError(n, `the record is ${bytes + BATCH_OVERHEAD} bytes, over the topic's max.message.bytes of ${maxMessageBytes}`)
      return
    }
    if (size + bytes > batchBytes) send()
    batch.push(r)
    size += bytes
    payload += bytes - RECORD_OVERHEAD
  }
  try {
    o.prompt?.()
    for await (const chunk of o.input) {
      splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk, onLine)
      if (inputError || failure) break
      if (o.prompt) {
        send()
        o.prompt()
      } else if (batch.length > 0 && !linger) {
        linger = setTimeout(send, o.lingerMs)
      }
      while (inFlight.size >= maxInFlight) await Promise.race(inFlight)
    }
    if (!inputError && !failure) splitter.end(onLine)
    if (!failure) send()
    while (inFlight.size > 0) await Promise.race(inFlight)
  } finally {
    if (linger) clearTimeout(linger)
    summary.seconds = (Date.now() - started) / 1000
  }
  if (inputError) summary.failed += 1
  if (failure || inputError) {
    const why = inputError ? `input ${inputError.message}` : (failure as Error).message
    throw new KfkError(`${why} (${summary.records} record${summary.records === 1 ? '' : 's'} sent, ${summary.failed} failed)`, {
      hint: inputError ? 'Fix the line, or skip bad lines with --property ignore.error=true' : 'Records counted as sent were acknowledged by the brokers; the failed ones were not written.',
      cause: failure,
    })
  }
  return summary
}

function describeSendError(error: unknown, records: OutRecord[], limit: number): Error {
  const e = error as {type?: string; message?: string}
  if (e.type === 'MESSAGE_TOO_LARGE' || e.type === 'RECORD_LIST_TOO_LARGE') {
    return new Error(`the batch of lines ${records[0]!.line}-${records[records.length - 1]!.line} was rejected as too large (the topic's max.message.bytes is ${limit})`)
  }
  return error as Error
}

async function topicMaxMessageBytes(client: KafkaClient, topic: string): Promise<number> {
  const admin = await client.admin()
  const {resources} = await admin.describeConfigs({resources: [{type: 2, name: topic, configNames: ['max.message.bytes']}], includeSynonyms: false})
  const value = Number(resources[0]?.configEntries.find((c) => c.configName === 'max.message.bytes')?.configValue)
  return Number.isFinite(value) && value > 0 ? value : 1048588
}
