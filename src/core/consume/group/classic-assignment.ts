/**
 * The "consumer" protocol type's member metadata, as Java's ConsumerProtocol
 * writes it (ConsumerProtocolSubscription / ConsumerProtocolAssignment, not
 * flexible): an int16 version, then the fields of that version. Java reads a
 * newer version with the fields it knows, so kfk writes version 2 (owned
 * partitions and generation, which the cooperative-sticky assignor needs)
 * and reads any version, ignoring fields added after version 2 (the rack).
 */
import {ByteReader, ByteWriter} from '../../protocol/bytes.js'
import {MalformedBytes} from '../../records/corrupt.js'

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
  const w = new ByteWriter().int16(VERSION)
  w.array(s.topics, (t) => w.string(t))
  w.bytes(s.userData)
  writeTopicPartitions(w, s.ownedPartitions)
  return w.int32(s.generationId).done()
}

export function decodeSubscription(buffer: Buffer): Subscription {
  return decoding(buffer, (r) => {
    const version = r.int16('version')
    // A topic name takes 2 bytes at least.
    const topics = r.nullableArray((r) => r.string('topic'), 'topics', 2) ?? []
    const userData = r.nullableBytes('user_data')
    const ownedPartitions = version >= 1 ? readTopicPartitions(r) : new Map<string, number[]>()
    const generationId = version >= 2 ? r.int32('generation_id') : -1
    return {topics, userData, ownedPartitions, generationId}
  })
}

export function encodeAssignment(assigned: Owned): Buffer {
  const w = new ByteWriter().int16(VERSION)
  writeTopicPartitions(w, assigned)
  return w.bytes(null).done()
}

/** An empty buffer (what the coordinator sends a member left out of the assignment) is no partitions. */
export function decodeAssignment(buffer: Buffer): Owned {
  if (buffer.length < 2) return new Map()
  return decoding(buffer, (r) => {
    r.int16('version')
    return readTopicPartitions(r)
  })
}

function writeTopicPartitions(w: ByteWriter, tps: Owned): void {
  w.array([...tps], ([topic, partitions]) => {
    w.string(topic)
    w.array(partitions, (p) => w.int32(p))
  })
}

/**
 * A null array (-1) reads as empty, as it always has here. The smallest elements (a
 * topic: name and count, 6 bytes; a partition: 4) bound what a hostile count can claim.
 */
function readTopicPartitions(r: ByteReader): Owned {
  const out: Owned = new Map()
  const topics = r.nullableArray(
    (r) => [r.string('topic'), r.nullableArray((r) => r.int32('partition'), 'partitions', 4) ?? []] as const,
    'topics',
    6,
  )
  for (const [topic, partitions] of topics ?? []) out.set(topic, partitions)
  return out
}

/** Another member's bytes: anything that does not hold together is one line naming the field. */
function decoding<T>(buffer: Buffer, read: (r: ByteReader) => T): T {
  try {
    return read(new ByteReader(buffer))
  } catch (error) {
    if (error instanceof MalformedBytes) throw new Error(`malformed consumer protocol metadata: ${error.message}`)
    throw error
  }
}
