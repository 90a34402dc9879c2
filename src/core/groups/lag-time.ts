/**
 * How far behind in time a group is: for each partition with lag, the age of
 * the next record it has to consume (now minus that record's timestamp); 0
 * for a partition with nothing to consume. One Fetch per leader broker, of the
 * first batch at each position, without joining the group.
 */
import type {RawCluster} from '../kafkajs/types.js'
import type {TopicLayout} from '../partitions/partitions.js'
import {fetchRaw} from '../protocol/fetch.js'
import {decodeBatches} from '../records/batch-decode.js'
import {tpKey, type TopicPartition} from '../topic-partition.js'
import type {GroupOffsets} from './model.js'

export interface Position extends TopicPartition {
  /** The group's next offset there (null: nothing committed). */
  offset: number | null
  lag: number | null
}

/** "topic:partition" -> ms behind (null where it could not be read); `now` for tests. */
export async function lagTimes(
  cluster: RawCluster,
  layout: TopicLayout,
  positions: readonly Position[],
  now = Date.now(),
): Promise<Map<string, number | null>> {
  const out = new Map<string, number | null>()
  const byLeader = new Map<number, Array<Position & {offset: number}>>()
  for (const p of positions) {
    if (p.lag === 0) out.set(tpKey(p), 0)
    if (p.offset === null || p.lag === null || p.lag === 0) continue
    const leader = layout.get(p.topic)?.find((x) => x.partition === p.partition)?.leader
    if (leader === null || leader === undefined) continue
    byLeader.set(leader, [...(byLeader.get(leader) ?? []), {...p, offset: p.offset}])
  }
  await Promise.all(
    [...byLeader].map(async ([leader, parts]) => {
      try {
        const answer = await fetchRaw(await cluster.findBroker({nodeId: String(leader)}), {
          maxWaitMs: 0,
          maxBytes: 1 << 20,
          // The broker still returns a whole first batch when it is larger.
          partitionMaxBytes: 16 << 10,
          isolationLevel: 0,
          partitions: parts.map((p) => ({topic: p.topic, partition: p.partition, offset: BigInt(p.offset)})),
        })
        for (const data of answer) {
          const p = parts.find((x) => x.topic === data.topic && x.partition === data.partition)
          if (!p || data.errorCode !== 0 || !data.records) continue
          const {records} = await decodeBatches(data.topic, data.partition, data.records, BigInt(p.offset), [])
          const next = records[0]
          if (next) out.set(tpKey(p), Math.max(0, now - Number(next.timestamp)))
        }
      } catch {
        // A broker that cannot be asked leaves its partitions unknown (null), not the whole describe failed.
      }
    }),
  )
  for (const p of positions) if (!out.has(tpKey(p))) out.set(tpKey(p), null)
  return out
}

/** Fills each partition's lagMs (see lag-time.ts), the total lag and the group's time behind. */
export async function withLagTimes(
  cluster: RawCluster,
  layout: TopicLayout,
  o: Omit<GroupOffsets, 'totalLag' | 'maxLagMs'>,
): Promise<GroupOffsets> {
  const times = await lagTimes(
    cluster,
    layout,
    o.partitions.map((p) => ({topic: p.topic, partition: p.partition, offset: p.currentOffset, lag: p.lag})),
  )
  const partitions = o.partitions.map((p) => ({...p, lagMs: times.get(tpKey(p)) ?? null}))
  const known = partitions.map((p) => p.lagMs).filter((ms): ms is number => ms !== null)
  return {
    ...o,
    partitions,
    totalLag: partitions.reduce((sum, p) => sum + (p.lag ?? 0), 0),
    maxLagMs: known.length > 0 ? Math.max(...known) : null,
  }
}
