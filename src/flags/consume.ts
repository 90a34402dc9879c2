import {Flags, type Interfaces} from '@oclif/core'
import {usageError} from '../cli/errors.js'
import {parsePropertyFlags} from './shared.js'
import {isConnectionProperty} from '../config/settings.js'
import {readPropertiesFile} from '../config/properties.js'
import {OffsetSpecError, parseOffsetSpec, type OffsetSpec} from '../core/consume/offset-spec.js'
import type {ConsumeOptions, OffsetReset} from '../core/consume/consume.js'
import type {GroupConsumeOptions} from '../core/consume/group/group-consumer.js'
import type {ShareConsumeOptions} from '../core/consume/share/share-consumer.js'
import {buildFilter, compileRegex, GrepError, parseHeaderGrep, type RecordFilter} from '../core/consume/record-filter.js'
import {buildFormatter, FormatError, unknownConsoleProperties, type Formatter} from '../output/format.js'

/** kfk consume's help: what --group and --share-group change, the output flags, and command lines to start from. */
export const consumeHelp = {
  description: `Without --group no consumer group is joined and nothing is committed: kfk assigns the partitions itself.
With --group G it joins the group and commits the offsets of the records it has written out.
With --share-group G it reads through a share group (KIP-932, kafka-console-share-consumer): each record written out is
acknowledged (--ack accept, release or reject); records acquired but not written out (past -n, after Ctrl-C) are released.
Output: the value per line by default; Kafka's --property print.key=true (print.timestamp, print.partition, print.offset,
print.headers, key.separator, line.separator, headers.separator, null.literal); --format '%t %p %o %k %v %h %T\\n' (kcat-style);
or --output jsonl: {"topic","partition","offset","timestamp","key","value","headers"} with non-UTF-8 bytes as {"base64": "..."}.`,
  examples: [
    '<%= config.bin %> consume orders --from-beginning -e',
    "<%= config.bin %> consume orders --offset -10 --format '%p:%o %k=%v\\n'",
    '<%= config.bin %> consume orders --from-beginning --property print.key=true --property key.separator=:',
    '<%= config.bin %> consume orders -e --from-beginning --output jsonl > orders.jsonl',
    '<%= config.bin %> consume orders --group billing --max-messages 100',
    "<%= config.bin %> consume jobs --share-group workers --format '%p:%o delivery %d: %v\\n'",
  ],
}

