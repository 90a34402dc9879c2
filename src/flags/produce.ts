import {Flags, type Interfaces} from '@oclif/core'
import {fstatSync, statSync} from 'node:fs'
import {access} from 'node:fs/promises'
import {usageError} from '../cli/errors.js'
import {parsePropertyFlags} from './shared.js'
import {isConnectionProperty} from '../config/settings.js'
import {readPropertiesFile} from '../config/properties.js'
import {lineOptions, parseHeaderFlag, READER_PROPERTIES, readChunks, type LineOptions} from '../core/produce/input.js'
import {isProducerProperty, producerSettings, SettingError, type ProducerSettings} from '../core/produce/settings.js'

/** kfk produce: kafka-console-producer's spellings (--property, --producer-property) and kfk's own. */
export const produceFlags = {
  topic: Flags.string({char: 't', description: 'Topic to write to (Kafka spelling; same as the argument).'}),
  file: Flags.string({char: 'F', description: 'Read records from this file instead of stdin.'}),
  input: Flags.string({
    options: ['text', 'jsonl'],
    default: 'text',
    description: 'jsonl: one kfk JSON record per line (what kfk consume --output jsonl writes).',
  }),
  'key-separator': Flags.string({char: 'K', description: 'Split each line into key and value at the first SEP.'}),
  header: Flags.string({char: 'H', multiple: true, description: 'Header k=v on every record (repeatable).'}),
  partition: Flags.integer({char: 'p', min: 0, description: 'Write every record to this partition.'}),
  acks: Flags.string({
    options: ['all', '-1', '1', '0'],
    aliases: ['request-required-acks'],
    description: 'Acknowledgements to wait for (default all). all and 1 are idempotent; 0 waits for nothing and cannot retry.',
  }),
  compression: Flags.string({
    char: 'z',
    options: ['none', 'gzip', 'snappy', 'lz4', 'zstd'],
    aliases: ['compression-codec'],
    description: 'Compress record batches (default none).',
  }),
  'linger-ms': Flags.integer({min: 0, description: 'Wait this long for a batch to fill before sending it (default 5).'}),
  'batch-size': Flags.integer({
    min: 0,
    description: 'Bytes of records per batch (default 1048576; kept under the topic max.message.bytes).',
  }),
  'request-timeout': Flags.integer({
    min: 1,
    aliases: ['timeout-ms', 'request-timeout-ms'],
    description: 'ms to wait for one produce answer before retrying (request.timeout.ms, default 30000).',
  }),
  'delivery-timeout': Flags.integer({
    min: 1,
    description: 'ms a record may take, retries included, before it counts as failed (delivery.timeout.ms, default 120000).',
  }),
  'max-in-flight': Flags.integer({
    min: 1,
    max: 5,
    description: 'Unanswered requests per broker (max.in.flight.requests.per.connection, default 5).',
  }),
  // Kafka 4.2 (KIP-1147) renames these --reader-property and --command-property.
  property: Flags.string({
    multiple: true,
    aliases: ['reader-property'],
    description:
      'Console-producer reader property k=v (also --reader-property): parse.key, key.separator, parse.headers, headers.delimiter, headers.separator, headers.key.separator, null.marker, ignore.error.',
  }),
  tombstone: Flags.boolean({
    description:
      'Write tombstones: each line is a key (with --key-separator, the part before it) and the value is null, which deletes the key in a compacted topic.',
  }),
  sync: Flags.boolean({
    description:
      "kafka-console-producer's --sync: no linger and one request in flight, so each answer comes before the next send (records read meanwhile share a batch).",
  }),
  'producer-property': Flags.string({
    multiple: true,
    description:
      'Java producer property k=v (Kafka 4.2+: --command-property): acks, batch.size, linger.ms, compression.type, request.timeout.ms, delivery.timeout.ms, max.in.flight.requests.per.connection.',
  }),
  // kafka-console-producer's remaining flags: taken so its command lines run unchanged. The ones with a kfk meaning
  // are read; the rest tune Java's client internals that kfk does not have (a note says so).
  'max-partition-memory-bytes': Flags.integer({
    min: 0,
    helpGroup: 'KAFKA-CONSOLE-PRODUCER',
    description: "Java's spelling of batch.size in kafka-console-producer (as --batch-size).",
  }),
  'reader-config': Flags.string({
    helpValue: 'FILE',
    helpGroup: 'KAFKA-CONSOLE-PRODUCER',
    description: 'A .properties file of reader properties (parse.key, key.separator, ...), as --property would give them.',
  }),
  'line-reader': Flags.string({
    helpGroup: 'KAFKA-CONSOLE-PRODUCER',
    description: "Java's message reader class: only its line reader (the default) is kfk's own; another class is refused.",
  }),
  'max-block-ms': javaOnly('max.block.ms: kfk waits --timeout for metadata'),
  'retry-backoff-ms': javaOnly('retry.backoff.ms: kfk backs off on its own schedule'),
  'metadata-expiry-ms': javaOnly('metadata.max.age.ms: kfk refreshes metadata when a leader moves'),
  'message-send-max-retries': javaOnly('retries: kfk retries until --delivery-timeout'),
  'max-memory-bytes': javaOnly('buffer.memory: kfk bounds its buffered input itself (16 MB)'),
  'socket-buffer-size': javaOnly('send.buffer.bytes: kfk uses the system default'),
  'producer.config': Flags.string({
    helpValue: 'FILE',
    description:
      "Java producer .properties file: its producer settings (acks, linger.ms, ...) and its connection settings (as --command-config's).",
  }),
}

