import assert from 'node:assert/strict'
import {test} from 'node:test'
import {buildFormatter} from '../../../src/output/format.js'
import {deserializer} from '../../../src/output/deserializers.js'
import type {KRecord} from '../../../src/core/records/record.js'

const text = (name: string, bytes: Buffer) => deserializer(name)!(bytes).toString()

test("Java's common deserializers by simple or class name, printed as Java's formatter prints them", () => {
  const long = Buffer.alloc(8)
  long.writeBigInt64BE(-42n)
  assert.equal(text('org.apache.kafka.common.serialization.LongDeserializer', long), '-42')
  const int = Buffer.alloc(4)
  int.writeInt32BE(2147483647)
  assert.equal(text('IntegerDeserializer', int), '2147483647')
  const double = Buffer.alloc(8)
  double.writeDoubleBE(1)
  assert.equal(text('DoubleDeserializer', double), '1.0')
  double.writeDoubleBE(2.5)
  assert.equal(text('DoubleDeserializer', double), '2.5')
  assert.equal(text('StringDeserializer', Buffer.from('héllo')), 'héllo')
  assert.equal(text('UUIDDeserializer', Buffer.from('0F8FAD5B-D9CB-469F-A165-70867728950E')), '0f8fad5b-d9cb-469f-a165-70867728950e')
  assert.equal(deserializer('com.example.MyDeserializer'), undefined)
  assert.throws(() => text('LongDeserializer', Buffer.from('abc')), /LongDeserializer: the data is 3 bytes, not 8/)
})

test('--value-deserializer in the console layout and in a --format; a record that does not fit names its partition and offset', () => {
  const value = Buffer.alloc(8)
  value.writeBigInt64BE(7n)
  const r: KRecord = {topic: 't', partition: 1, offset: '5', timestamp: '0', key: Buffer.from('k'), value, headers: []}
  const run = (f: ReturnType<typeof buildFormatter>, rec: KRecord) => {
    const out: Buffer[] = []
    f(rec, out)
    return Buffer.concat(out).toString()
  }
  assert.equal(run(buildFormatter({valueDeserializer: 'LongDeserializer'}), r), '7\n')
  assert.equal(run(buildFormatter({format: '%k=%v\n', properties: {'value.deserializer': 'LongDeserializer'}}), r), 'k=7\n')
  assert.throws(
    () => run(buildFormatter({valueDeserializer: 'LongDeserializer'}), {...r, value: Buffer.from('x')}),
    /the value of t:1 at offset 5 does not deserialize: LongDeserializer: the data is 1 bytes, not 8/,
  )
  assert.throws(() => buildFormatter({keyDeserializer: 'Nope'}), /key deserializer Nope is not one kfk has/)
})
