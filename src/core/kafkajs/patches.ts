/**
 * kfk's fixes to kafkajs 2.2.4, as exact replacements in its source files.
 * Applied in one of two places: when kafkajs loads from node_modules
 * (load.ts compiles the patched files into the module cache first), and
 * when scripts/bundle.mjs bundles kafkajs into dist/fast. Either way a
 * replacement that no longer matches fails loudly: kafkajs changed.
 */
export const KAFKAJS_PATCHES: Record<string, Array<[from: string, to: string]>> = {
  /**
   * Kafka headers are an ordered list whose keys may repeat and whose values
   * may be null; kafkajs folds them into an object (losing the order of
   * interleaved keys) and cannot encode a null value (Buffer.byteLength(null)).
   * The record encoder also takes an array of {key, value}, and the decoder
   * also returns `headerList` in order.
   */
  'kafkajs/src/protocol/recordBatch/record/v0/index.js': [
    ['const headersArray = Object.keys(headers)', 'const headersArray = Array.isArray(headers) ? headers : Object.keys(headers)'],
    ['const valueSize = Buffer.byteLength(header.value)', 'const valueSize = header.value === null ? 0 : Buffer.byteLength(header.value)'],
  ],
  'kafkajs/src/protocol/recordBatch/record/v0/decoder.js': [
    [
      'const headers = decoder.readVarIntArray(HeaderDecoder).reduce(',
      'const headerList = decoder.readVarIntArray(HeaderDecoder)\n  const headers = headerList.length === 0 ? {} : headerList.reduce(',
    ],
    ['    headers,\n', '    headers,\n    headerList,\n'],
  ],
  /**
   * Every disconnect() ends and unrefs the connection's socket, even one that
   * is already gone: Node's Socket#unref on a socket without a handle (a
   * refused or destroyed one) waits for 'connect' with one more listener each
   * call, so a consumer retrying against a killed broker printed
   * MaxListenersExceededWarning ("11 connect listeners added to [Socket]").
   * A socket is ended and unref'd once; a destroyed one is left alone.
   */
  'kafkajs/src/network/connection.js': [
    [
      '    if (this.socket) {\n      this.socket.end()\n      this.socket.unref()\n    }',
      '    if (this.socket && !this.socket.destroyed && !this.socket.kfkEnded) {\n      this.socket.kfkEnded = true\n      this.socket.end()\n      this.socket.unref()\n    }',
    ],
  ],
  /** kafkajs's producer groups a send's messages by partition with `[...current, message]` per message: quadratic in the batch. */
  'kafkajs/src/producer/groupMessagesPerPartition.js': [
    [
      '    const current = result[partition] || []\n    return Object.assign(result, { [partition]: [...current, message] })',
      '    ;(result[partition] = result[partition] || []).push(message)\n    return result',
    ],
  ],
}

/** `source` of kafkajs file `id` with its patches applied. */
export function patchKafkajsSource(id: string, source: string): string {
  for (const [from, to] of KAFKAJS_PATCHES[id] ?? []) {
    if (!source.includes(from)) throw new Error(`kafkajs internals changed: "${from}" not found in ${id}`)
    source = source.replace(from, to)
  }
  return source
}
