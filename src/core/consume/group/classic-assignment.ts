/**
 * The "consumer" protocol type's member metadata, as Java's ConsumerProtocol
 * writes it (ConsumerProtocolSubscription / ConsumerProtocolAssignment, not
 * flexible): an int16 version, then the fields of that version. Java reads a
 * newer version with the fields it knows, so kfk writes version 2 (owned
 * partitions and generation, which the cooperative-sticky assignor needs)
 * and reads any version, ignoring fields added after version 2 (the rack).
 */
export type Owned = Map<string, number[]>

export interface Subscription {
  topics: string[]
  userData: Buffer | null
  ownedPartitions: Owned
  /** -1 when unknown (versions 0 and 1). */
  generationId: number
}

const VERSION = 2

export function encodeSubscription(s: Subscription): Buffer {
  const w = new Writer()
  w.int16(VERSION)
  w.array(s.topics, (t) => w.string(t))
  w.bytes(s.userData)
  writeTopicPartitions(w, s.ownedPartitions)
  w.int32(s.generationId)
  return w.done()
}

export function decodeSubscription(buffer: Buffer): Subscription {
  const r = new Reader(buffer)
  const version = r.int16()
  const topics = r.array(() => r.string())
  const userData = r.bytes()
  const ownedPartitions = version >= 1 ? readTopicPartitions(r) : new Map<string, number[]>()
  const generationId = version >= 2 ? r.int32() : -1
  return {topics, userData, ownedPartitions, generationId}
}

export function encodeAssignment(assigned: Owned): Buffer {
  const w = new Writer()
  w.int16(VERSION)
  writeTopicPartitions(w, assigned)
  w.bytes(null)
  return w.done()
}

/** An empty buffer (what the coordinator sends a member left out of the assignment) is no partitions. */
export function decodeAssignment(buffer: Buffer): Owned {
  if (buffer.length < 2) return new Map()
  const r = new Reader(buffer)
  r.int16()
  return readTopicPartitions(r)
}

function writeTopicPartitions(w: Writer, tps: Owned): void {
  w.array([...tps], ([topic, partitions]) => {
    w.string(topic)
    w.array(partitions, (p) => w.int32(p))
  })
}

function readTopicPartitions(r: Reader): Owned {
  const out: Owned = new Map()
  for (const [topic, partitions] of r.array(() => [r.string(), r.array(() => r.int32())] as const)) out.set(topic, partitions)
  return out
}

class Writer {
  private readonly parts: Buffer[] = []
  int16(v: number): void {
    const b = Buffer.alloc(2)
    b.writeInt16BE(v)
    this.parts.push(b)
  }
  int32(v: number): void {
    const b = Buffer.alloc(4)
    b.writeInt32BE(v)
    this.parts.push(b)
  }
  string(v: string): void {
    const s = Buffer.from(v, 'utf8')
    this.int16(s.length)
    this.parts.push(s)
  }
  bytes(v: Buffer | null): void {
    this.int32(v === null ? -1 : v.length)
    if (v) this.parts.push(v)
  }
  array<T>(items: T[], write: (item: T) => void): void {
    this.int32(items.length)
    for (const item of items) write(item)
  }
  done(): Buffer {
    return Buffer.concat(this.parts)
  }
}

/** Reads what another member wrote: every length is checked against the bytes present. */
class Reader {
  private offset = 0
  constructor(private readonly buffer: Buffer) {}
  private need(n: number): void {
    if (n < 0 || this.offset + n > this.buffer.length)
      throw new Error(`malformed consumer protocol metadata (${n} bytes wanted at ${this.offset} of ${this.buffer.length})`)
  }
  int16(): number {
    this.need(2)
    const v = this.buffer.readInt16BE(this.offset)
    this.offset += 2
    return v
  }
  int32(): number {
    this.need(4)
    const v = this.buffer.readInt32BE(this.offset)
    this.offset += 4
    return v
  }
  string(): string {
    const n = this.int16()
    this.need(n)
    const v = this.buffer.toString('utf8', this.offset, this.offset + n)
    this.offset += n
    return v
  }
  bytes(): Buffer | null {
    const n = this.int32()
    if (n === -1) return null
    this.need(n)
    const v = this.buffer.subarray(this.offset, this.offset + n)
    this.offset += n
    return v
  }
  array<T>(read: () => T): T[] {
    const n = this.int32()
    if (n <= 0) return []
    // Every element takes at least 2 bytes: a hostile count cannot allocate more than the buffer holds.
    if (n > this.buffer.length - this.offset)
      throw new Error(`malformed consumer protocol metadata (array of ${n} in ${this.buffer.length - this.offset} bytes)`)
    const out: T[] = []
    for (let i = 0; i < n; i++) out.push(read())
    return out
  }
}
