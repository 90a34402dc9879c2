import {Flags} from '@oclif/core'
import {readFile} from 'node:fs/promises'
import {readPropertiesFile} from '../config/properties.js'
import {isProducerProperty, producerSettings, type ProducerSettings} from '../core/produce/settings.js'
import {usageError} from '../cli/errors.js'
import {parsePropertyFlags} from './shared.js'

/** ProducerPerformance's options, with its spellings. */
export const producerPerfFlags = {
  topic: Flags.string({required: true, description: 'The topic to write to.'}),
  'num-records': Flags.integer({required: true, min: 1, description: 'How many records to send.'}),
  'record-size': Flags.integer({min: 1, description: "Each record's size in bytes (random A-Z).", exclusive: ['payload-file']}),
  'payload-file': Flags.string({helpValue: 'FILE', description: "Send records picked at random from this file's entries instead."}),
  'payload-delimiter': Flags.string({default: '\\n', description: 'What separates the entries of --payload-file.'}),
  throughput: Flags.integer({
    default: -1,
    description: 'Records a second to aim for; -1: as fast as possible.',
  }),
  'producer-props': Flags.string({
    multiple: true,
    helpValue: 'K=V',
    description: 'Producer properties: acks, linger.ms, batch.size, compression.type, ... (and bootstrap.servers).',
  }),
  'command-property': Flags.string({multiple: true, helpValue: 'K=V', description: "Kafka 4.2's spelling of --producer-props."}),
  'producer.config': Flags.string({helpValue: 'FILE', description: 'Producer properties from a .properties file.'}),
  'warmup-records': Flags.integer({min: 0, default: 0, description: 'Leave the first N records out of the totals.'}),
  'reporting-interval': Flags.integer({min: 100, default: 5000, helpValue: 'ms', description: 'How often to print a line.'}),
}

/** Properties any client takes that kfk reads elsewhere (or needs not), so they draw no warning here. */
const CLIENT_KEYS = new Set(['bootstrap.servers', 'client.id', 'key.serializer', 'value.serializer', 'enable.idempotence'])

export interface ProducerPerfChoices {
  settings: ProducerSettings
  bootstrap?: string
  payloads?: Buffer[]
  unknownProperties: string[]
}

export async function producerPerfChoices(f: {
  'record-size'?: number
  'payload-file'?: string
  'payload-delimiter': string
  'producer-props'?: string[]
  'command-property'?: string[]
  'producer.config'?: string
}): Promise<ProducerPerfChoices> {
  if (f['record-size'] === undefined && f['payload-file'] === undefined)
    throw usageError('say what to send', 'Give --record-size BYTES or --payload-file FILE.')
  const props = {
    ...(f['producer.config'] ? readPropertiesFile(f['producer.config']) : {}),
    ...parsePropertyFlags(f['producer-props'] ?? [], '--producer-props'),
    ...parsePropertyFlags(f['command-property'] ?? [], '--command-property'),
  }
  let settings: ProducerSettings
  try {
    settings = producerSettings({}, props)
  } catch (error) {
    throw usageError((error as Error).message, 'See: kfk perf produce --help')
  }
  let payloads: Buffer[] | undefined
  if (f['payload-file']) {
    const text = await readFile(f['payload-file'], 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw usageError(`--payload-file ${f['payload-file']} cannot be read (${error.code ?? error.message})`)
    })
    const delimiter = f['payload-delimiter'].replace(/\\n/g, '\n').replace(/\\t/g, '\t')
    const entries = text.split(delimiter).filter((e) => e.length > 0)
    if (entries.length === 0) throw usageError(`--payload-file ${f['payload-file']} has no entries`)
    if (entries.some((e) => e.includes('\n')))
      throw usageError(
        `--payload-file ${f['payload-file']} has entries with line breaks`,
        'kfk sends each entry as one line: use --payload-delimiter "\\n".',
      )
    payloads = entries.map((e) => Buffer.from(e))
  }
  return {
    settings,
    bootstrap: props['bootstrap.servers'],
    payloads,
    unknownProperties: Object.keys(props).filter((k) => !isProducerProperty(k) && !CLIENT_KEYS.has(k)),
  }
}

/** ConsumerPerformance's options, with its spellings. */
export const consumerPerfFlags = {
  topic: Flags.string({description: 'The topic to read.', exclusive: ['include']}),
  include: Flags.string({helpValue: 'REGEX', description: 'Read every topic matching this regex instead.'}),
  messages: Flags.integer({required: true, min: 1, description: 'How many records to read.'}),
  group: Flags.string({description: 'The consumer group (default perf-consumer-NNNNN, a new one each run).'}),
  'from-latest': Flags.boolean({description: 'A new group starts at the end of the log instead of the beginning.'}),
  timeout: Flags.integer({
    min: 1,
    default: 10_000,
    helpValue: 'ms',
    description: "Give up when no record came for this long (ConsumerPerformance's meaning; the connection timeout stays the profile's).",
  }),
  'reporting-interval': Flags.integer({min: 100, default: 5000, helpValue: 'ms', description: 'With --show-detailed-stats: how often.'}),
  'show-detailed-stats': Flags.boolean({description: 'A line every reporting interval instead of one at the end.'}),
  'hide-header': Flags.boolean({description: 'Leave out the CSV header line.'}),
  'date-format': Flags.string({default: 'yyyy-MM-dd HH:mm:ss:SSS', description: 'How times are written (Java SimpleDateFormat letters).'}),
  'fetch-size': Flags.integer({min: 1, description: "ConsumerPerformance's fetch size; kfk's fetch engine sizes its fetches itself."}),
}
