/**
 * Kafka's wire types (https://kafka.apache.org/protocol#protocol_types): the
 * one reader every decode in kfk goes through (protocol responses, record
 * batches, the consumer protocol's member metadata), and a writer for the bytes
 * kfk writes by hand outside a request.
 *
 * Nothing read is trusted: every fixed-size read, length and count is checked
 * against the bytes present, and a violation throws MalformedBytes naming what
 * was being read and where ("truncated int32 at byte 57: needs 4 bytes, 2 left"),
 * never a RangeError or zeros from past the end. Callers add the context: the
 * API (defineRequest, as CorruptResponseError) or the topic, partition and
 * offset (the batch decoder, as CorruptRecordsError).
 *
 * Nullable types return null for Kafka's null (-1, or 0 in compact encodings);
 * the other variants refuse a null, as Java's generated readers do.
 */
import {MalformedBytes} from '../records/corrupt.js'

export class ByteReader {
  at: number

  constructor(
    readonly buf: Buffer,
    start = 0,
    /** Reads stop here; the batch decoder narrows it to one record at a time. */
    public end = buf.length,
  ) {
    this.at = start
  }

  get remaining(): number {
    return this.end - this.at
  }

  need(n: number, what: string): void {
    if (n < 0 || this.at + n > this.end) throw this.short(n, what)
  }

  skip(n: number, what = 'bytes'): void {
    this.need(n, what)
    this.at += n
  }

  int8(what = 'int8'): number {
    this.need(1, what)
    return this.buf.readInt8(this.at++)
  }

  int16(what = 'int16'): number {
    this.need(2, what)
    const v = this.buf.readInt16BE(this.at)
    this.at += 2
    return v
  }

  int32(what = 'int32'): number {
    this.need(4, what)
    const v = this.buf.readInt32BE(this.at)
    this.at += 4
    return v
  }

  int64(what = 'int64'): bigint {
    this.need(8, what)
    const v = this.buf.readBigInt64BE(this.at)
    this.at += 8
    return v
  }

  /** Any non-zero byte is true, as the protocol guide says. */
  boolean(what = 'boolean'): boolean {
    return this.int8(what) !== 0
  }

  float64(what = 'float64'): number {
    this.need(8, what)
    const v = this.buf.readDoubleBE(this.at)
    this.at += 8
    return v
  }

  /** A UUID (16 bytes) in Kafka's own text form: URL-safe base64 without padding. */
  uuid(what = 'UUID'): string {
    this.need(16, what)
    this.at += 16
    return this.buf.toString('base64url', this.at - 16, this.at)
  }

  /**
   * A zigzag VARINT or VARLONG (records use both), as a Number: exact up to
   * 2^53, which covers offsets, lengths and millisecond timestamps. At most 10
   * bytes, as Java's ByteUtils.readVarlong, so a run of 0x80 cannot spin.
   */
  varint(what = 'varint'): number {
    const buf = this.buf
    let result = 0
    let shift = 1
    for (let i = 0; i < 10; i++) {
      if (this.at >= this.end) throw new MalformedBytes(`truncated ${what} at byte ${this.at}`)
      const b = buf[this.at++]!
      result += (b & 0x7f) * shift
      if ((b & 0x80) === 0) return result % 2 === 0 ? result / 2 : -(result + 1) / 2
      shift *= 128
    }
    throw new MalformedBytes(`${what} longer than 10 bytes at byte ${this.at - 10}`)
  }

  /** UNSIGNED_VARINT: at most 5 bytes, as Java's ByteUtils.readUnsignedVarint; 32 bits, unsigned. */
  uvarint(what = 'unsigned varint'): number {
    const buf = this.buf
    let result = 0
    for (let shift = 0; shift < 35; shift += 7) {
      if (this.at >= this.end) throw new MalformedBytes(`truncated ${what} at byte ${this.at}`)
      const b = buf[this.at++]!
      result |= (b & 0x7f) << shift
      if ((b & 0x80) === 0) return result >>> 0
    }
    throw new MalformedBytes(`${what} longer than 5 bytes at byte ${this.at - 5}`)
  }

  /** STRING: INT16 length, UTF-8. */
  string(what = 'string'): string {
    return notNull(this.nullableString(what), what)
  }

  /** NULLABLE_STRING: INT16 length, -1 for null. */
  nullableString(what = 'string'): string | null {
    return this.text(this.int16(what), what)
  }

  /** COMPACT_STRING: length+1 as UNSIGNED_VARINT. */
  compactString(what = 'string'): string {
    return notNull(this.compactNullableString(what), what)
  }

  /** COMPACT_NULLABLE_STRING: length+1 as UNSIGNED_VARINT, 0 for null. */
  compactNullableString(what = 'string'): string | null {
    return this.text(this.uvarint(what) - 1, what)
  }

  /** BYTES: INT32 length; a view into the buffer (no copy), as every bytes read is. */
  bytes(what = 'bytes'): Buffer {
    return notNull(this.nullableBytes(what), what)
  }

  /** NULLABLE_BYTES (and RECORDS): INT32 length, -1 for null. */
  nullableBytes(what = 'bytes'): Buffer | null {
    return this.sized(this.int32(what), what)
  }

  /** COMPACT_BYTES: length+1 as UNSIGNED_VARINT. */
  compactBytes(what = 'bytes'): Buffer {
    return notNull(this.compactNullableBytes(what), what)
  }

  /** COMPACT_NULLABLE_BYTES (and COMPACT_RECORDS): length+1 as UNSIGNED_VARINT, 0 for null. */
  compactNullableBytes(what = 'bytes'): Buffer | null {
    return this.sized(this.uvarint(what) - 1, what)
  }

