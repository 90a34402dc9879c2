import {COMPRESSIONS, type Compression} from '../records/codecs.js'

/**
 * The producer's settings from kfk's flags and the Java producer's property
 * names (`--producer-property acks=all`, as kafka-console-producer takes
 * them); a flag given on the command line wins over a property.
 */
export interface ProducerSettings {
  acks: -1 | 0 | 1
  compression: Compression
  lingerMs: number
  batchBytes: number
  requestTimeoutMs: number
  deliveryTimeoutMs: number
  maxInFlight: number
}

export const PRODUCER_DEFAULTS: ProducerSettings = {
  acks: -1,
  compression: 'none',
  lingerMs: 5,
  // As librdkafka's (kcat's) 1,000,000: a broker answers one request per connection at a time (and with acks=all
  // only once the followers have it), so bytes per request set the pace (bench/produce.mjs).
  batchBytes: 1_048_576,
  // Java's request.timeout.ms and delivery.timeout.ms.
  requestTimeoutMs: 30_000,
  deliveryTimeoutMs: 120_000,
  maxInFlight: 5,
}

export class SettingError extends Error {}

const PROPERTIES: Record<string, keyof ProducerSettings | null> = {
  acks: 'acks',
  'compression.type': 'compression',
  'linger.ms': 'lingerMs',
  'batch.size': 'batchBytes',
  'request.timeout.ms': 'requestTimeoutMs',
  'delivery.timeout.ms': 'deliveryTimeoutMs',
  'max.in.flight.requests.per.connection': 'maxInFlight',
  // Always on with acks all or 1 (order and no duplicates through retries); nothing to set.
  'enable.idempotence': null,
}

/** Known producer properties; the caller warns about the others. */
export function isProducerProperty(name: string): boolean {
  return name in PROPERTIES
}

export function producerSettings(
  flags: Partial<Record<keyof ProducerSettings, string | number>>,
  properties: Record<string, string>,
): ProducerSettings {
  const raw: Partial<Record<keyof ProducerSettings, {value: string; name: string}>> = {}
  for (const [name, value] of Object.entries(properties)) {
    const key = PROPERTIES[name]
    if (key) raw[key] = {value, name}
  }
  for (const [key, value] of Object.entries(flags))
    if (value !== undefined) raw[key as keyof ProducerSettings] = {value: String(value), name: `--${flagName(key)}`}
  const s: ProducerSettings = {...PRODUCER_DEFAULTS}
  const int = (
    key: 'lingerMs' | 'batchBytes' | 'requestTimeoutMs' | 'deliveryTimeoutMs' | 'maxInFlight',
    min: number,
    max = 2 ** 31 - 1,
  ) => {
    const r = raw[key]
    if (!r) return
    const n = Number(r.value)
    if (!Number.isInteger(n) || n < min || n > max)
      throw new SettingError(`${r.name} ${JSON.stringify(r.value)} must be a whole number from ${min} to ${max}`)
    s[key] = n
  }
  if (raw.acks) {
    const a = raw.acks.value === 'all' ? -1 : Number(raw.acks.value)
    if (a !== -1 && a !== 0 && a !== 1) throw new SettingError(`${raw.acks.name} ${JSON.stringify(raw.acks.value)} must be all, -1, 1 or 0`)
    s.acks = a
  }
  if (raw.compression) {
    if (!(COMPRESSIONS as readonly string[]).includes(raw.compression.value))
      throw new SettingError(`${raw.compression.name} ${JSON.stringify(raw.compression.value)} must be one of ${COMPRESSIONS.join(', ')}`)
    s.compression = raw.compression.value as Compression
  }
  int('lingerMs', 0)
  int('batchBytes', 0)
  int('requestTimeoutMs', 1)
  int('deliveryTimeoutMs', 1)
  // More than 5 in flight would let the broker's idempotence cache (5 batches) miss a duplicate.
  int('maxInFlight', 1, 5)
  // As Java: a batch must be able to wait out its linger and one request.
  if (s.deliveryTimeoutMs < s.lingerMs + s.requestTimeoutMs) {
    throw new SettingError(
      `delivery timeout ${s.deliveryTimeoutMs} ms must be at least linger (${s.lingerMs} ms) plus request timeout (${s.requestTimeoutMs} ms)`,
    )
  }
  return s
}

function flagName(key: string): string {
  return (
    {
      acks: 'acks',
      compression: 'compression',
      lingerMs: 'linger-ms',
      batchBytes: 'batch-size',
      requestTimeoutMs: 'request-timeout',
      deliveryTimeoutMs: 'delivery-timeout',
      maxInFlight: 'max-in-flight',
    } as Record<string, string>
  )[key]!
}
