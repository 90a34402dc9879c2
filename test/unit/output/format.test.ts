import {test} from 'node:test'
import assert from 'node:assert/strict'
import {buildFormatter, parseFormat, FormatError} from '../../../src/output/format.js'
import type {KRecord} from '../../../src/core/records/record.js'

const rec = (over: Partial<KRecord> = {}): KRecord => ({
  topic: 't',
  partition: 2,
  offset: '41',
  timestamp: '1700000000000',
  key: Buffer.from('k'),
  value: Buffer.from('v'),
  headers: [],
  ...over,
})
const render = (f: ReturnType<typeof buildFormatter>, r: KRecord) => {
  const out: Buffer[] = []
  f(r, out)
  return Buffer.concat(out)
}

test('kcat-style format: every token, escapes and %%', () => {
  const f = buildFormatter({format: '%t|%p|%o|%k|%v|%s|%T|%K|%S|%h|100%%\\t\\n'})
  const r = rec({
    headers: [
      ['a', Buffer.from('1')],
      ['a', Buffer.from('2')],
    ],
  })
  assert.equal(render(f, r).toString(), 't|2|41|k|v|v|1700000000000|1|1|a=1,a=2|100%\t\n')
})

test('kcat-style format: null key and value print empty, sizes -1', () => {
  const f = buildFormatter({format: '[%k][%v] %K %S\n'})
  assert.equal(render(f, rec({key: null, value: null})).toString(), '[][] -1 -1\n')
})

test('unknown format token is an error naming it', () => {
  assert.throws(
    () => parseFormat('%q'),
    (e: Error) => e instanceof FormatError && /%q/.test(e.message),
  )
})

test('default output is the value bytes and a newline, byte for byte', () => {
  const bytes = Buffer.from([0xff, 0x00, 0xfe, 0x41])
  assert.deepEqual(render(buildFormatter({}), rec({value: bytes})), Buffer.concat([bytes, Buffer.from('\n')]))
})

test('console-consumer properties: order, separators, NO_HEADERS and null.literal', () => {
  const all = {'print.timestamp': 'true', 'print.partition': 'true', 'print.offset': 'true', 'print.headers': 'true', 'print.key': 'true'}
  assert.equal(
    render(buildFormatter({properties: all}), rec()).toString(),
    'CreateTime:1700000000000\tPartition:2\tOffset:41\tNO_HEADERS\tk\tv\n',
  )
  const f = buildFormatter({
    properties: {
      'print.key': 'true',
      'print.headers': 'true',
      'key.separator': ':',
      'headers.separator': ';',
      'null.literal': 'NULL',
      'line.separator': '|',
    },
  })
  const r = rec({
    key: null,
    headers: [
      ['h1', Buffer.from('x')],
      ['h2', null],
    ],
  })
  assert.equal(render(f, r).toString(), 'h1:x;h2:NULL:NULL:v|')
  assert.equal(render(buildFormatter({properties: {'print.value': 'false', 'print.key': 'true'}}), rec()).toString(), 'k\n')
})

test('jsonl output: UTF-8 as strings, other bytes as base64, nulls and header pairs', () => {
  const r = rec({
    key: null,
    value: Buffer.from([0xff, 0xfe]),
    headers: [
      ['h', Buffer.from('é')],
      ['n', null],
    ],
  })
  const line = render(buildFormatter({output: 'jsonl'}), r).toString()
  assert.ok(line.endsWith('\n'))
  assert.deepEqual(JSON.parse(line), {
    topic: 't',
    partition: 2,
    offset: 41,
    timestamp: 1700000000000,
    key: null,
    value: {base64: '//4='},
    headers: [
      ['h', 'é'],
      ['n', null],
    ],
  })
})

test('%T{iso} and %T{local}; print.timestamp with human time on a terminal', () => {
  const saved = process.env.TZ
  process.env.TZ = 'America/New_York'
  try {
    const f = buildFormatter({format: '%T{iso} %T{local} %T'})
    assert.equal(render(f, rec()).toString(), '2023-11-14T22:13:20.000Z 2023-11-14T17:13:20.000-05:00 1700000000000')
    const human = buildFormatter({properties: {'print.timestamp': 'true'}, humanTime: true})
    assert.equal(render(human, rec()).toString(), 'CreateTime:2023-11-14T17:13:20.000-05:00\tv\n')
    const plain = buildFormatter({properties: {'print.timestamp': 'true'}})
    assert.equal(render(plain, rec()).toString(), 'CreateTime:1700000000000\tv\n')
  } finally {
    if (saved === undefined) delete process.env.TZ
    else process.env.TZ = saved
  }
  assert.throws(
    () => parseFormat('%T{unix}'),
    (e: unknown) => e instanceof FormatError && /%T\{unix\}/.test(e.message),
  )
})

test('share groups: %d, print.delivery and the JSONL deliveryCount show the delivery count; absent elsewhere', () => {
  const shared = rec({deliveryCount: 2})
  assert.equal(render(buildFormatter({format: '%o:%d\n'}), shared).toString(), '41:2\n')
  assert.equal(render(buildFormatter({format: '%o:%d\n'}), rec()).toString(), '41:\n')
  assert.equal(
    render(buildFormatter({properties: {'print.offset': 'true', 'print.delivery': 'true'}}), shared).toString(),
    'Offset:41\tDelivery:2\tv\n',
  )
  assert.equal(JSON.parse(render(buildFormatter({output: 'jsonl'}), shared).toString()).deliveryCount, 2)
  assert.equal('deliveryCount' in JSON.parse(render(buildFormatter({output: 'jsonl'}), rec()).toString()), false)
})