  /** A record's key, value or header: zigzag VARINT length, -1 for null. */
  varintBytes(what = 'bytes'): Buffer | null {
    return this.sized(this.varint(what), what)
  }

  /**
   * An ARRAY's INT32 count, -1 for null, checked to fit in the remaining bytes
   * at `minSize` bytes an element (no element is empty, so 1 at least): a
   * hostile count fails here instead of allocating or looping on nothing.
   */
  count(what = 'array', minSize = 1): number {
    return this.fits(this.int32(what), what, minSize)
  }

  /** A COMPACT_ARRAY's count (UNSIGNED_VARINT count+1), -1 for null, checked as count() is. */
  compactCount(what = 'array', minSize = 1): number {
    return this.fits(this.uvarint(what) - 1, what, minSize)
  }

  array<T>(read: (r: ByteReader) => T, what = 'array', minSize = 1): T[] {
    return notNull(this.nullableArray(read, what, minSize), what)
  }

  nullableArray<T>(read: (r: ByteReader) => T, what = 'array', minSize = 1): T[] | null {
    return this.elements(this.count(what, minSize), read)
  }

  compactArray<T>(read: (r: ByteReader) => T, what = 'array', minSize = 1): T[] {
    return notNull(this.compactNullableArray(read, what, minSize), what)
  }

  compactNullableArray<T>(read: (r: ByteReader) => T, what = 'array', minSize = 1): T[] | null {
    return this.elements(this.compactCount(what, minSize), read)
  }

  /** Skips a tagged-field section: count, then per field its tag, its size (plain, not +1) and that many bytes. */
  tags(what = 'tagged fields'): void {
    const count = this.uvarint(what)
    for (let i = 0; i < count; i++) {
      this.uvarint(what)
      this.skip(this.uvarint(what), what)
    }
  }

  /**
   * A tagged-field section whose fields `read` may decode: it gets each tag with
   * reads bounded by that field's size; whatever it leaves unread (an unknown
   * tag: all of it) is skipped.
   */
  taggedFields(read: (tag: number, r: ByteReader) => void, what = 'tagged fields'): void {
    const count = this.uvarint(what)
    for (let i = 0; i < count; i++) {
      const tag = this.uvarint(what)
      const size = this.uvarint(what)
      this.need(size, `${what} (tag ${tag})`)
      const fieldEnd = this.at + size
      const outer = this.end
      this.end = fieldEnd
      try {
        read(tag, this)
      } finally {
        this.end = outer
      }
      this.at = fieldEnd
    }
  }

  private short(n: number, what: string): MalformedBytes {
    if (n < 0) return new MalformedBytes(`${what} length ${n}`)
    return new MalformedBytes(`truncated ${what} at byte ${this.at}: needs ${n} bytes, ${this.end - this.at} left`)
  }

  /** The next `n` bytes as a view, after a length prefix: -1 is null, any other negative length is malformed. */
  private sized(n: number, what: string): Buffer | null {
    if (n === -1) return null
    this.need(n, what)
    this.at += n
    return this.buf.subarray(this.at - n, this.at)
  }

  private text(n: number, what: string): string | null {
    if (n === -1) return null
    this.need(n, what)
    this.at += n
    return this.buf.toString('utf8', this.at - n, this.at)
  }

  private fits(n: number, what: string, minSize: number): number {
    if (n === -1) return -1
    if (n < 0 || n * minSize > this.end - this.at)
      throw new MalformedBytes(`${what} count ${n} does not fit in ${this.end - this.at} bytes`)
    return n
  }

  private elements<T>(n: number, read: (r: ByteReader) => T): T[] | null {
    if (n === -1) return null
    const out: T[] = []
    for (let i = 0; i < n; i++) out.push(read(this))
    return out
  }
}

function notNull<T>(v: T | null, what: string): T {
  if (v === null) throw new MalformedBytes(`null ${what}`)
  return v
}

/** Writes Kafka's wire types into one growing buffer (what a request's encoder is for kafkajs). */
export class ByteWriter {
  private buf = Buffer.allocUnsafe(64)
  private at = 0

  int8(v: number): this {
    this.room(1)
    this.at = this.buf.writeInt8(v, this.at)
    return this
  }

  int16(v: number): this {
    this.room(2)
    this.at = this.buf.writeInt16BE(v, this.at)
    return this
  }

  int32(v: number): this {
    this.room(4)
    this.at = this.buf.writeInt32BE(v, this.at)
    return this
  }

  int64(v: bigint): this {
    this.room(8)
    this.at = this.buf.writeBigInt64BE(v, this.at)
    return this
  }

  /** STRING, or NULLABLE_STRING's -1 for null: INT16 length, UTF-8. */
  string(v: string | null): this {
    if (v === null) return this.int16(-1)
    const n = Buffer.byteLength(v, 'utf8')
    this.int16(n).room(n)
    this.at += this.buf.write(v, this.at, 'utf8')
    return this
  }

  /** BYTES, or NULLABLE_BYTES' -1 for null: INT32 length. */
  bytes(v: Buffer | null): this {
    if (v === null) return this.int32(-1)
    this.int32(v.length).room(v.length)
    this.at += v.copy(this.buf, this.at)
    return this
  }

  /** ARRAY: INT32 count, then each item. */
  array<T>(items: readonly T[], write: (item: T) => void): this {
    this.int32(items.length)
    for (const item of items) write(item)
    return this
  }

  /** The bytes written, as a Buffer of their own. */
  done(): Buffer {
    return Buffer.from(this.buf.subarray(0, this.at))
  }

  private room(n: number): this {
    if (this.at + n > this.buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.at + n))
      this.buf.copy(bigger, 0, 0, this.at)
      this.buf = bigger
    }
    return this
  }
}
