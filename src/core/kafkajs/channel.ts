import {kafkajs} from './load.js'
import type {RawBroker} from './types.js'

/** kafkajs's Connection internals that an ordered request channel needs (src/network/connection.js). */
interface RawConnection {
  clientId: string
  socket?: {write(b: Buffer, callback?: () => void): boolean; cork(): void; uncork(): void; destroy(): void}
  isConnected(): boolean
  nextCorrelationId(): number
  rejectRequests(error: Error): void
  disconnect(): Promise<unknown>
  requestQueue: {
    push(r: {entry: object; expectResponse: boolean; requestTimeout: number; sendRequest: () => void}): void
  }
}

/**
 * A request channel on a broker's main connection whose `send` writes the
 * request to the socket synchronously, in call order. kafkajs's own send
 * awaits before it queues (authentication, encoding), so two pipelined
 * requests can swap places; the produce engine relies on a partition's
 * batches reaching the broker in the order they were sent.
 */
export interface RequestChannel {
  /** False once the connection failed or was closed: open a new channel. */
  readonly usable: boolean
  /** Resolves with the response body (after the correlation id), or null when no response is expected. */
  send(
    apiKey: number,
    apiVersion: number,
    apiName: string,
    body: Buffer[],
    expectResponse: boolean,
    timeoutMs: number,
  ): Promise<Buffer | null>
  /** Drops the connection and fails what is in flight on it (after a request timed out, as the Java client does). */
  abort(reason: Error): Promise<void>
  /** Resolves once everything written so far has left the process (acks=0 sends expect no answer to wait for). */
  flushed(): Promise<void>
}

export async function openRequestChannel(broker: RawBroker): Promise<RequestChannel> {
  // Connects and authenticates connection 0 (the one every non-fetch request uses).
  await (broker as unknown as {connect(): Promise<void>}).connect()
  const connection = (broker.connectionPool as unknown as {pool: RawConnection[]}).pool[0]!
  let aborted = false
  const clientId = Buffer.from(connection.clientId ?? '', 'utf8')
  return {
    get usable() {
      return !aborted && connection.isConnected()
    },
    send(apiKey, apiVersion, apiName, body, expectResponse, timeoutMs) {
      if (aborted || !connection.isConnected() || !connection.socket)
        return Promise.reject(new (kafkajs().KafkaJSConnectionError)('Not connected'))
      const correlationId = connection.nextCorrelationId()
      let size = 0
      for (const part of body) size += part.length
      // Request header v1: size, api key, version, correlation id, client id (INT16 length + bytes); the body's parts follow uncopied.
      const header = Buffer.allocUnsafe(14 + clientId.length)
      header.writeInt32BE(header.length - 4 + size, 0)
      header.writeInt16BE(apiKey, 4)
      header.writeInt16BE(apiVersion, 6)
      header.writeInt32BE(correlationId, 8)
      header.writeInt16BE(clientId.length, 12)
      clientId.copy(header, 14)
      const write = () => {
        const socket = connection.socket!
        socket.cork()
        socket.write(header)
        for (const part of body) socket.write(part)
        socket.uncork()
      }
      return new Promise<Buffer | null>((resolve, reject) => {
        const entry = {
          apiKey,
          apiName,
          apiVersion,
          correlationId,
          resolve: (r: {payload: Buffer | null}) => resolve(expectResponse ? r.payload : null),
          reject,
        }
        connection.requestQueue.push({entry, expectResponse, requestTimeout: timeoutMs, sendRequest: write})
      })
    },
    flushed() {
      const socket = connection.socket
      if (aborted || !socket || !connection.isConnected()) return Promise.resolve()
      // An empty write's callback runs after every earlier write has been handed to the kernel.
      return new Promise<void>((resolve) => socket.write(Buffer.alloc(0), () => resolve()))
    },
    async abort(reason) {
      if (aborted) return
      aborted = true
      connection.rejectRequests(reason)
      connection.socket?.destroy()
      await connection.disconnect().catch(() => {})
    },
  }
}
