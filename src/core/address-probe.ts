import {connect} from 'node:net'

/**
 * What listens at a bootstrap address, asked only when kafkajs is slow to
 * connect: one plaintext ApiVersions v0 request, and a look at the first
 * bytes back. An HTTP server answers "HTTP/1.1 400" (kafkajs would read that
 * as a 1.2 GB response size and wait for the timeout); a closed port refuses
 * at once (kafkajs would retry for seconds). Anything else is left to kafkajs.
 */
export type ProbeResult = 'http' | 'refused' | 'other'

/**
 * ApiVersions v0, correlation id 0. The client id ends in a blank line: an
 * HTTP server reads up to it and answers 400, a broker takes it as a name.
 */
const API_VERSIONS_V0 = (() => {
  const clientId = Buffer.from('kfk-probe\r\n\r\n')
  const body = Buffer.alloc(10 + clientId.length)
  body.writeInt16BE(18, 0)
  body.writeInt16BE(0, 2)
  body.writeInt32BE(0, 4)
  body.writeInt16BE(clientId.length, 8)
  clientId.copy(body, 10)
  const size = Buffer.alloc(4)
  size.writeInt32BE(body.length)
  return Buffer.concat([size, body])
})()

export function probeAddress(address: string, timeoutMs = 1000): Promise<ProbeResult> {
  const at = address.lastIndexOf(':')
  const host = address.slice(0, at).replace(/^\[(.*)\]$/, '$1')
  const port = Number(address.slice(at + 1))
  return new Promise((resolve) => {
    const socket = connect({host, port})
    let got = Buffer.alloc(0)
    const done = (result: ProbeResult) => {
      clearTimeout(timer)
      socket.destroy()
      resolve(result)
    }
    const timer = setTimeout(() => done('other'), timeoutMs)
    socket.on('connect', () => socket.write(API_VERSIONS_V0))
    socket.on('data', (d: Buffer) => {
      got = Buffer.concat([got, d])
      if (got.length >= 5) done(verdict(got))
    })
    socket.on('error', (error: NodeJS.ErrnoException) => done(error.code === 'ECONNREFUSED' ? 'refused' : 'other'))
    socket.on('close', () => done(verdict(got)))
  })
}

/**
 * A broker's answer starts with its size, a small INT32 (first byte 0). An
 * HTTP server answers "HTTP/1.1 400 ..." or, taking the request for HTTP/0.9,
 * an HTML page.
 */
function verdict(got: Buffer): ProbeResult {
  const start = got.subarray(0, 5).toString('latin1')
  return start === 'HTTP/' || start.startsWith('<') ? 'http' : 'other'
}

/** Probes every address: the one verdict they all share, else 'other'. */
export async function probeAll(addresses: readonly string[], timeoutMs?: number): Promise<ProbeResult> {
  const results = await Promise.all(addresses.map((a) => probeAddress(a, timeoutMs)))
  return results.every((r) => r === results[0]) ? results[0]! : 'other'
}