/** kfk consume: kafka-console-consumer's spellings, kcat's formats, and kfk's own. */
export const consumeFlags = {
  topic: Flags.string({char: 't', multiple: true, description: 'Topic to read (Kafka spelling; same as the argument).'}),
  pattern: Flags.string({aliases: ['include', 'whitelist'], description: 'Read every topic whose name matches this regular expression.'}),
  'from-beginning': Flags.boolean({description: 'Start at the earliest offset (when the group has none committed, with --group).'}),
  offset: Flags.string({
    char: 'o',
    description:
      "Where to start: earliest | latest | N | -N (N before the end) | @TIME (epoch ms, ISO-8601 (UTC without a zone, as Kafka's tools), or -1h).",
  }),
  partition: Flags.integer({char: 'p', multiple: true, min: 0, description: 'Only these partitions (repeatable).'}),
  group: Flags.string({char: 'g', description: 'Join this consumer group and commit what was written out.'}),
  'share-group': Flags.string({
    helpValue: 'GROUP',
    description:
      'Read through this share group (KIP-932 queues, as kafka-console-share-consumer): the brokers hand each record to one member, and kfk acknowledges what it wrote out.',
  }),
  ack: Flags.string({
    options: ['accept', 'release', 'reject'],
    description:
      'With --share-group: how to acknowledge each record written out: accept (done), release (deliver it again, to any member) or reject (never again). Default accept.',
  }),
  'reject-message-on-error': Flags.boolean({
    description:
      "With --share-group (kafka-console-share-consumer's flag): reject the records of a batch that fails to decode (bad CRC, lengths or compression) and go on, instead of releasing them and stopping.",
  }),
  'group-protocol': Flags.string({
    options: ['classic', 'consumer'],
    description:
      "With --group: Java's group.protocol; consumer is KIP-848 (server-side assignment). Default: consumer where the brokers offer it, else classic.",
  }),
  assignor: Flags.string({
    multiple: true,
    options: ['range', 'cooperative-sticky'],
    description:
      "With --group: the assignors to offer, in order (Java's partition.assignment.strategy; default range, cooperative-sticky); implies --group-protocol classic.",
  }),
  'max-messages': Flags.integer({char: 'n', min: 0, description: 'Stop after this many records.'}),
  'timeout-ms': Flags.integer({min: 1, description: 'Stop when no record arrived for this long.'}),
  'exit-at-end': Flags.boolean({char: 'e', description: 'Stop at the end of each partition as it was when consuming started.'}),
  format: Flags.string({
    char: 'f',
    description:
      'kcat-style format: %t topic %p partition %o offset %k key %v (or %s) value %h headers %T timestamp (%T{iso} UTC, %T{local}) %K/%S sizes %d delivery count (--share-group); \\n \\t escapes.',
  }),
  output: Flags.string({
    options: ['text', 'jsonl'],
    default: 'text',
    description: 'jsonl: one lossless JSON record per line (what kfk produce --input jsonl reads).',
  }),
  property: Flags.string({
    multiple: true,
    // Kafka 4.2 (KIP-1147) renames it --formatter-property.
    aliases: ['formatter-property'],
    description: 'Console-consumer formatter property k=v (print.key=true, key.separator=:, ...); also --formatter-property.',
  }),
  'offset-reset': Flags.string({
    options: ['earliest', 'latest', 'error'],
    description:
      'When a position is no longer in the log (OFFSET_OUT_OF_RANGE): earliest, latest or error. Default as the Java console consumer: earliest with --from-beginning, else latest.',
  }),
  'isolation-level': Flags.string({
    options: ['read_uncommitted', 'read_committed'],
    description: 'Whether to show records of open or aborted transactions (default read_uncommitted).',
  }),
  stats: Flags.boolean({description: 'Print a summary (records, bytes, seconds, rate) on stderr at the end.'}),
  tail: Flags.integer({
    min: 0,
    description: 'The last N records of each partition (offsets N before the end), then exit; with --follow, go on reading.',
  }),
  follow: Flags.boolean({description: 'With --tail: keep reading new records after the last ones (as tail -f).'}),
  grep: Flags.string({description: 'Only records whose value matches this regular expression (the rest are read and counted as skipped).'}),
  'grep-key': Flags.string({description: 'Only records whose key matches this regular expression.'}),
  'grep-header': Flags.string({
    multiple: true,
    helpValue: 'NAME=REGEX',
    description: 'Only records with a header NAME whose value matches REGEX (repeatable; all must match).',
  }),
  count: Flags.boolean({
    description:
      'Count the records of each partition instead of printing them (from the earliest offset to the end unless --offset/--tail say otherwise; with --grep: the matches).',
  }),
  formatter: Flags.string({
    helpValue: 'default|json|CLASS',
    description:
      "kafka-console-consumer's --formatter: default (DefaultMessageFormatter, as --property sets it), json (kfk's JSONL), or a Java class name of those.",
  }),
  'consumer-property': Flags.string({
    multiple: true,
    helpValue: 'key=value',
    description:
      'Java consumer property (Kafka 4.2+: --command-property): group.id, auto.offset.reset, isolation.level, group.protocol, partition.assignment.strategy, client.id; kfk flags win.',
  }),
  'consumer.config': Flags.string({
    helpValue: 'FILE',
    description:
      'Java consumer .properties file: its consumer settings (as --consumer-property) and its connection settings (as --command-config).',
  }),
  'key-deserializer': Flags.string({
    helpValue: 'CLASS',
    description:
      "Java's deserializer for keys (kafka-console-consumer): String, ByteArray, Bytes, Long, Integer, Short, Double, Float, Boolean, UUID (...Deserializer, simple or full class name).",
  }),
  'value-deserializer': Flags.string({helpValue: 'CLASS', description: 'The same for values.'}),
  'formatter-config': Flags.string({
    helpValue: 'FILE',
    description: 'A .properties file of formatter properties (print.key, key.separator, ...), as --property would give them.',
  }),
  'skip-message-on-error': Flags.boolean({
    description:
      "kafka-console-consumer's flag, accepted: kfk's formatters write any bytes, so no record fails to print (corrupt batches still stop the read).",
  }),
}

export type ConsumeFlagValues = Interfaces.InferredFlags<typeof consumeFlags>

/** What kfk consume's flags mean together, checked: each conflict is a usage error naming the flags. */
export interface ConsumeChoices {
  /** --group, or group.id from the client properties. */
  group?: string
  /** --share-group, with how written records are acknowledged. */
  share?: {group: string; ack: 'accept' | 'release' | 'reject'; rejectOnError: boolean}
  offset: OffsetSpec
  offsetReset: OffsetReset
  isolationLevel: 0 | 1
  groupProtocol?: 'classic' | 'consumer'
  assignors?: Array<'range' | 'cooperative-sticky'>
  formatter: Formatter
  /** --property keys the console consumer does not know (a warning, as Java's tool ignores them). */
  unknownProperties: string[]
  /** --grep, --grep-key, --grep-header. */
  filter?: RecordFilter
  /** --count: count records per partition, print none. */
  countOnly: boolean
  exitAtEnd: boolean
}