/** A kafka-console-producer flag kfk takes and does not need: `why` names the Java setting and what kfk does instead. */
function javaOnly(why: string) {
  return Flags.integer({helpGroup: 'KAFKA-CONSOLE-PRODUCER', description: `Taken and not used (${why}).`})
}

/** The kafka-console-producer flags kfk takes without using them: named in a note when given. */
const UNUSED_JAVA_FLAGS = [
  'max-block-ms',
  'retry-backoff-ms',
  'metadata-expiry-ms',
  'message-send-max-retries',
  'max-memory-bytes',
  'socket-buffer-size',
] as const

/** The note naming the kafka-console-producer flags given that only tune Java's producer (none given: no note). */
export function unusedJavaFlagsNote(f: Partial<Record<(typeof UNUSED_JAVA_FLAGS)[number], number>>): string | undefined {
  const unused = UNUSED_JAVA_FLAGS.filter((name) => f[name] !== undefined)
  if (unused.length === 0) return undefined
  return `note: ${unused.map((n) => `--${n}`).join(', ')} tune Java's producer; kfk does not use them`
}

/**
 * kafka-console-producer's --compression-codec takes an optional value: alone (last, or before another
 * flag) it means gzip. Rewrites `argv` in place, before oclif parses it.
 */
export function bareCompressionCodec(argv: string[]): void {
  const i = argv.indexOf('--compression-codec')
  if (i >= 0 && (i === argv.length - 1 || argv[i + 1]!.startsWith('-'))) argv.splice(i, 1, '--compression-codec=gzip')
}

/** The line readers of kafka-console-producer that are kfk's own line reading. */
const LINE_READERS = ['kafka.tools.ConsoleProducer$LineMessageReader', 'org.apache.kafka.tools.LineMessageReader']

export type ProduceFlagValues = Interfaces.InferredFlags<typeof produceFlags>

/** What kfk produce's flags mean together, checked: the topic, how lines become records, the producer's settings. */
export interface ProduceChoices {
  topic: string
  line: LineOptions
  settings: ProducerSettings
  /** --property and --producer-property keys kfk does not know (a warning, as the Java tool ignores them). */
  unknownProperties: string[]
}

/**
 * `client`: the properties of a --producer.config/--command-config file and of --command-property flags:
 * their producer settings count as --producer-property ones (which win), their connection settings are the
 * client's. Unknown keys are warned about when typed as flags (a properties file may hold serializers and such).
 */
