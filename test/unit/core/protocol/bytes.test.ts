import assert from 'node:assert/strict'
import {test} from 'node:test'
import {ByteReader, ByteWriter} from '../../../../src/core/protocol/bytes.js'
import {MalformedBytes} from '../../../../src/core/records/corrupt.js'
import {hex, UUID_HEX, UUID_TEXT} from './wire.js'

const at = (...parts: string[]) => new ByteReader(hex(...parts))
/** A MalformedBytes whose one-line message matches `pattern` (never a RangeError or a TypeError). */
const malformed = (pattern: RegExp) => (e: unknown) => e instanceof MalformedBytes && pattern.test(e.message) && !e.message.includes('\n')

test('fixed-size integers, boolean and float64: big-endian, each consuming its size', () => {
  const r = at('ff', '8000', '7fffffff', 'fffffffffffffffe', '00 01 02', '400921fb54442d18', '2a')
  assert.equal(r.int8(), -1)
  assert.equal(r.int16(), -32768)
  assert.equal(r.int32(), 2147483647)
  assert.equal(r.int64(), -2n)
  assert.equal(r.boolean(), false)
  assert.equal(r.boolean(), true)
  assert.equal(r.boolean(), true, 'any non-zero byte is true, as the protocol guide says')
  assert.equal(r.float64(), Math.PI)
  assert.equal(r.at, 1 + 2 + 4 + 8 + 3 + 8)
  assert.equal(r.remaining, 1)
  assert.equal(at('8000000000000000').int64(), -(2n ** 63n))
})

test('every fixed-size read of too few bytes names what it read, where, and what was left', () => {
  const cases: Array<[string, (r: ByteReader) => unknown, RegExp]> = [
    ['', (r) => r.int8(), /^truncated int8 at byte 0: needs 1 bytes, 0 left$/],
    ['00', (r) => r.int16(), /^truncated int16 at byte 0: needs 2 bytes, 1 left$/],
    ['000000', (r) => r.int32(), /^truncated int32 at byte 0: needs 4 bytes, 3 left$/],
    ['00000000000000', (r) => r.int64(), /^truncated int64 at byte 0: needs 8 bytes, 7 left$/],
    ['', (r) => r.boolean(), /^truncated boolean/],
    ['0000', (r) => r.float64(), /^truncated float64 at byte 0: needs 8 bytes, 2 left$/],
    ['0001', (r) => r.uuid(), /^truncated UUID at byte 0: needs 16 bytes, 2 left$/],
    ['00', (r) => r.skip(3, 'padding'), /^truncated padding at byte 0: needs 3 bytes, 1 left$/],
  ]
  for (const [bytes, read, pattern] of cases) assert.throws(() => read(at(bytes)), malformed(pattern), `${pattern}`)
  // The caller's name for the field, at the byte where it starts.
  const r = at('0001 0002')
  r.int16()
  assert.throws(() => r.int32('base_offset'), malformed(/^truncated base_offset at byte 2: needs 4 bytes, 2 left$/))
  assert.equal(r.at, 2, 'a failed read consumes nothing')
})

test('reads stop at `end`, not at the end of the buffer', () => {
  const r = new ByteReader(hex('0001 0002 0003'), 2, 4)
  assert.equal(r.int16(), 2)
  assert.equal(r.remaining, 0)
  assert.throws(() => r.int8(), malformed(/truncated int8 at byte 4: needs 1 bytes, 0 left/))
})

test('uuid: 16 bytes in Kafka text form (URL-safe base64, no padding)', () => {
  const r = at(UUID_HEX, '2a')
  assert.equal(r.uuid(), UUID_TEXT)
  assert.equal(r.int8(), 42)
})

// Zigzag (Kafka ByteUtils.writeVarint/writeVarlong): 0 -1 1 -2 2 ... as 0 1 2 3 4, 7 bits a byte.
const VARINTS: Array<[number, string]> = [
  [0, '00'],
  [-1, '01'],
  [1, '02'],
  [63, '7e'],
  [-64, '7f'],
  [64, '8001'],
  [-65, '8101'],
  [150, 'ac02'],
  [2147483647, 'feffffff0f'],
  [-2147483648, 'ffffffff0f'],
  [1_700_000_000_000, '80a0abfef962'], // a millisecond timestamp: a varlong
  [-(2 ** 40), 'ffffffffff3f'],
]

