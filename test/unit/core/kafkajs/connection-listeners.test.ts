import {kafkajs} from '../../../../src/core/kafkajs/load.js'
import assert from 'node:assert/strict'
import {createRequire} from 'node:module'
import {createServer} from 'node:net'
import {test} from 'node:test'

const require = createRequire(import.meta.url)

/** A port nothing listens on: connecting is refused at once, as when a broker was just killed. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as {port: number}
  await new Promise((resolve) => server.close(resolve))
  return port
}

test("a connection to a dead broker, disconnected again and again, piles no 'connect' listeners on its socket", async () => {
  kafkajs() // loads kafkajs with kfk's patches
  const Connection = require('kafkajs/src/network/connection')
  const {createLogger, LEVELS} = require('kafkajs/src/loggers')
  const socketFactory = require('kafkajs/src/network/socketFactory')()
  const warnings: string[] = []
  const onWarning = (w: Error) => warnings.push(w.name)
  process.on('warning', onWarning)
  try {
    const connection = new Connection({
      host: '127.0.0.1',
      port: await closedPort(),
      logger: createLogger({level: LEVELS.NOTHING, logCreator: () => () => {}}),
      socketFactory,
      connectionTimeout: 1000,
    })
    await assert.rejects(connection.connect(), /ECONNREFUSED/)
    const before = connection.socket.listenerCount('connect')
    // What a consumer's retry loop does while the broker stays down: forget the connection each round.
    for (let i = 0; i < 20; i++) await connection.disconnect()
    // Node's Socket#unref on a socket without a handle waits for 'connect' with one more listener each call.
    assert.equal(connection.socket.listenerCount('connect'), before)
    await new Promise((resolve) => setImmediate(resolve))
    assert.deepEqual(warnings, [])
  } finally {
    process.off('warning', onWarning)
  }
})
