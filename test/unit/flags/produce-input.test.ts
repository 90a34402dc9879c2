import assert from 'node:assert/strict'
import {test} from 'node:test'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {openProduceInput} from '../../../src/flags/produce.js'

// A fresh buffer per read (fs.createReadStream) cost 100+ ms of page faults and garbage collection
// per 200 MB: `produce --file` must read into readChunks' two reused buffers.
test('produce --file reads 1 MB chunks into two reused buffers, every byte in order', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kfk-input-'))
  const file = join(dir, 'in.txt')
  const text = Buffer.alloc(5 * (1 << 20) + 123)
  for (let i = 0; i < text.length; i++) text[i] = i % 251
  writeFileSync(file, text)
  const {input, interactive} = await openProduceInput(file)
  const buffers = new Set<ArrayBufferLike>()
  const seen: Buffer[] = []
  for await (const chunk of input) {
    buffers.add(chunk.buffer)
    seen.push(Buffer.from(chunk))
  }
  rmSync(dir, {recursive: true})
  assert.equal(interactive, false)
  assert.equal(seen.length, 6)
  assert.ok(Buffer.concat(seen).equals(text))
  assert.equal(buffers.size, 2)
})
