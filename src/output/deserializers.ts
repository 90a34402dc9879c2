/**
 * kafka-console-consumer's --key-deserializer / --value-deserializer (and the
 * key.deserializer / value.deserializer formatter properties): Java's common
 * deserializers, by class name or simple name, turning a record's bytes into
 * the text Java's formatter prints. Bytes of the wrong size fail as in Java.
 */
export type Deserializer = (bytes: Buffer) => Buffer

export class DeserializeError extends Error {}

const fixed = (name: string, size: number, read: (b: Buffer) => string): Deserializer => {
  return (b) => {
    if (b.length !== size) throw new DeserializeError(`${name}: the data is ${b.length} bytes, not ${size}`)
    return Buffer.from(read(b))
  }
}

/** Java prints doubles and floats with a decimal point ("1.0") and its own names for the special values. */
function javaDecimal(x: number): string {
  if (Number.isNaN(x)) return 'NaN'
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity'
  return Number.isInteger(x) && Math.abs(x) < 1e7 ? x.toFixed(1) : String(x)
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const identity: Deserializer = (b) => b

const BY_NAME: Record<string, Deserializer> = {
  StringDeserializer: identity,
  ByteArrayDeserializer: identity,
  ByteBufferDeserializer: identity,
  BytesDeserializer: identity,
  LongDeserializer: fixed('LongDeserializer', 8, (b) => b.readBigInt64BE().toString()),
  IntegerDeserializer: fixed('IntegerDeserializer', 4, (b) => String(b.readInt32BE())),
  ShortDeserializer: fixed('ShortDeserializer', 2, (b) => String(b.readInt16BE())),
  DoubleDeserializer: fixed('DoubleDeserializer', 8, (b) => javaDecimal(b.readDoubleBE())),
  FloatDeserializer: fixed('FloatDeserializer', 4, (b) => javaDecimal(b.readFloatBE())),
  BooleanDeserializer: fixed('BooleanDeserializer', 1, (b) => String(b[0] !== 0)),
  UUIDDeserializer: (b) => {
    if (!UUID.test(b.toString('latin1')))
      throw new DeserializeError(`UUIDDeserializer: "${b.toString('latin1').slice(0, 40)}" is not a UUID`)
    return Buffer.from(b.toString('latin1').toLowerCase())
  },
}

/** The names kfk knows, for help and errors. */
export const DESERIALIZERS = Object.keys(BY_NAME)

/** A deserializer by Java class name (org.apache.kafka.common.serialization.LongDeserializer) or simple name; undefined if unknown. */
export function deserializer(name: string): Deserializer | undefined {
  return BY_NAME[name.trim().replace(/^org\.apache\.kafka\.common\.serialization\./, '')]
}
