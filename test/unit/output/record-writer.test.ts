import assert from 'node:assert/strict'
import {Writable} from 'node:stream'
import {test} from 'node:test'
import {KfkError} from '../../../src/cli/errors.js'
import {jsonlFormatter} from '../../../src/output/format.js'
import {OutputClosedError, RecordWriter} from '../../../src/output/record-writer.js'
import type {KRecord} from '../../../src/core/records/record.js'

const record = (i: number): KRecord => ({
  topic: 't',
  partition: 0,
  offset: String(i),
  timestamp: '0',
  key: null,
  value: Buffer.from(`v${i}`),
  headers: [],
})

/** A stream that takes `okWrites` writes, then fails every write with `code`. */
function failingStream(code: string, okWrites: number): {stream: Writable; got: Buffer[]} {
  const got: Buffer[] = []
  let n = 0
  const stream = new Writable({
    highWaterMark: 1,
    write(chunk: Buffer, _enc, cb) {
      if (n++ < okWrites) {
        got.push(chunk)
        return setImmediate(cb)
      }
      setImmediate(() => cb(Object.assign(new Error(`${code}: failed`), {code})))
    },
  })
  return {stream, got}
}

test('a flushed write resolves once the stream has taken the bytes', async () => {
  const {stream, got} = failingStream('ENOSPC', 10)
  const w = new RecordWriter(jsonlFormatter, stream)
  await w.write([record(1), record(2)], true)
  assert.equal(Buffer.concat(got).toString().split('\n').length, 3)
  await w.flushed()
})

test('ENOSPC: the failing write rejects with one KfkError line, and so does every later write', async () => {
  const {stream} = failingStream('ENOSPC', 1)
  let closed = 0
  const w = new RecordWriter(jsonlFormatter, stream, () => closed++)
  await w.write([record(1)])
  await assert.rejects(
    Promise.resolve(w.write([record(2)])),
    (e) => e instanceof KfkError && /^cannot write to stdout: ENOSPC/.test(e.message),
  )
  await assert.rejects(Promise.resolve(w.write([record(3)], true)), KfkError)
  await assert.rejects(w.end(), KfkError)
  assert.equal(closed, 1)
})

test('EPIPE: a quiet stop for plain writes, a rejection for writes that promised delivery', async () => {
  const {stream} = failingStream('EPIPE', 0)
  let closed = 0
  const w = new RecordWriter(jsonlFormatter, stream, () => closed++)
  await assert.rejects(Promise.resolve(w.write([record(1)], true)), OutputClosedError)
  assert.equal(closed, 1)
  assert.equal(await w.write([record(2)]), undefined)
  await assert.rejects(w.flushed(), OutputClosedError)
  await w.end()
})
