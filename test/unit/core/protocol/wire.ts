/**
 * Test support for the protocol room (not a test file itself): a stand-in for
 * kafkajs's Broker that does what kafkajs's connection does with a
 * ProtocolRequest (frame it with src/protocol/request.js, then decode and parse
 * the answer), so each module is driven through its own exported function with
 * no broker. Fixtures are hex strings written by hand from Kafka's message
 * schemas (clients/src/main/resources/common/message/*.json).
 */
import type {ProtocolRequest, BrokerConnection} from '../../../../src/core/kafkajs/types.js'
import {createRequire} from 'node:module'

const require = createRequire(import.meta.url)
const frameRequest = require('kafkajs/src/protocol/request') as (args: {
  correlationId: number
  clientId: string
  request: ProtocolRequest<unknown>['request']
}) => Promise<{buffer: Buffer}>

/** Bytes from hex parts; spaces and newlines inside a part are ignored. */
export function hex(...parts: string[]): Buffer {
  return Buffer.from(parts.join('').replace(/\s+/g, ''), 'hex')
}

/** A whole request frame: INT32 size, then the header and body parts given. */
export function frame(...parts: string[]): Buffer {
  const rest = hex(...parts)
  const size = Buffer.alloc(4)
  size.writeInt32BE(rest.length)
  return Buffer.concat([size, rest])
}

/** "kfk" as a classic INT16 string: the client id the fake broker frames requests with. */
export const CLIENT_ID = '0003 6b666b'

export interface SentRequest {
  apiKey: number
  apiVersion: number
  /** The whole frame as kafkajs writes it to the socket (size, header, body). */
  frame: Buffer
}

/**
 * A broker that supports `apiKey` up to `maxVersion` and answers each request
 * with the next of `responses` (bytes after the correlation id, as kafkajs's
 * connection hands them to response.decode).
 */
export function fakeBroker(apiKey: number, maxVersion: number, responses: Buffer[]): {broker: BrokerConnection; sent: SentRequest[]} {
  const sent: SentRequest[] = []
  const queue = [...responses]
  const broker: BrokerConnection = {
    nodeId: 7,
    versions: {[apiKey]: {minVersion: 0, maxVersion}},
    connectionPool: {
      async send<T>(p: ProtocolRequest<T>): Promise<T> {
        const {buffer} = await frameRequest({correlationId: 1, clientId: 'kfk', request: p.request})
        sent.push({apiKey: p.request.apiKey, apiVersion: p.request.apiVersion, frame: buffer})
        const raw = queue.shift()
        if (!raw) throw new Error('fake broker: no response left')
        return p.response.parse(await p.response.decode(raw))
      },
    },
  }
  return {broker, sent}
}

/** The 16 bytes 00 01 .. 0f as a UUID field, and their Kafka text form. */
export const UUID_HEX = '000102030405060708090a0b0c0d0e0f'
export const UUID_TEXT = 'AAECAwQFBgcICQoLDA0ODw'
