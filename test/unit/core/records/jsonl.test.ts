import {test} from 'node:test'
import assert from 'node:assert/strict'
import {decodeRecord, encodeRecord, JsonlError} from '../../../../src/core/records/jsonl.js'
import {LINE_DEFAULTS, LineSplitter, lineParser, InputError} from '../../../../src/core/produce/input.js'
import {parseOffsetSpec, OffsetSpecError} from '../../../../src/core/consume/offset-spec.js'
import {parseTime} from '../../../../src/core/time-expression.js'
import type {KRecord} from '../../../../src/core/records/record.js'

test('jsonl round trip keeps every byte, key, header, partition and timestamp', () => {
  const r: KRecord = {
    topic: 't',
    partition: 3,
    offset: '7',
    timestamp: '1700000000123',
    key: Buffer.from([0xc3, 0x28]),
    value: Buffer.from('plain ✓'),
    headers: [
      ['a', Buffer.from([0x80])],
      ['a', null],
      ['b', Buffer.from('')],
    ],
  }
  const back = decodeRecord(encodeRecord(r), 1)
  assert.deepEqual(back.key, r.key)
  assert.deepEqual(back.value, r.value)
  assert.deepEqual(back.headers, r.headers)
  assert.equal(back.partition, 3)
  assert.equal(back.timestamp, '1700000000123')
})

test('jsonl input: header object form, missing fields, and errors with reasons', () => {
  const r = decodeRecord('{"value":"v","headers":{"x":"1"}}', 4)
  assert.equal(r.key, null)
  assert.deepEqual(r.headers, [['x', Buffer.from('1')]])
  assert.equal(r.partition, undefined)
  assert.throws(() => decodeRecord('{"value": 1}', 1), JsonlError)
  assert.throws(() => decodeRecord('not json', 1), /not valid JSON/)
  assert.throws(() => decodeRecord('{"value":"v","partition":-1}', 1), /partition/)
})

test('jsonl lines: malformed line names its number; ignore.error skips it', () => {
  const strict = lineParser({...LINE_DEFAULTS, input: 'jsonl'})
  assert.throws(
    () => strict(Buffer.from('{bad'), 12),
    (e: Error) => e instanceof InputError && e.message.startsWith('line 12:'),
  )
  const lenient = lineParser({...LINE_DEFAULTS, input: 'jsonl', ignoreError: true})
  assert.equal(lenient(Buffer.from('{bad'), 12), null)
})

test('line splitter: \\n and \\r\\n, lines across chunks, last line without newline, raw bytes kept', () => {
  const s = new LineSplitter()
  const lines: string[] = []
  const on = (l: Buffer, n: number) => lines.push(`${n}:${l.toString('latin1')}`)
  s.push(Buffer.from('a\r\nb'), on)
  s.push(Buffer.from('c\n\xff\n', 'latin1'), on)
  s.push(Buffer.from('last'), on)
  s.end(on)
  assert.deepEqual(lines, ['1:a', '2:bc', '3:\xff', '4:last'])
})

test('console-producer parsing: headers, key, null.marker, ignore.error', () => {
  const p = lineParser({...LINE_DEFAULTS, parseKey: true, keySeparator: ':', parseHeaders: true, nullMarker: 'NULL'})
  const r = p(Buffer.from('h1:v1,h2:NULL\tk:value:with:colons'), 1)!
  assert.deepEqual(r.headers, [
    ['h1', Buffer.from('v1')],
    ['h2', null],
  ])
  assert.equal(r.key!.toString(), 'k')
  assert.equal(r.value!.toString(), 'value:with:colons')
  assert.equal(p(Buffer.from('\tNULL:NULL'), 2)!.value, null)
  const keyed = lineParser({...LINE_DEFAULTS, parseKey: true, keySeparator: ':'})
  assert.throws(() => keyed(Buffer.from('nokey'), 9), /line 9: no key separator ":"/)
  const lenient = lineParser({...LINE_DEFAULTS, parseKey: true, keySeparator: ':', ignoreError: true})
  const r2 = lenient(Buffer.from('nokey'), 9)!
  assert.equal(r2.key, null)
  assert.equal(r2.value!.toString(), 'nokey')
})

test('offset specs and times', () => {
  assert.deepEqual(parseOffsetSpec('earliest'), {kind: 'earliest'})
  assert.deepEqual(parseOffsetSpec('latest'), {kind: 'latest'})
  assert.deepEqual(parseOffsetSpec('42'), {kind: 'absolute', offset: 42n})
  assert.deepEqual(parseOffsetSpec('-10'), {kind: 'fromEnd', count: 10n})
  assert.deepEqual(parseOffsetSpec('@1700000000000'), {kind: 'time', ms: 1700000000000})
  assert.deepEqual(parseOffsetSpec('@-1h', 10_000_000), {kind: 'time', ms: 10_000_000 - 3_600_000})
  assert.equal(parseTime('2024-05-01T00:00:00Z'), Date.UTC(2024, 4, 1))
  assert.throws(
    () => parseOffsetSpec('soon'),
    (e: Error) => e instanceof OffsetSpecError && /"soon"/.test(e.message),
  )
  assert.throws(() => parseOffsetSpec('@yesterday'), /"yesterday" is not a time/)
})

test('jsonl input: invalid base64 is an error naming the line and the value, never silently other bytes', () => {
  const parse = lineParser({...LINE_DEFAULTS, input: 'jsonl'})
  for (const bad of ['@@@', 'abc', 'ab=c', 'YWJj\n', 'YW Jj'])
    assert.throws(
      () => parse(Buffer.from(JSON.stringify({value: {base64: bad}})), 7),
      (e: unknown) => e instanceof InputError && /^line 7: value: .* is not valid base64$/.test(e.message),
      bad,
    )
  assert.deepEqual(parse(Buffer.from('{"key": {"base64": "/+8="}, "value": {"base64": ""}}'), 1)!.key, Buffer.from([0xff, 0xef]))
})
