/**
 * The acquired records of one ShareFetch partition, through kfk's batch
 * decoder (the fetch path's). A corrupt batch (bad CRC, bad lengths, a codec
 * that fails) either fails the read, or with `rejectCorrupt` has its acquired
 * offsets rejected (as Java's ShareCompletedFetch does with a corrupt batch,
 * and kafka-console-share-consumer --reject-message-on-error) while the other
 * batches are delivered. Only on failure is the data decoded batch by batch.
 *
 * As in ShareCompletedFetch, every acquired offset with no record is a gap,
 * those past the last record included: a batch cut at the byte limit is read
 * by neither (Java's batch iterator stops before it), and the broker acquires
 * whole batches of what it sends, so a cut batch is never acquired.
 */
import {BATCH_FIELD, HEADER_AFTER_LENGTH, LOG_OVERHEAD} from '../../records/batch-encode.js'
import {decodeBatches} from '../../records/batch-decode.js'
import {CorruptRecordsError} from '../../records/corrupt.js'
import type {KRecord} from '../../records/record.js'
import type {AcquiredRange} from '../../protocol/share-fetch.js'
import {acquiredOffsets, deliverAcquired} from './acks.js'

export interface AcquiredRecords {
  delivered: KRecord[]
  /** Acquired offsets with no record: acknowledged as gaps. */
  gaps: number[]
  /** Acquired offsets inside corrupt batches (with rejectCorrupt). */
  corrupt: number[]
  /** Why those were corrupt, one line per batch. */
  reasons: string[]
}

export async function decodeAcquired(
  topic: string,
  partition: number,
  data: Buffer,
  acquired: readonly AcquiredRange[],
  rejectCorrupt: boolean,
): Promise<AcquiredRecords> {
  const first = BigInt(Math.min(...acquired.map((r) => r.firstOffset)))
  try {
    const {records} = await decodeBatches(topic, partition, data, first, [])
    return {...deliverAcquired(records, acquired), corrupt: [], reasons: []}
  } catch (error) {
    if (!(error instanceof CorruptRecordsError) || !rejectCorrupt) throw error
  }
  const records: KRecord[] = []
  const bad: Array<[number, number]> = []
  const reasons: string[] = []
  let at = 0
  while (at + LOG_OVERHEAD <= data.length) {
    const base = Number(data.readBigInt64BE(at + BATCH_FIELD.baseOffset))
    const length = data.readInt32BE(at + BATCH_FIELD.batchLength)
    const end = at + LOG_OVERHEAD + length
    // A length that cannot be a batch leaves no way to find the next one: the rest is corrupt.
    const readable = length >= HEADER_AFTER_LENGTH && end <= data.length
    if (!readable && length >= HEADER_AFTER_LENGTH && end > data.length) break // a batch cut at the byte limit: read past, as by the fast path
    const last = readable ? base + data.readInt32BE(at + BATCH_FIELD.lastOffsetDelta) : Number.MAX_SAFE_INTEGER
    try {
      if (!readable) throw new CorruptRecordsError(topic, partition, base, `batch length ${length} is not a batch`)
      records.push(...(await decodeBatches(topic, partition, data.subarray(at, end), first, [])).records)
    } catch (error) {
      if (!(error instanceof CorruptRecordsError)) throw error
      bad.push([base, last])
      reasons.push(error.message)
      if (!readable) break
    }
    at = end
  }
  const inBad = (o: number) => bad.some(([a, b]) => o >= a && o <= b)
  const {delivered, gaps} = deliverAcquired(records, acquired)
  return {delivered, gaps: gaps.filter((o) => !inBad(o)), corrupt: acquiredOffsets(acquired).filter(inBad), reasons}
}
