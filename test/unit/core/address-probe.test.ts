import assert from 'node:assert/strict'
import {createServer as createHttp} from 'node:http'
import {createServer, type Server} from 'node:net'
import {test} from 'node:test'
import {probeAddress, probeAll} from '../../../src/core/address-probe.js'

const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `127.0.0.1:${(server.address() as {port: number}).port}`
}

test('probe: an HTTP server is http, a closed port refused, a Kafka-like answer other', async () => {
  const http = createHttp((_q, r) => r.end('x'))
  // A broker answers with a 4-byte size first: a small number, first byte 0.
  const kafkaLike = createServer((s) => s.once('data', () => s.end(Buffer.from([0, 0, 0, 6, 0, 0, 0, 0, 0, 0]))))
  const silent = createServer(() => {})
  const [h, k, q] = [await listen(http), await listen(kafkaLike), await listen(silent)]
  const closed = createServer()
  const c = await listen(closed)
  await new Promise((resolve) => closed.close(resolve))
  try {
    assert.equal(await probeAddress(h), 'http')
    assert.equal(await probeAddress(k), 'other')
    assert.equal(await probeAddress(q, 300), 'other', 'no answer within the probe time')
    assert.equal(await probeAddress(c), 'refused')
    assert.equal(await probeAll([c, c]), 'refused')
    assert.equal(await probeAll([c, k]), 'other', 'one live address: kafkajs may still connect')
  } finally {
    for (const s of [http, kafkaLike, silent]) s.close()
  }
})
