import {MalformedBytes} from './corrupt.js'

/**
 * A cursor over a Buffer that never reads past `end`: every length and varint
 * is checked against the bytes present, and a violation throws MalformedBytes
 * (Buffer's own reads would return undefined-as-0 for `buf[i]` or slice short).
 */
export class ByteReader {
  at: number

  constructor(
    readonly buf: Buffer,
    start = 0,
    public end = buf.length,
  ) {
    this.at = start
  }

  get remaining(): number {
    return this.end - this.at
  }

  need(n: number, what: string): void {
    if (n < 0 || this.at + n > this.end) throw new MalformedBytes(`${what} needs ${n} bytes, ${this.end - this.at} left`)
  }

  int8(): number {
    this.need(1, 'int8')
    return this.buf.readInt8(this.at++)
  }

  int16(): number {
    this.need(2, 'int16')
    const v = this.buf.readInt16BE(this.at)
    this.at += 2
    return v
  }

  int32(): number {
    this.need(4, 'int32')
    const v = this.buf.readInt32BE(this.at)
    this.at += 4
    return v
  }

  int64(): bigint {
    this.need(8, 'int64')
    const v = this.buf.readBigInt64BE(this.at)
    this.at += 8
    return v
  }

  /**
   * A zigzag varint or varlong (Kafka records use both), as a Number: exact up
   * to 2^53, which covers offsets, lengths and millisecond timestamps. At most
   * 10 bytes, as Java's ByteUtils.readVarlong, so a run of 0x80 cannot spin.
   */
  varint(): number {
    const buf = this.buf
    let result = 0
    let shift = 1
    for (let i = 0; i < 10; i++) {
      if (this.at >= this.end) throw new MalformedBytes('varint runs past the end')
      const b = buf[this.at++]!
      result += (b & 0x7f) * shift
      if ((b & 0x80) === 0) return result % 2 === 0 ? result / 2 : -(result + 1) / 2
      shift *= 128
    }
    throw new MalformedBytes('varint longer than 10 bytes')
  }

  /** Varint-length bytes as a view (no copy); null for length -1. */
  bytes(what: string): Buffer | null {
    return this.sized(this.varint(), what)
  }

  /** Int32-length bytes (protocol BYTES/RECORDS) as a view; null for -1. */
  int32Bytes(what: string): Buffer | null {
    return this.sized(this.int32(), what)
  }

  /** Int16-length string; null for -1. */
  string(what: string): string | null {
    return this.sized(this.int16(), what)?.toString('utf8') ?? null
  }

  /** The next `n` bytes as a view, after a length prefix: -1 is null, any other negative length is malformed. */
  private sized(n: number, what: string): Buffer | null {
    if (n === -1) return null
    if (n < -1) throw new MalformedBytes(`${what} length ${n}`)
    this.need(n, what)
    const b = this.buf.subarray(this.at, this.at + n)
    this.at += n
    return b
  }

  /** An array count that the remaining bytes can hold at `minSize` bytes an element. */
  count(what: string, minSize: number): number {
    const n = this.int32()
    if (n === -1) return 0
    if (n < 0 || n * minSize > this.remaining) throw new MalformedBytes(`${what} count ${n} does not fit in ${this.remaining} bytes`)
    return n
  }
}