test('varint: zigzag VARINT and VARLONG values, exact up to 2^53', () => {
  for (const [value, bytes] of VARINTS) {
    const r = at(bytes, '2a')
    assert.equal(r.varint(), value, bytes)
    assert.equal(r.at, bytes.length / 2, `${bytes} consumes its bytes`)
  }
  assert.equal(at('80808080808080808001').varint(), 2 ** 62, 'ten bytes are allowed (a varlong)')
})

test('varint: cut short, or longer than 10 bytes, is malformed (a run of 0x80 cannot spin)', () => {
  assert.throws(() => at('').varint(), malformed(/^truncated varint at byte 0$/))
  assert.throws(() => at('8080').varint('offset delta'), malformed(/^truncated offset delta at byte 2$/))
  assert.throws(() => at('80'.repeat(11)).varint(), malformed(/^varint longer than 10 bytes at byte 0$/))
})

test('uvarint: UNSIGNED_VARINT up to 2^32-1 in at most 5 bytes', () => {
  for (const [value, bytes] of [
    [0, '00'],
    [127, '7f'],
    [128, '8001'],
    [16384, '808001'],
    [2147483647, 'ffffffff07'],
    [4294967295, 'ffffffff0f'],
  ] as const) {
    const r = at(bytes, '2a')
    assert.equal(r.uvarint(), value, bytes)
    assert.equal(r.int8(), 42)
  }
  assert.throws(() => at('ff').uvarint(), malformed(/^truncated unsigned varint at byte 1$/))
  assert.throws(() => at('ffffffffff01').uvarint(), malformed(/^unsigned varint longer than 5 bytes at byte 0$/))
})

test('strings: INT16 or compact length, UTF-8; nullable variants return null, the others refuse it', () => {
  assert.equal(at('0002 c3a9').string(), 'é')
  assert.equal(at('0000').string(), '')
  assert.equal(at('ffff').nullableString(), null)
  assert.equal(at('0001 61').nullableString(), 'a')
  assert.throws(() => at('ffff').string('topic'), malformed(/^null topic$/))
  assert.equal(at('03 c3a9').compactString(), 'é')
  assert.equal(at('01').compactString(), '')
  assert.equal(at('00').compactNullableString(), null)
  assert.equal(at('02 61').compactNullableString(), 'a')
  assert.throws(() => at('00').compactString('group_id'), malformed(/^null group_id$/))
})

test('strings cut short, or with a negative length, are malformed', () => {
  assert.throws(() => at('0005 6162').string('topic'), malformed(/^truncated topic at byte 2: needs 5 bytes, 2 left$/))
  assert.throws(() => at('00').nullableString(), malformed(/^truncated string at byte 0: needs 2 bytes, 1 left$/))
  assert.throws(() => at('fffe').nullableString('topic'), malformed(/^topic length -2$/))
  assert.throws(() => at('06 6162').compactString(), malformed(/^truncated string at byte 1: needs 5 bytes, 2 left$/))
  assert.throws(() => at('ffffffff0f').compactNullableString(), malformed(/^truncated string at byte 5: needs 4294967294 bytes, 0 left$/))
  assert.throws(() => at('80').compactNullableString('name'), malformed(/^truncated name at byte 1$/))
})