/**
 * Flags about where a read starts or which partitions it reads: a share group
 * decides both (its share.auto.offset.reset config decides where a new group
 * starts, as for kafka-console-share-consumer, which has none of these).
 */
const NOT_WITH_SHARE_GROUP: Array<[keyof ConsumeFlagValues, string]> = [
  ['group', 'it joins one group: the share group'],
  ['partition', 'the share group assigns partitions'],
  [
    'offset',
    'the share group keeps its own position (a new group starts where its share.auto.offset.reset config says; kfk groups reset-offsets moves it)',
  ],
  [
    'from-beginning',
    'the share group keeps its own position (for a new group: kfk configs alter --group G --add-config share.auto.offset.reset=earliest)',
  ],
  ['tail', 'the share group keeps its own position'],
  ['follow', 'a share group reads on by itself'],
  ['offset-reset', "it is the group's share.auto.offset.reset config"],
  ['exit-at-end', 'a share group has no end to stop at; use --timeout-ms or --max-messages'],
  ['count', 'counting acknowledges nothing'],
  ['group-protocol', 'share groups have their own protocol'],
  ['assignor', 'the share group assigns partitions'],
  ['isolation-level', "it is the group's share.isolation.level config"],
  ['grep', 'records it filtered out would be acknowledged unseen'],
  ['grep-key', 'records it filtered out would be acknowledged unseen'],
  ['grep-header', 'records it filtered out would be acknowledged unseen'],
]

function refuseWithShareGroup(given: ConsumeFlagValues): void {
  for (const [flag, why] of NOT_WITH_SHARE_GROUP) {
    const v = given[flag]
    if (v === undefined || v === false) continue
    throw usageError(`--share-group cannot be combined with --${flag}: ${why}`)
  }
}

/** kafka-console-consumer's --formatter values kfk knows: the Java class names and kfk's short names. */
const FORMATTERS: Record<string, 'default' | 'json'> = {
  default: 'default',
  'kafka.tools.DefaultMessageFormatter': 'default',
  'org.apache.kafka.tools.consumer.DefaultMessageFormatter': 'default',
  json: 'json',
  jsonl: 'json',
}

function grepFilter(f: ConsumeFlagValues): RecordFilter | undefined {
  try {
    return buildFilter({
      value: f.grep === undefined ? undefined : compileRegex(f.grep),
      key: f['grep-key'] === undefined ? undefined : compileRegex(f['grep-key']),
      headers: (f['grep-header'] ?? []).map(parseHeaderGrep),
    })
  } catch (error) {
    if (!(error instanceof GrepError)) throw error
    throw usageError(`--grep: ${error.message}`, "Examples: --grep 'error|warn', --grep-key '^user-4', --grep-header 'source=^batch'")
  }
}

const ASSIGNOR_CLASSES: Record<string, 'range' | 'cooperative-sticky'> = {
  'org.apache.kafka.clients.consumer.RangeAssignor': 'range',
  'org.apache.kafka.clients.consumer.CooperativeStickyAssignor': 'cooperative-sticky',
  range: 'range',
  'cooperative-sticky': 'cooperative-sticky',
}

/**
 * The Java consumer's properties that kfk consume has flags for, as those flags' values
 * (a flag given on the command line wins). Returns the flags and the keys kfk does not use.
 */
export function consumerPropertyFlags(props: Record<string, string>): {flags: Partial<ConsumeFlagValues>; unknown: string[]} {
  const flags: Partial<ConsumeFlagValues> = {}
  const unknown: string[] = []
  for (const [key, value] of Object.entries(props)) {
    const v = value.trim()
    if (key === 'group.id') flags.group = v
    else if (key === 'auto.offset.reset') {
      if (!['earliest', 'latest', 'none'].includes(v)) throw usageError(`auto.offset.reset=${v} is not earliest, latest or none`)
      flags['offset-reset'] = v === 'none' ? 'error' : v
    } else if (key === 'isolation.level') {
      if (!['read_committed', 'read_uncommitted'].includes(v))
        throw usageError(`isolation.level=${v} is not read_committed or read_uncommitted`)
      flags['isolation-level'] = v
    } else if (key === 'group.protocol') {
      if (!['classic', 'consumer'].includes(v.toLowerCase())) throw usageError(`group.protocol=${v} is not classic or consumer`)
      flags['group-protocol'] = v.toLowerCase()
    } else if (key === 'partition.assignment.strategy') {
      const names = v.split(',').map((c) => ASSIGNOR_CLASSES[c.trim()])
      if (names.some((n) => n === undefined))
        throw usageError(`partition.assignment.strategy=${v}: kfk offers RangeAssignor and CooperativeStickyAssignor`)
      flags.assignor = names as string[]
    } else if (!isConnectionProperty(key)) unknown.push(key)
  }
  return {flags, unknown}
}

