import type {Encoder} from '../../../../src/core/kafkajs/types.js'
import {newEncoder} from '../../../../src/core/kafkajs/load.js'
import assert from 'node:assert/strict'
import {test} from 'node:test'
import {ByteReader} from '../../../../src/core/protocol/bytes.js'
import {defineRequest, errorOrNull, reader, writer} from '../../../../src/core/protocol/compact.js'
import {hex, UUID_HEX, UUID_TEXT} from './wire.js'

const bytes = (fill: (e: Encoder) => void) => {
  const e = newEncoder()
  fill(e)
  return e.buffer
}
const ascii = (n: number) => 'x'.repeat(n)

// Unsigned varint (Kafka ByteUtils.writeUnsignedVarint): 7 bits a byte, low bits first,
// the high bit set on every byte but the last.
const UVARINTS: Array<[number, string]> = [
  [0, '00'],
  [1, '01'],
  [127, '7f'],
  [128, '8001'],
  [300, 'ac02'],
  [16383, 'ff7f'],
  [16384, '808001'],
  [2097151, 'ffff7f'],
  [2097152, '80808001'],
  [2147483647, 'ffffffff07'],
]

test('unsigned varint: edge values encode to the expected bytes and read back', () => {
  for (const [value, expected] of UVARINTS) {
    assert.deepEqual(
      bytes((e) => e.writeUVarInt(value)),
      hex(expected),
      `write ${value}`,
    )
    const d = new ByteReader(hex(expected, 'ee'))
    assert.equal(d.uvarint(), value, `read ${value}`)
    assert.equal(d.at, expected.length / 2, `read ${value} consumes exactly its bytes`)
  }
})

test('flexible strings: length+1 as unsigned varint, 0 for null', () => {
  const w = writer(true)
  assert.deepEqual(
    bytes((e) => w.string(e, null)),
    hex('00'),
  )
  assert.deepEqual(
    bytes((e) => w.string(e, '')),
    hex('01'),
  )
  assert.deepEqual(
    bytes((e) => w.string(e, 'ab')),
    hex('03 6162'),
  )
  assert.deepEqual(
    bytes((e) => w.string(e, 'é')),
    hex('03 c3a9'),
    'the length counts UTF-8 bytes',
  )
  // the length prefix crosses a varint byte boundary at 127 and 16383 (lengths 126 and 16382)
  const cases: Array<[number, string]> = [
    [126, '7f'],
    [127, '8001'],
    [16382, 'ff7f'],
    [16383, '808001'],
  ]
  for (const [n, prefix] of cases) {
    const out = bytes((e) => w.string(e, ascii(n)))
    assert.deepEqual(out.subarray(0, prefix.length / 2), hex(prefix), `prefix of a ${n}-byte string`)
    assert.equal(out.length, prefix.length / 2 + n)
  }
})

test('classic strings: INT16 length, -1 for null', () => {
  const w = writer(false)
  assert.deepEqual(
    bytes((e) => w.string(e, null)),
    hex('ffff'),
  )
  assert.deepEqual(
    bytes((e) => w.string(e, '')),
    hex('0000'),
  )
  assert.deepEqual(
    bytes((e) => w.string(e, 'ab')),
    hex('0002 6162'),
  )
})

test('flexible arrays: count+1 as unsigned varint; classic arrays: INT32 count', () => {
  const flex = writer(true)
  const int8s = (w: ReturnType<typeof writer>, n: number) =>
    bytes((e) => w.array(e, new Array<number>(n).fill(9), (e, v) => void e.writeInt8(v)))
  assert.deepEqual(int8s(flex, 0), hex('01'))
  assert.deepEqual(int8s(flex, 2), hex('03 0909'))
  for (const [n, prefix] of [
    [126, '7f'],
    [127, '8001'],
    [16382, 'ff7f'],
    [16383, '808001'],
  ] as const) {
    const out = int8s(flex, n)
    assert.deepEqual(out.subarray(0, prefix.length / 2), hex(prefix), `prefix of ${n} items`)
    assert.equal(out.length, prefix.length / 2 + n)
  }
  const classic = writer(false)
  assert.deepEqual(int8s(classic, 0), hex('00000000'))
  assert.deepEqual(int8s(classic, 2), hex('00000002 0909'))
})

test('tags: one empty tagged-field section in flexible versions, nothing in classic ones', () => {
  assert.deepEqual(
    bytes((e) => writer(true).tags(e)),
    hex('00'),
  )
  assert.deepEqual(
    bytes((e) => writer(false).tags(e)),
    hex(''),
  )
})

