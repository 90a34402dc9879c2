/**
 * DescribeTopicPartitions — API key 75 (KIP-966). Version 0, flexible.
 * What kafka-topics.sh --describe uses on Kafka 3.8+ for the partition facts
 * Metadata lacks: the eligible leader replicas (ELR) and the last known ELR.
 *
 * Request:  topics [name COMPACT_STRING], response_partition_limit INT32,
 *           cursor NULLABLE STRUCT (INT8 -1 = null) {topic_name, partition_index INT32}
 * Response: throttle_time_ms INT32,
 *           topics [error_code INT16, name COMPACT_NULLABLE_STRING, topic_id UUID, is_internal BOOLEAN,
 *                   partitions [error_code INT16, partition_index INT32, leader_id INT32, leader_epoch INT32,
 *                               replica_nodes [INT32], isr_nodes [INT32],
 *                               eligible_leader_replicas COMPACT_NULLABLE [INT32], last_known_elr COMPACT_NULLABLE [INT32],
 *                               offline_replicas [INT32]],
 *                   topic_authorized_operations INT32],
 *           next_cursor NULLABLE STRUCT {topic_name, partition_index}
 * Large answers are paged with the cursor; describeTopicPartitions follows it.
 */
import {sendVersioned} from '../kafkajs/versions.js'
import type {BrokerConnection} from '../kafkajs/types.js'
import {defineRequest, type Reader} from './compact.js'
import type {ByteReader} from './bytes.js'

export const DESCRIBE_TOPIC_PARTITIONS_API_KEY = 75
const PARTITION_LIMIT = 2000

export interface PartitionElr {
  topic: string
  partition: number
  /** null where the cluster does not track ELR (the feature is off). */
  elr: number[] | null
  lastKnownElr: number[] | null
}

interface Cursor {
  topic: string
  partition: number
}

const int32s = (r: Reader) => (d: ByteReader) => r.array(d, (x) => x.int32())
/** A compact nullable array of INT32 (4 bytes an element, so a hostile count fails before any read). */
const nullableInt32s = (d: ByteReader): number[] | null => d.compactNullableArray((d) => d.int32(), 'replica ids', 4)

function protocol(topics: readonly string[], cursor: Cursor | null) {
  return defineRequest<{partitions: PartitionElr[]; next: Cursor | null}>({
    apiKey: DESCRIBE_TOPIC_PARTITIONS_API_KEY,
    apiName: 'DescribeTopicPartitions',
    version: 0,
    flexible: true,
    encode: (e, w) => {
      w.array(e, topics, (e, name) => {
        w.string(e, name)
        w.tags(e)
      })
      e.writeInt32(PARTITION_LIMIT)
      if (cursor === null) e.writeInt8(-1)
      else {
        e.writeInt8(1)
        w.string(e, cursor.topic)
        e.writeInt32(cursor.partition)
        w.tags(e)
      }
      w.tags(e)
    },
    decode: (d, r) => {
      const throttleTimeMs = d.int32()
      const partitions: PartitionElr[] = []
      r.array(d, (t) => {
        t.int16() // topic errors are Metadata's to report
        const topic = r.nullableString(t) ?? ''
        t.uuid()
        t.boolean()
        r.array(t, (p) => {
          p.int16()
          const partition = p.int32()
          p.int32() // leader
          p.int32() // leader epoch
          int32s(r)(p) // replicas
          int32s(r)(p) // isr
          const elr = nullableInt32s(p)
          const lastKnownElr = nullableInt32s(p)
          int32s(r)(p) // offline
          r.tags(p)
          partitions.push({topic, partition, elr, lastKnownElr})
        })
        t.int32() // authorized operations
        r.tags(t)
      })
      let next: Cursor | null = null
      if (d.int8() !== -1) {
        next = {topic: r.string(d), partition: d.int32()}
        r.tags(d)
      }
      r.tags(d)
      return {throttleTimeMs, result: {partitions, next}}
    },
  })
}

/** ELR and last known ELR of every partition of `topics` (an empty list: every topic), following the response cursor. */
export async function describeTopicPartitions(broker: BrokerConnection, topics: readonly string[]): Promise<PartitionElr[]> {
  const out: PartitionElr[] = []
  let cursor: Cursor | null = null
  do {
    const page: {partitions: PartitionElr[]; next: Cursor | null} = await sendVersioned(broker, DESCRIBE_TOPIC_PARTITIONS_API_KEY, {
      versions: [0],
      protocol: () => protocol(topics, cursor),
    })
    out.push(...page.partitions)
    cursor = page.next
  } while (cursor !== null)
  return out
}