test('bytes: INT32, compact and varint lengths; views into the buffer, not copies', () => {
  const buf = hex('00000002 abcd', 'ffffffff', '03 abcd', '00', '04 abcd', '01')
  const r = new ByteReader(buf)
  const view = r.bytes()
  assert.deepEqual(view, hex('abcd'))
  assert.equal(view.buffer, buf.buffer, 'a view, not a copy')
  assert.equal(r.nullableBytes(), null)
  assert.deepEqual(r.compactBytes(), hex('abcd'))
  assert.equal(r.compactNullableBytes(), null)
  assert.deepEqual(r.varintBytes(), hex('abcd'), 'varint length 2 (zigzag 04)')
  assert.equal(r.varintBytes(), null, 'varint length -1 (zigzag 01)')
  assert.equal(r.remaining, 0)
  assert.deepEqual(at('00000000').nullableBytes(), Buffer.alloc(0))
  assert.throws(() => at('ffffffff').bytes('user_data'), malformed(/^null user_data$/))
  assert.throws(() => at('00').compactBytes('records'), malformed(/^null records$/))
})

test('bytes cut short, or with a negative length, are malformed', () => {
  assert.throws(() => at('00000003 ab').bytes('records'), malformed(/^truncated records at byte 4: needs 3 bytes, 1 left$/))
  assert.throws(() => at('fffffff9').nullableBytes('records of t-3'), malformed(/^records of t-3 length -7$/))
  assert.throws(() => at('0000').nullableBytes(), malformed(/^truncated bytes at byte 0: needs 4 bytes, 2 left$/))
  assert.throws(() => at('05 ab').compactNullableBytes(), malformed(/^truncated bytes at byte 1: needs 4 bytes, 1 left$/))
  assert.throws(() => at('03').varintBytes('key'), malformed(/^key length -2$/))
  assert.throws(() => at('0a ab').varintBytes('value'), malformed(/^truncated value at byte 1: needs 5 bytes, 1 left$/))
})

test('arrays: INT32 or compact counts; null is -1 (count) or null (nullable), and refused by the others', () => {
  const int8s = (r: ByteReader) => r.int8()
  assert.deepEqual(at('00000002 0102').array(int8s), [1, 2])
  assert.deepEqual(at('00000000').array(int8s), [])
  assert.equal(at('ffffffff').nullableArray(int8s), null)
  assert.throws(() => at('ffffffff').array(int8s, 'topics'), malformed(/^null topics$/))
  assert.deepEqual(at('03 0102').compactArray(int8s), [1, 2])
  assert.deepEqual(at('01').compactArray(int8s), [])
  assert.equal(at('00').compactNullableArray(int8s), null)
  assert.throws(() => at('00').compactArray(int8s, 'partitions'), malformed(/^null partitions$/))
  assert.equal(at('ffffffff').count(), -1)
  assert.equal(at('00').compactCount(), -1)
  assert.equal(at('00000001 00').count(), 1)
  assert.equal(at('02 00').compactCount(), 1)
  // The element reader gets this reader, positioned at each element in turn.
  const r = at('00000002', '0001 61 00000001', '0001 62 00000002', '2a')
  assert.deepEqual(
    r.array((r) => [r.string(), r.int32()]),
    [
      ['a', 1],
      ['b', 2],
    ],
  )
  assert.equal(r.int8(), 42)
})

test('a count the remaining bytes cannot hold fails before any element is read or allocated', () => {
  const int32s = (r: ByteReader) => r.array((r) => r.int32(), 'partitions', 4)
  assert.throws(() => int32s(at('7fffffff')), malformed(/^partitions count 2147483647 does not fit in 0 bytes$/))
  assert.throws(() => int32s(at('00000002 00000001')), malformed(/^partitions count 2 does not fit in 4 bytes$/))
  assert.deepEqual(int32s(at('00000002 00000001 00000002')), [1, 2])
  assert.throws(() => at('ffffffff0f').compactNullableArray((r) => r.int8()), malformed(/^array count 4294967294 does not fit in 0 bytes$/))
  assert.throws(() => at('fffffffe').count('topics'), malformed(/^topics count -2 does not fit/))
  assert.throws(() => at('000000').count('topics'), malformed(/^truncated topics at byte 0: needs 4 bytes, 3 left$/))
  assert.throws(() => at('80').compactCount('topics'), malformed(/^truncated topics at byte 1$/))
  // An element cut short names the element's own field.
  assert.throws(() => at('00000002 00000001 0000').nullableArray((r) => r.int32('partition')), malformed(/^truncated partition at byte 8/))
})

