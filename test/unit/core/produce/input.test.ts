import assert from 'node:assert/strict'
import {test} from 'node:test'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {InputError, keySeparatorFinder, LINE_DEFAULTS, LineSplitter, lineParser, readChunks} from '../../../../src/core/produce/input.js'
import {murmur2} from '../../../../src/core/produce/murmur2.js'
import {encodeRecordInto, encodeSpanRecordInto, recordSizeBound} from '../../../../src/core/records/batch-encode.js'

const collect = (chunks: Buffer[], max?: number) => {
  const s = new LineSplitter(max)
  const lines: string[] = []
  for (const c of chunks) s.push(c, (l, n) => lines.push(`${n}:${l.toString()}`))
  s.end((l, n) => lines.push(`${n}:${l.toString()}`))
  return lines
}

test('lines split across chunks, \\r\\n, and a last line without a newline', () => {
  assert.deepEqual(collect([Buffer.from('a\r\nb'), Buffer.from('c'), Buffer.from('d\ne')]), ['1:a', '2:bcd', '3:e'])
})

test('a line over the limit is refused as soon as it passes it, naming its number, without waiting for its end', () => {
  const s = new LineSplitter(1000)
  const lines: string[] = []
  s.push(Buffer.from('ok\n'), (l) => lines.push(l.toString()))
  s.push(Buffer.alloc(600, 'x'), () => {})
  assert.throws(
    () => s.push(Buffer.alloc(600, 'x'), () => {}),
    (e: unknown) => e instanceof InputError && e.line === 2 && /over 1000 bytes/.test(e.message),
  )
  assert.deepEqual(lines, ['ok'])
})

test('with a skip handler (ignore.error), lines over the limit are skipped and counted, in one chunk or spread over many', () => {
  const skipped: number[] = []
  const s = new LineSplitter(10, (n) => skipped.push(n))
  const lines: string[] = []
  const on = (l: Buffer, n: number) => lines.push(`${n}:${l.toString()}`)
  s.push(Buffer.from(`a\n${'x'.repeat(20)}\nb\n${'y'.repeat(8)}`), on)
  s.push(Buffer.from('y'.repeat(8)), on) // line 4 passes the limit while it is still arriving
  s.push(Buffer.from(`yy\nc\n${'z'.repeat(12)}`), on)
  s.end(on)
  assert.deepEqual(lines, ['1:a', '3:b', '5:c'])
  assert.deepEqual(skipped, [2, 4, 6])
})

test('a 64 MB line arriving in 64 KB chunks is joined in linear time', () => {
  const chunk = Buffer.alloc(64 << 10, 'y')
  const s = new LineSplitter()
  let length = 0
  for (let i = 0; i < 1024; i++) s.push(chunk, () => {})
  s.push(Buffer.from('\n'), (l) => (length = l.length))
  assert.equal(length, 64 << 20)
})

test('pushSpans gives the same lines as push, as spans of the chunk or of a joined carried line', () => {
  const chunks = ['a\r\nb', 'c', 'd\ne\r', '\nf'].map((c) => Buffer.from(c))
  const s = new LineSplitter()
  const lines: string[] = []
  const on = (b: Buffer, start: number, end: number, n: number) => lines.push(`${n}:${b.toString('latin1', start, end)}`)
  for (const c of chunks) s.pushSpans(c, on)
  s.endSpans(on)
  assert.deepEqual(lines, ['1:a', '2:bcd', '3:e', '4:f'])
})

test('keySeparatorFinder splits plain text lines exactly as lineParser does, and declines every other kind of line', () => {
  const lines = ['k:v', ':v', 'k:', 'nokey', '', 'k:v:w', `${'long'.repeat(40)}:v`, 'long'.repeat(40)]
  for (const ignoreError of [false, true]) {
    const o = {...LINE_DEFAULTS, parseKey: true, keySeparator: ':', ignoreError}
    const find = keySeparatorFinder(o)!
    const parse = lineParser(o)
    for (const [i, text] of lines.entries()) {
      const buf = Buffer.from(`xx${text}yy`)
      const start = 2
      const end = buf.length - 2
      let want: {key: string | null; value: string} | Error
      let got: {key: string | null; value: string} | Error
      try {
        const r = parse(buf.subarray(start, end), i + 1)!
        want = {key: r.key === null ? null : r.key.toString(), value: r.value!.toString()}
      } catch (error) {
        want = error as Error
      }
      try {
        const sep = find(buf, start, end, i + 1)
        got = {key: sep < 0 ? null : buf.toString('utf8', start, sep), value: buf.toString('utf8', sep < 0 ? start : sep + 1, end)}
      } catch (error) {
        got = error as Error
      }
      if (want instanceof Error) assert.ok(got instanceof InputError && got.message === want.message, `${text}: ${String(got)}`)
      else assert.deepEqual(got, want, text)
    }
  }
  assert.equal(keySeparatorFinder(LINE_DEFAULTS)!(Buffer.from('a\tb'), 0, 3, 1), -1)
  assert.equal(keySeparatorFinder({...LINE_DEFAULTS, parseKey: true, keySeparator: '::'}), undefined)
  assert.equal(keySeparatorFinder({...LINE_DEFAULTS, parseHeaders: true}), undefined)
  assert.equal(keySeparatorFinder({...LINE_DEFAULTS, nullMarker: 'NULL'}), undefined)
  assert.equal(keySeparatorFinder({...LINE_DEFAULTS, headers: [['h', Buffer.from('v')]]}), undefined)
  assert.equal(keySeparatorFinder({...LINE_DEFAULTS, input: 'jsonl'}), undefined)
})