export function produceChoices(
  f: ProduceFlagValues,
  argTopic: string | undefined,
  client: {file?: Record<string, string>; flags?: Record<string, string>} = {},
): ProduceChoices {
  const topic = f.topic ?? argTopic
  if (!topic) throw usageError('no topic given', 'kfk produce TOPIC [--file F]')
  if (f.topic && argTopic && f.topic !== argTopic) throw usageError(`two topics given: "${argTopic}" and --topic "${f.topic}"`)
  if (f['line-reader'] !== undefined && !LINE_READERS.includes(f['line-reader']))
    throw usageError(`--line-reader ${f['line-reader']} is a Java class kfk cannot run`, 'kfk reads lines itself: leave --line-reader out.')
  const props = {...(f['reader-config'] ? readPropertiesFile(f['reader-config']) : {}), ...parsePropertyFlags(f.property ?? [])}
  const given = parsePropertyFlags(f['producer-property'] ?? [], '--producer-property')
  const clientProps = {...client.file, ...client.flags}
  const fromClient = Object.fromEntries(Object.entries(clientProps).filter(([k]) => isProducerProperty(k)))
  const producerProps = {...fromClient, ...given}
  const unknownProperties = [
    ...Object.keys(props).filter((k) => !READER_PROPERTIES.has(k)),
    ...Object.keys(given).filter((k) => !isProducerProperty(k)),
    ...Object.keys(client.flags ?? {}).filter((k) => !isProducerProperty(k) && !isConnectionProperty(k)),
  ]
  let settings, headers
  try {
    headers = (f.header ?? []).map(parseHeaderFlag)
    const given = {
      acks: f.acks,
      compression: f.compression,
      lingerMs: f['linger-ms'],
      batchBytes: f['batch-size'] ?? f['max-partition-memory-bytes'],
      requestTimeoutMs: f['request-timeout'],
      deliveryTimeoutMs: f['delivery-timeout'],
      maxInFlight: f['max-in-flight'] ?? (f.sync ? 1 : undefined),
      ...(f.sync ? {lingerMs: f['linger-ms'] ?? 0} : {}),
    }
    settings = producerSettings(given, producerProps)
  } catch (error) {
    throw usageError((error as Error).message, error instanceof SettingError ? 'See: kfk produce --help' : 'Example: --header source=batch')
  }
  if (f.tombstone && f.input === 'jsonl')
    throw usageError('--tombstone reads keys from text lines', 'In JSONL a tombstone is {"key": "k", "value": null}.')
  const line = lineOptions(props, {input: f.input as 'text' | 'jsonl', keySeparator: f['key-separator'], headers, tombstone: f.tombstone})
  if (line.keySeparator === '') throw usageError('the key separator cannot be empty')
  return {topic, line, settings, unknownProperties}
}

/**
 * The records' source: --file, else stdin. A file (also stdin redirected from
 * one) is read 1 MB at a time into two reused buffers (readChunks): with
 * Node's 64 KB default the main thread waits on reads, and a fresh buffer per
 * read costs page faults and garbage collection. A pipe stays process.stdin:
 * blocking reads of a non-blocking pipe fail with EAGAIN. `interactive`: a
 * person types at a terminal.
 */
export async function openProduceInput(file: string | undefined): Promise<{input: AsyncIterable<Buffer>; interactive: boolean}> {
  if (file) {
    await access(file).catch(() => Promise.reject(usageError(`cannot read --file ${file}`, 'Check the path.')))
    if (statSync(file).isDirectory()) throw usageError(`--file ${file} is a directory`, 'Give the path of a file of records, one per line.')
    return {input: readChunks(file), interactive: false}
  }
  if (process.stdin.isTTY) return {input: process.stdin, interactive: true}
  const input = fstatSync(0).isFile() ? readChunks(0) : process.stdin
  return {input: input as AsyncIterable<Buffer>, interactive: false}
}