test('tags: skips each tagged field by its plain size; a size past the end is malformed', () => {
  const r = at('02', '00 03 616263', '8001 02 abcd', '2a')
  r.tags()
  assert.equal(r.int8(), 42)
  assert.throws(() => at('01 00 05 abcd').tags(), malformed(/^truncated tagged fields at byte 3: needs 5 bytes, 2 left$/))
  assert.throws(() => at('02 00 00').tags('response header tags'), malformed(/^truncated response header tags at byte 3$/))
})

test('taggedFields: each field read within its size, the unread rest and unknown tags skipped', () => {
  const seen: Array<[number, number]> = []
  const r = at('03', '00 04 00000007', '05 02 abcd', '01 03 0009 ee', '2a')
  r.taggedFields((tag, r) => {
    if (tag === 0) seen.push([tag, r.int32()])
    if (tag === 1) seen.push([tag, r.int16()]) // leaves one byte unread
  })
  assert.deepEqual(seen, [
    [0, 7],
    [1, 9],
  ])
  assert.equal(r.int8(), 42)
  assert.equal(r.end, r.buf.length, 'the outer end is restored')
  // A read past its field's size fails there, instead of reading the next field's bytes.
  assert.throws(
    () => at('02', '00 02 0001', '01 02 0002').taggedFields((_tag, r) => r.int32('epoch')),
    malformed(/^truncated epoch at byte 3: needs 4 bytes, 2 left$/),
  )
  assert.throws(
    () => at('01 00 09 00').taggedFields(() => {}),
    malformed(/^truncated tagged fields \(tag 0\) at byte 3: needs 9 bytes, 1 left$/),
  )
})

test('every cut of a message of every type fails as MalformedBytes, never a RangeError', () => {
  const whole = hex(
    '01',
    '0002',
    '00000003',
    '0000000000000004',
    '01',
    '400921fb54442d18',
    UUID_HEX,
    'ac02',
    '8001',
    '0001 61',
    '02 62',
    '00000001 63',
    '02 64',
    '02 65',
    '00000001 00000007',
    '02 08',
    '01 00 01 ff',
  )
  const readAll = (r: ByteReader) => {
    r.int8()
    r.int16()
    r.int32()
    r.int64()
    r.boolean()
    r.float64()
    r.uuid()
    r.varint()
    r.uvarint()
    r.string()
    r.compactString()
    r.bytes()
    r.compactBytes()
    r.varintBytes()
    r.array((r) => r.int32())
    r.compactArray((r) => r.int8())
    r.tags()
  }
  const r = new ByteReader(whole)
  readAll(r)
  assert.equal(r.remaining, 0)
  for (let n = 0; n < whole.length; n++)
    assert.throws(
      () => readAll(new ByteReader(whole.subarray(0, n))),
      malformed(/^truncated |count 1 does not fit in 0 bytes$/),
      `cut at ${n}`,
    )
})

test('ByteWriter: INT8/16/32/64, strings, bytes and arrays as Kafka lays them out, growing as it goes', () => {
  const w = new ByteWriter().int8(-1).int16(2).int32(-3).int64(4n)
  w.string('é').string(null).bytes(hex('abcd')).bytes(null)
  w.array(['a', 'b'], (s) => w.string(s))
  assert.deepEqual(
    w.done(),
    hex('ff', '0002', 'fffffffd', '0000000000000004', '0002 c3a9', 'ffff', '00000002 abcd', 'ffffffff', '00000002 0001 61 0001 62'),
  )
  const long = 'x'.repeat(1000)
  const out = new ByteWriter().int16(7).string(long).int32(9).done()
  assert.equal(out.length, 2 + 2 + 1000 + 4)
  const r = new ByteReader(out)
  assert.deepEqual([r.int16(), r.string(), r.int32()], [7, long, 9])
  const first = new ByteWriter().int8(1)
  const a = first.done()
  first.int8(2)
  assert.deepEqual(a, hex('01'), 'done() hands out bytes of their own')
})
