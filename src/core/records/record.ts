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
  /** Read through a share group: how many times the broker has handed this record out (1 the first time). */
  deliveryCount?: number
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