/**
 * `client`: the properties of a --consumer.config/--command-config file and of --command-property
 * flags; with --consumer-property (which wins) they set what their flags would, unless the flag is given.
 */
export function consumeChoices(
  given: ConsumeFlagValues,
  topics: readonly string[],
  client: {file?: Record<string, string>; flags?: Record<string, string>} = {},
): ConsumeChoices {
  const typed = {...client.flags, ...parsePropertyFlags(given['consumer-property'] ?? [], '--consumer-property')}
  const fromProps = consumerPropertyFlags({...client.file, ...typed})
  const f = {...given} as ConsumeFlagValues
  for (const [k, v] of Object.entries(fromProps.flags) as Array<[keyof ConsumeFlagValues, never]>) if (f[k] === undefined) f[k] = v
  const unknownClientProperties = fromProps.unknown.filter((k) => k in typed)
  if (topics.length === 0 && !f.pattern) throw usageError('no topic given', 'kfk consume TOPIC [TOPIC...] or --pattern REGEX')
  if (f['share-group'] !== undefined) refuseWithShareGroup(given)
  else if (f.ack !== undefined || f['reject-message-on-error'])
    throw usageError(
      '--ack and --reject-message-on-error go with --share-group',
      'Example: kfk consume orders --share-group workers --ack release',
    )
  if (f.group && f.partition)
    throw usageError(
      '--group cannot be combined with --partition (a group assigns partitions itself)',
      'Drop --partition, or drop --group to read chosen partitions without a group.',
    )
  if (f.group && f.offset)
    throw usageError(
      '--group cannot be combined with --offset (a group starts from its committed offsets)',
      'Use --from-beginning for a new group, or kfk groups reset-offsets.',
    )
  for (const [name, value] of [
    ['--group', f.group],
    ['--share-group', f['share-group']],
  ] as const)
    if (value !== undefined && value.trim() === '') throw usageError(`${name} is empty`, `Name the group: ${name} NAME`)
  if (!f.group && (f['group-protocol'] || f.assignor)) throw usageError('--group-protocol and --assignor need --group')
  if (f['group-protocol'] === 'consumer' && f.assignor)
    throw usageError(
      '--assignor applies to the classic protocol (with --group-protocol consumer the brokers assign)',
      'Drop --assignor, or use --group-protocol classic.',
    )
  if (f['from-beginning'] && f.offset)
    throw usageError(
      '--from-beginning and --offset cannot be used together',
      'Use one of them: --offset earliest is the same as --from-beginning.',
    )
  let output = f.output
  if (f.formatter !== undefined) {
    const chosen = FORMATTERS[f.formatter]
    if (!chosen)
      throw usageError(
        `--formatter ${f.formatter} is not one kfk has`,
        "Use default (kafka-console-consumer's DefaultMessageFormatter, shaped by --property print.*), json, or --format for any other layout.",
      )
    if (chosen === 'json' && f.format === undefined) output = 'jsonl'
  }
  if (f.format !== undefined && output === 'jsonl') throw usageError('--format and --output jsonl cannot be used together')
  if (f.tail !== undefined) {
    if (f.offset || f['from-beginning'])
      throw usageError('--tail cannot be combined with --offset or --from-beginning', '--tail N starts N records before the end.')
    if (f.group) throw usageError('--tail cannot be combined with --group (a group starts from its committed offsets)')
  } else if (f.follow) throw usageError('--follow goes with --tail', 'Example: kfk consume orders --tail 10 --follow')
  if (f.count) {
    if (f.group) throw usageError('--count cannot be combined with --group (counting commits nothing)')
    if (f.format !== undefined || output === 'jsonl' || f.formatter !== undefined)
      throw usageError('--count prints counts, not records: drop --format, --output and --formatter')
    if (f.follow) throw usageError('--count needs an end: drop --follow')
  }
  let offset: OffsetSpec
  try {
    offset =
      f.tail !== undefined
        ? {kind: 'fromEnd', count: BigInt(f.tail)}
        : f.offset
          ? parseOffsetSpec(f.offset)
          : {kind: f['from-beginning'] || (f.count && !f.group) ? 'earliest' : 'latest'}
  } catch (error) {
    if (!(error instanceof OffsetSpecError)) throw error
    throw usageError(
      `--offset: ${error.message}`,
      'Examples: --offset earliest, --offset 42, --offset -10, --offset @-1h, --offset @2024-05-01T00:00:00Z',
    )
  }
  const properties = {...(f['formatter-config'] ? readPropertiesFile(f['formatter-config']) : {}), ...parsePropertyFlags(f.property ?? [])}
  let formatter: Formatter
  try {
    formatter = buildFormatter({
      output,
      format: f.format,
      properties,
      humanTime: Boolean(process.stdout.isTTY),
      keyDeserializer: f['key-deserializer'],
      valueDeserializer: f['value-deserializer'],
    })
  } catch (error) {
    if (!(error instanceof FormatError)) throw error
    if (/deserializer/.test(error.message)) throw usageError(error.message, 'For example: --value-deserializer LongDeserializer')
    throw usageError(`--format: ${error.message}`, 'Tokens: %t %p %o %k %v %h %T %T{iso} %T{local} %K %S %d %%, escapes \\n \\t \\r')
  }
  return {
    group: f['share-group'] === undefined ? f.group : undefined,
    share:
      f['share-group'] === undefined
        ? undefined
        : {
            group: f['share-group'],
            ack: (f.ack ?? 'accept') as 'accept' | 'release' | 'reject',
            rejectOnError: f['reject-message-on-error'],
          },
    offset,
    // As the Java console consumer: a lost position goes to the earliest offset with --from-beginning, else the latest.
    offsetReset: (f['offset-reset'] ?? (offset.kind === 'earliest' ? 'earliest' : 'latest')) as OffsetReset,
    isolationLevel: f['isolation-level'] === 'read_committed' ? 1 : 0,
    groupProtocol: (f['group-protocol'] ?? (f.assignor ? 'classic' : undefined)) as 'classic' | 'consumer' | undefined,
    assignors: f.assignor as Array<'range' | 'cooperative-sticky'> | undefined,
    formatter,
    unknownProperties: [...unknownConsoleProperties(properties), ...unknownClientProperties],
    filter: grepFilter(f),
    countOnly: f.count,
    // --tail and --count stop at the end that held when they started; --tail --follow reads on.
    exitAtEnd: f['exit-at-end'] || f.count || (f.tail !== undefined && !f.follow),
  }
}

