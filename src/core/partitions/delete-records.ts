import {deleteRecords as deleteRecordsOn} from '../kafkajs/broker-calls.js'
import {readFile} from 'node:fs/promises'
import {KfkError, usageError} from '../../cli/errors.js'
import type {KafkaClient} from '../kafkajs/client.js'
import {resolvePartitions} from './offsets.js'

export interface DeleteRecordsRequest {
  topic: string
  partition: number
  /** Delete every record before this offset; -1 means up to the high watermark (everything). */
  offset: number
}

export interface DeleteRecordsResult extends DeleteRecordsRequest {
  ok: boolean
  /** The partition's new low watermark (first offset still readable). */
  lowWatermark: number | null
  error: string | null
}

/** Reads kafka-delete-records' --offset-json-file: {"partitions":[{"topic","partition","offset"}],"version":1}. */
export async function readOffsetJsonFile(path: string): Promise<DeleteRecordsRequest[]> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw usageError(`cannot read --offset-json-file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
  }
  return parseOffsetJson(text, path)
}

export function parseOffsetJson(text: string, source = 'offset JSON'): DeleteRecordsRequest[] {
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch (error) {
    throw usageError(
      `${source} is not valid JSON (${(error as Error).message})`,
      'Expected {"partitions":[{"topic":"t","partition":0,"offset":10}],"version":1}',
    )
  }
  const partitions = (doc as {partitions?: unknown})?.partitions
  if (!Array.isArray(partitions) || partitions.length === 0)
    throw usageError(`${source} has no "partitions" list`, 'Expected {"partitions":[{"topic":"t","partition":0,"offset":10}],"version":1}')
  return partitions.map((p: {topic?: unknown; partition?: unknown; offset?: unknown} | null, i: number) => {
    if (typeof p?.topic !== 'string' || !Number.isInteger(p?.partition) || !Number.isInteger(Number(p?.offset))) {
      throw usageError(`${source}: partitions[${i}] needs "topic" (string), "partition" and "offset" (integers), got ${JSON.stringify(p)}`)
    }
    return {topic: p!.topic as string, partition: p!.partition as number, offset: Number(p!.offset)}
  })
}

/** DeleteRecords on each partition's leader; one result per partition. */
export async function deleteRecords(client: KafkaClient, requests: readonly DeleteRecordsRequest[]): Promise<DeleteRecordsResult[]> {
  const bad = requests.find((r) => r.offset < -1)
  if (bad)
    throw usageError(`offset ${bad.offset} for ${bad.topic}:${bad.partition} is not valid (use an offset >= 0, or -1 for everything)`)
  const targets = await resolvePartitions(
    client,
    requests.map((r) => ({topic: r.topic, partitions: [r.partition]})),
  )
  const cluster = await client.cluster()
  return Promise.all(
    requests.map(async (r): Promise<DeleteRecordsResult> => {
      const leader = targets.find((t) => t.topic === r.topic && t.partition === r.partition)!.leader
      try {
        const response = await client.run(`delete records of ${r.topic}:${r.partition}`, async () => {
          if (leader < 0) throw new KfkError('the partition has no leader')
          const broker = await cluster.findBroker({nodeId: leader})
          return deleteRecordsOn(broker, {topics: [{topic: r.topic, partitions: [{partition: r.partition, offset: String(r.offset)}]}]})
        })
        const low = response.topics[0]?.partitions[0]?.lowWatermark
        return {...r, ok: true, lowWatermark: low === undefined ? null : Number(low.toString()), error: null}
      } catch (error) {
        const cause = (error as KfkError).cause as {partitions?: Array<{error?: {type?: string; message?: string}}>} | undefined
        const inner = cause?.partitions?.[0]?.error
        return {
          ...r,
          ok: false,
          lowWatermark: null,
          error: inner ? `${inner.type ?? ''} ${inner.message ?? ''}`.trim() : (error as Error).message,
        }
      }
    }),
  )
}
