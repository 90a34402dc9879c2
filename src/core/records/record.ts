/** One Kafka record as kfk moves it around: raw bytes, never decoded text. */
export interface KRecord {
  topic: string
  partition: number
  offset: string
  /** Epoch milliseconds, as a decimal string (Kafka's INT64). */
  timestamp: string
  key: Buffer | null
  value: Buffer | null
  /** In record order; a key may repeat, a value may be null. */
  headers: Array<[string, Buffer | null]>
}

/** What the producer sends: partition and timestamp are optional. */
export interface OutRecord {
  key: Buffer | null
  value: Buffer | null
  headers: Array<[string, Buffer | null]>
  partition?: number
  timestamp?: string
  /** Input line number, to name a record in errors. */
  line: number
}

const NO_HEADERS: Array<[string, Buffer | null]> = []
/** Headers in record order, from the `headerList` kfk's patched kafkajs decoder keeps (see core/kafkajs/adapter.ts). */
export function headerPairs(list: Array<{key: string; value: Buffer | null}> | undefined): Array<[string, Buffer | null]> {
  if (!list || list.length === 0) return NO_HEADERS
  return list.map((h) => [h.key, h.value])
}
