import assert from 'node:assert/strict'
import {test} from 'node:test'
import {InputError, LineSplitter} from '../../../../src/core/produce/input.js'

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

test('a 64 MB line arriving in 64 KB chunks is joined in linear time', () => {
  const chunk = Buffer.alloc(64 << 10, 'y')
  const s = new LineSplitter()
  let length = 0
  for (let i = 0; i < 1024; i++) s.push(chunk, () => {})
  s.push(Buffer.from('\n'), (l) => (length = l.length))
  assert.equal(length, 64 << 20)
})