/** --json writes one document of records: a --format layout cannot be it. Checked first, before any file is read. */
export function refuseFormatWithJson(f: Pick<ConsumeFlagValues, 'format'>, json: boolean): void {
  if (json && f.format !== undefined)
    throw usageError(
      '--json and --format cannot be used together',
      '--json writes one JSON document; --format lays records out your way: pick one.',
    )
}

/** What kfk consume runs: the engine its choices pick, with that engine's options. */
export type ConsumeRead =
  | {engine: 'count' | 'direct'; options: ConsumeOptions}
  | {engine: 'group'; options: GroupConsumeOptions}
  | {engine: 'share'; options: ShareConsumeOptions}

/**
 * The engine and its options, from the flags and what they mean together (`choices`): a share group, a consumer
 * group, or (also for --count) partitions kfk assigns itself. `run`: the command's Ctrl-C signal and its notes.
 */
export function consumeRead(
  f: ConsumeFlagValues,
  topics: string[],
  choices: ConsumeChoices,
  run: {signal: AbortSignal; onNote: (text: string) => void},
): ConsumeRead {
  const common = {
    topics,
    pattern: f.pattern,
    isolationLevel: choices.isolationLevel,
    signal: run.signal,
    maxMessages: f['max-messages'],
    filter: choices.filter,
    idleTimeoutMs: f['timeout-ms'],
    exitAtEnd: choices.exitAtEnd,
  }
  // Without a group kfk assigns the partitions itself (--count reads that way too).
  const direct = {...common, partitions: f.partition, offset: choices.offset, offsetReset: choices.offsetReset, onNote: run.onNote}
  if (choices.countOnly) return {engine: 'count', options: direct}
  if (choices.share) return {engine: 'share', options: {...common, ...choices.share, onNote: run.onNote}}
  if (!choices.group) return {engine: 'direct', options: direct}
  const group = {
    ...common,
    group: choices.group,
    fromBeginning: choices.offsetReset === 'earliest',
    resetError: choices.offsetReset === 'error',
    groupProtocol: choices.groupProtocol,
    assignors: choices.assignors,
  }
  return {engine: 'group', options: group}
}
