import {kafkajs} from '../kafkajs/load.js'
import {promisify} from 'node:util'
import {unzip} from 'node:zlib'
import {MalformedBytes} from './corrupt.js'

/**
 * Decompresses a batch's records section with a ceiling on the output, so a
 * small hostile batch (a "zip bomb") cannot take the heap. gzip stops at the
 * limit inside zlib; snappy, lz4 and zstd are refused up front when their
 * headers declare a larger size, and checked after otherwise (lz4 and zstd
 * frames written by streaming encoders, Java's among them, may omit the size).
 */
const unzipAsync = promisify(unzip)
const NAMES: Record<number, string> = {1: 'gzip', 2: 'snappy', 3: 'lz4', 4: 'zstd'}

export async function decompress(codec: number, section: Buffer, limit: number): Promise<Buffer> {
  const name = NAMES[codec]
  if (!name) throw new MalformedBytes(`unknown compression codec ${codec}`)
  const declared = declaredSize(codec, section)
  if (declared !== undefined && declared > limit) throw tooLarge(name, declared, limit)
  let out: Buffer
  try {
    if (codec === 1) out = await unzipAsync(section, {maxOutputLength: limit})
    else out = await kafkajsCodec(codec).decompress(section)
  } catch (error) {
    if ((error as {code?: string}).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(name, undefined, limit)
    throw new MalformedBytes(`${name} data does not decompress (${(error as Error).message ?? error})`)
  }
  if (out.length > limit) throw tooLarge(name, out.length, limit)
  return out
}

function tooLarge(name: string, size: number | undefined, limit: number): MalformedBytes {
  const what = size === undefined ? `more than ${limit} bytes` : `${size} bytes, over the ${limit}-byte limit`
  return new MalformedBytes(`${name} records decompress to ${what}`)
}

function kafkajsCodec(codec: number): {decompress(b: Buffer): Promise<Buffer>} {
  const make = (kafkajs().CompressionCodecs as unknown as Record<number, (() => {decompress(b: Buffer): Promise<Buffer>}) | undefined>)[
    codec
  ]
  if (!make) throw new MalformedBytes(`compression codec ${codec} is not available`)
  return make()
}

const XERIAL_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00])

/** The decompressed size the compressed bytes declare, where the format says it cheaply. */
export function declaredSize(codec: number, b: Buffer): number | undefined {
  if (codec === 2) {
    if (b.length >= 16 && b.subarray(0, 8).equals(XERIAL_MAGIC)) {
      // xerial framing: int32 block length, then a raw snappy block whose preamble is its size.
      let total = 0
      for (let at = 16; at + 4 <= b.length;) {
        const size = b.readInt32BE(at)
        if (size < 0) throw new MalformedBytes(`snappy block length ${size}`)
        total += snappyPreamble(b, at + 4) ?? 0
        at += 4 + size
      }
      return total
    }
    return snappyPreamble(b, 0)
  }
  if (codec === 3 && b.length >= 15 && b.readUInt32LE(0) === 0x184d2204 && (b[4]! & 0x08) !== 0) return Number(b.readBigUInt64LE(6))
  if (codec === 4 && b.length >= 6 && b.readUInt32LE(0) === 0xfd2fb528) return zstdContentSize(b)
  return undefined
}

/** Raw snappy starts with the uncompressed length as an unsigned varint (at most 5 bytes). */
function snappyPreamble(b: Buffer, at: number): number | undefined {
  let n = 0
  for (let i = 0; i < 5 && at + i < b.length; i++) {
    n += (b[at + i]! & 0x7f) * 2 ** (7 * i)
    if ((b[at + i]! & 0x80) === 0) return n
  }
  return undefined
}

/** A zstd frame header's Frame_Content_Size, when present (RFC 8878 3.1.1.1). */
function zstdContentSize(b: Buffer): number | undefined {
  const fhd = b[4]!
  const fcsFlag = fhd >> 6
  const singleSegment = (fhd & 0x20) !== 0
  const dictSize = [0, 1, 2, 4][fhd & 0x03]!
  const fcsSize = fcsFlag === 0 ? (singleSegment ? 1 : 0) : [0, 2, 4, 8][fcsFlag]!
  if (fcsSize === 0) return undefined
  const at = 5 + (singleSegment ? 0 : 1) + dictSize
  if (at + fcsSize > b.length) return undefined
  if (fcsSize === 1) return b[at]!
  if (fcsSize === 2) return b.readUInt16LE(at) + 256
  if (fcsSize === 4) return b.readUInt32LE(at)
  return Number(b.readBigUInt64LE(at))
}
