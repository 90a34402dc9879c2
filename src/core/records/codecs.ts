import {kafkajs} from '../kafkajs/load.js'
import {createRequire} from 'node:module'

/**
 * Registers the compression codecs kafkajs lacks (it has only gzip):
 * snappy, lz4 and zstd, each from an npm package whose native binary ships in
 * the package itself. Formats are the ones the Java client writes and reads:
 *  - snappy: xerial's framing (SnappyOutputStream); raw snappy is read too;
 *  - lz4: the LZ4 frame format (KafkaLZ4BlockOutputStream, independent blocks);
 *  - zstd: standard zstd frames.
 */
const require = createRequire(import.meta.url)

export const COMPRESSIONS = ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const
export type Compression = (typeof COMPRESSIONS)[number]

interface Codec {
  compress(encoder: {buffer: Buffer}): Promise<Buffer>
  decompress(buffer: Buffer): Promise<Buffer>
}

const XERIAL_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00])
const XERIAL_BLOCK = 32 * 1024

function snappyCodec(): Codec {
  const snappy = require('snappy') as {compressSync(b: Buffer): Buffer; uncompressSync(b: Buffer, o?: {asBuffer: boolean}): Buffer}
  return {
    async compress({buffer}) {
      const parts: Buffer[] = [XERIAL_MAGIC, int32(1), int32(1)]
      for (let i = 0; i < buffer.length; i += XERIAL_BLOCK) {
        const block = snappy.compressSync(buffer.subarray(i, i + XERIAL_BLOCK))
        parts.push(int32(block.length), block)
      }
      return Buffer.concat(parts)
    },
    async decompress(buffer) {
      if (buffer.length < 16 || !buffer.subarray(0, 8).equals(XERIAL_MAGIC)) return snappy.uncompressSync(buffer, {asBuffer: true})
      const parts: Buffer[] = []
      let at = 16
      while (at + 4 <= buffer.length) {
        const size = buffer.readInt32BE(at)
        at += 4
        parts.push(snappy.uncompressSync(buffer.subarray(at, at + size), {asBuffer: true}))
        at += size
      }
      return Buffer.concat(parts)
    },
  }
}

function lz4Codec(): Codec {
  const lz4 = require('lz4-napi') as {compressFrameSync(b: Buffer): Buffer; decompressFrameSync(b: Buffer): Buffer}
  return {
    async compress({buffer}) {
      return lz4.compressFrameSync(buffer)
    },
    async decompress(buffer) {
      return lz4.decompressFrameSync(buffer)
    },
  }
}

function zstdCodec(): Codec {
  const zstd = require('@mongodb-js/zstd') as {compress(b: Buffer, level?: number): Promise<Buffer>; decompress(b: Buffer): Promise<Buffer>}
  return {
    // Level 3: zstd's (and the Java client's) default.
    compress: ({buffer}) => zstd.compress(buffer, 3),
    decompress: (buffer) => zstd.decompress(buffer),
  }
}

function int32(n: number): Buffer {
  const b = Buffer.alloc(4)
  b.writeInt32BE(n)
  return b
}

let registered = false
/** Makes every codec available to kafkajs's producer and fetch decoding; idempotent. */
export function registerCodecs(): void {
  if (registered) return
  const {CompressionCodecs, CompressionTypes} = kafkajs()
  const codecs = CompressionCodecs as unknown as Record<number, () => Codec>
  const once = (make: () => Codec) => {
    let codec: Codec | undefined
    return () => (codec ??= make())
  }
  codecs[CompressionTypes.Snappy] = once(snappyCodec)
  codecs[CompressionTypes.LZ4] = once(lz4Codec)
  codecs[CompressionTypes.ZSTD] = once(zstdCodec)
  registered = true
}

/** kafkajs's compression type number for a name. */
export function compressionType(name: Compression): number {
  const {CompressionTypes} = kafkajs()
  return {
    none: CompressionTypes.None,
    gzip: CompressionTypes.GZIP,
    snappy: CompressionTypes.Snappy,
    lz4: CompressionTypes.LZ4,
    zstd: CompressionTypes.ZSTD,
  }[name]
}

/** Compresses a record batch's records section with Kafka's codec `type` (1 gzip, 2 snappy, 3 lz4, 4 zstd). */
export async function compress(type: number, section: Buffer): Promise<Buffer> {
  registerCodecs()
  const codec = (kafkajs().CompressionCodecs as unknown as Record<number, () => Codec>)[type]!()
  return codec.compress({buffer: section})
}