test('flexible reader: strings, nullable strings and arrays, across varint boundaries', () => {
  const r = reader(true)
  assert.equal(r.nullableString(new ByteReader(hex('00'))), null)
  assert.equal(r.string(new ByteReader(hex('00'))), '', 'a null where a string is required reads as empty')
  assert.equal(r.string(new ByteReader(hex('01'))), '')
  assert.equal(r.string(new ByteReader(hex('03 6162'))), 'ab')
  for (const [n, prefix] of [
    [126, '7f'],
    [127, '8001'],
    [16382, 'ff7f'],
    [16383, '808001'],
  ] as const) {
    const d = new ByteReader(Buffer.concat([hex(prefix), Buffer.from(ascii(n)), hex('2a')]))
    assert.equal(r.string(d), ascii(n), `${n}-byte string`)
    assert.equal(d.int8(), 42, `the byte after a ${n}-byte string`)
  }
  assert.deepEqual(
    r.array(new ByteReader(hex('00')), (d) => d.int8()),
    [],
    'a null array reads as empty',
  )
  assert.deepEqual(
    r.array(new ByteReader(hex('01')), (d) => d.int8()),
    [],
  )
  assert.deepEqual(
    r.array(new ByteReader(hex('03 0102')), (d) => d.int8()),
    [1, 2],
  )
  const d = new ByteReader(Buffer.concat([hex('8001'), Buffer.alloc(127, 5), hex('2a')]))
  assert.equal(r.array(d, (d) => d.int8()).length, 127)
  assert.equal(d.int8(), 42)
})

test('classic reader: INT16 strings and INT32 arrays', () => {
  const r = reader(false)
  assert.equal(r.nullableString(new ByteReader(hex('ffff'))), null)
  assert.equal(r.string(new ByteReader(hex('ffff'))), '')
  assert.equal(r.string(new ByteReader(hex('0002 6162'))), 'ab')
  assert.deepEqual(
    r.array(new ByteReader(hex('00000002 0102')), (d) => d.int8()),
    [1, 2],
  )
  assert.deepEqual(
    r.array(new ByteReader(hex('ffffffff')), (d) => d.int8()),
    [],
  )
  const d = new ByteReader(hex('2a'))
  r.tags(d)
  assert.equal(d.at, 0, 'classic versions have no tagged fields to skip')
})

test('tags() skips exactly the tagged-field section, with plain (not +1) sizes', () => {
  const empty = new ByteReader(hex('00 2a'))
  empty.tags()
  assert.equal(empty.int8(), 42)
  // two fields: tag 0 with 3 bytes; tag 128 (varint 8001) with 128 bytes (size varint 8001)
  const raw = Buffer.concat([hex('02', '00 03 616263', '8001 8001'), Buffer.alloc(128, 0xee), hex('2a')])
  const d = new ByteReader(raw)
  d.tags()
  assert.equal(d.at, raw.length - 1)
  assert.equal(d.int8(), 42)
})

test('uuid(): 16 bytes in Kafka text form (base64url, no padding); truncated is an error', () => {
  const d = new ByteReader(hex(UUID_HEX, '2a'))
  assert.equal(d.uuid(), UUID_TEXT)
  assert.equal(d.int8(), 42)
  assert.equal(new ByteReader(hex('00'.repeat(16))).uuid(), 'AAAAAAAAAAAAAAAAAAAAAA')
  assert.throws(() => new ByteReader(hex('0001')).uuid(), /truncated UUID/)
})

test("errorOrNull: 0 is no error; a code becomes kafkajs's error, with the broker message", () => {
  assert.equal(errorOrNull(0), null)
  const e = errorOrNull(3, 'no such topic') as Error & {type: string; code: number; retriable: boolean}
  assert.equal(e.type, 'UNKNOWN_TOPIC_OR_PARTITION')
  assert.equal(e.code, 3)
  assert.equal(e.retriable, true)
  assert.match(e.message, /\(no such topic\)$/)
  assert.doesNotMatch((errorOrNull(3) as Error).message, /\(/)
})

test('defineRequest, flexible: request header v2 tags before the body; response header v1 tags skipped', async () => {
  const p = defineRequest<string>({
    apiKey: 99,
    apiName: 'Test',
    version: 3,
    flexible: true,
    encode: (e, w) => {
      w.string(e, 'ab')
      w.tags(e)
    },
    decode: (d, r) => ({throttleTimeMs: d.int32(), result: r.string(d)}),
  })
  assert.equal(p.request.apiKey, 99)
  assert.equal(p.request.apiVersion, 3)
  assert.deepEqual((await p.request.encode()).buffer, hex('00', '03 6162', '00'))
  // a response header with one tagged field (tag 1, 2 bytes), then throttle 100 and "ok"
  const decoded = (await p.response.decode(hex('01 01 02 ffff', '00000064', '03 6f6b'))) as {clientSideThrottleTime: number; result: string}
  assert.deepEqual(decoded, {clientSideThrottleTime: 100, result: 'ok'})
  assert.equal(await p.response.parse(decoded), 'ok')
})

test('defineRequest, classic: header v1 and response header v0, nothing added', async () => {
  const p = defineRequest<string>({
    apiKey: 99,
    apiName: 'Test',
    version: 0,
    flexible: false,
    encode: (e, w) => w.string(e, 'ab'),
    decode: (d, r) => ({throttleTimeMs: 0, result: r.string(d)}),
  })
  assert.deepEqual((await p.request.encode()).buffer, hex('0002 6162'))
  assert.deepEqual(await p.response.decode(hex('0002 6f6b')), {clientSideThrottleTime: 0, result: 'ok'})
})