test('a plain text record encodes from spans to the same bytes as from a record, and murmur2 of a span equals that of a copy', () => {
  const src = Buffer.from(`--key-${'k'.repeat(30)}:${'v'.repeat(300)}--`)
  for (const [ks, ke, vs, ve] of [
    [2, 8, 9, 20],
    [-1, -1, 2, 2],
    [2, 2, 3, 40],
    [2, 38, 39, src.length - 2],
    [-1, -1, 2, src.length - 2],
    [-1, -1, 5, 105],
    [3, 250, 251, 337],
  ] as const) {
    for (const [offsetDelta, timestampDelta] of [
      [0, 0],
      [63, 64],
      [5000, -1],
      [2 ** 20, 2 ** 33],
    ]) {
      const r = {key: ks < 0 ? null : src.subarray(ks, ke), value: src.subarray(vs, ve), headers: [], line: 1}
      const a = Buffer.alloc(recordSizeBound(r))
      // At an offset in its ArrayBuffer, as pooled buffers are.
      const b = Buffer.alloc(recordSizeBound(r) + 3).subarray(3)
      const na = encodeRecordInto(a, 0, r, offsetDelta!, timestampDelta!)
      const nb = encodeSpanRecordInto(b, 0, src, ks, ke, vs, ve, offsetDelta!, timestampDelta!)
      assert.equal(nb, na)
      assert.deepEqual(b, a)
    }
    if (ks >= 0) assert.equal(murmur2(src, ks, ke), murmur2(Buffer.from(src.subarray(ks, ke))))
  }
})

test('readChunks reuses two buffers, and lines split from its chunks (long ones across many) come out whole', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kfk-read-'))
  const text = ['short', 'x'.repeat(50), '', 'tail with \r', 'y'.repeat(23), 'last'].join('\n')
  writeFileSync(join(dir, 'in.txt'), text)
  const s = new LineSplitter()
  const lines: string[] = []
  const on = (b: Buffer, start: number, end: number) => lines.push(b.toString('latin1', start, end))
  const buffers = new Set<ArrayBufferLike>()
  for await (const chunk of readChunks(join(dir, 'in.txt'), 7)) {
    buffers.add(chunk.buffer)
    s.pushSpans(chunk, on)
  }
  s.endSpans(on)
  rmSync(dir, {recursive: true})
  assert.deepEqual(
    lines,
    text.split('\n').map((l) => l.replace(/\r$/, '')),
  )
  assert.equal(buffers.size, 2)
})

test('--tombstone: the line (or its key part) is the key, the value null; ignore.error reports each line it passed over', () => {
  const tomb = lineParser({...LINE_DEFAULTS, tombstone: true})
  const r = tomb(Buffer.from('user-1'), 1)!
  assert.deepEqual([r.key?.toString(), r.value], ['user-1', null])
  const keyed = lineParser({...LINE_DEFAULTS, tombstone: true, parseKey: true, keySeparator: ':'})
  assert.deepEqual(keyed(Buffer.from('user-2:old value'), 1)!.key?.toString(), 'user-2')
  assert.equal(keySeparatorFinder({...LINE_DEFAULTS, tombstone: true}), undefined, 'tombstones take the record path')
  const ignored: number[] = []
  const onIgnored = (n: number) => void ignored.push(n)
  const text = lineParser({...LINE_DEFAULTS, parseKey: true, keySeparator: ':', ignoreError: true, nullMarker: '-', onIgnored})
  text(Buffer.from('k:v'), 1)
  text(Buffer.from('no separator'), 2)
  const fast = keySeparatorFinder({...LINE_DEFAULTS, parseKey: true, keySeparator: ':', ignoreError: true, onIgnored})!
  fast(Buffer.from('also none'), 0, 9, 3)
  const jsonl = lineParser({...LINE_DEFAULTS, input: 'jsonl', ignoreError: true, onIgnored})
  assert.equal(jsonl(Buffer.from('{"value": {"base64": "@@@"}}'), 4), null)
  assert.equal(jsonl(Buffer.from(''), 5), null, 'an empty line is not an error')
  assert.deepEqual(ignored, [2, 3, 4])
})
