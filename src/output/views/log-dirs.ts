import type {BrokerLogDirs} from '../../core/brokers/log-dirs.js'
import {humanBytes} from '../bytes.js'

type Size = (bytes: string) => string
/** Human sizes on a terminal; exact bytes in a pipe, for sort and awk. */
export const sizeFormat = (human: boolean): Size => (human ? humanBytes : (b) => b)
const bySizeDesc = (a: {size: bigint}, b: {size: bigint}) => (a.size < b.size ? 1 : a.size > b.size ? -1 : 0)

export const DIRS_HEAD = ['broker', 'log dir', 'size', 'replicas', 'volume size', 'volume free', 'error']

/** One row a broker's log dir (a broker that could not be asked: one row with its error). */
export function dirRows(brokers: readonly BrokerLogDirs[], size: Size): string[][] {
  return brokers.flatMap((b) =>
    b.error
      ? [[String(b.broker), '', '', '', '', '', b.error]]
      : b.logDirs.map((d) => [
          String(b.broker),
          d.logDir,
          size(String(d.size)),
          String(d.replicas.length),
          d.totalBytes === null ? '' : size(String(d.totalBytes)),
          d.usableBytes === null ? '' : size(String(d.usableBytes)),
          d.error ?? '',
        ]),
  )
}

export const TOPICS_HEAD = ['topic', 'size', 'replicas', 'biggest partition']

/** Topics by the bytes all their replicas take, biggest first. */
export function topicRows(brokers: readonly BrokerLogDirs[], size: Size): string[][] {
  const topics = new Map<string, {size: bigint; replicas: number; partitions: Map<number, bigint>}>()
  for (const r of replicas(brokers)) {
    const t = topics.get(r.topic) ?? {size: 0n, replicas: 0, partitions: new Map()}
    t.size += r.size
    t.replicas++
    t.partitions.set(r.partition, (t.partitions.get(r.partition) ?? 0n) + r.size)
    topics.set(r.topic, t)
  }
  return [...topics]
    .map(([topic, t]) => ({topic, ...t}))
    .sort((a, b) => bySizeDesc(a, b) || a.topic.localeCompare(b.topic))
    .map((t) => {
      const [partition, bytes] = [...t.partitions].sort(([pa, a], [pb, b]) => (a < b ? 1 : a > b ? -1 : pa - pb))[0]!
      return [t.topic, size(t.size.toString()), String(t.replicas), `${partition} (${size(bytes.toString())})`]
    })
}

export const REPLICAS_HEAD = ['topic', 'partition', 'broker', 'log dir', 'size', 'offset lag', 'future']

/** Every replica, biggest first. */
export function replicaRows(brokers: readonly BrokerLogDirs[], size: Size): string[][] {
  return replicas(brokers)
    .sort((a, b) => bySizeDesc(a, b) || a.topic.localeCompare(b.topic) || a.partition - b.partition || a.broker - b.broker)
    .map((r) => [
      r.topic,
      String(r.partition),
      String(r.broker),
      r.logDir,
      size(r.size.toString()),
      String(r.offsetLag),
      r.isFuture ? 'yes' : '',
    ])
}

function replicas(brokers: readonly BrokerLogDirs[]) {
  return brokers.flatMap((b) =>
    b.logDirs.flatMap((d) => d.replicas.map((r) => ({...r, broker: b.broker, logDir: d.logDir, size: BigInt(r.size)}))),
  )
}
