/**
 * Who leads each partition a share consumer fetches (as Java's metadata for
 * its share fetches): the cluster's metadata, corrected by the current_leader
 * a ShareFetch answer names when the leader moved. While a partition has no
 * leader (an election under way) the metadata is refreshed with backoff, as
 * Java requests a metadata update, until it has one.
 */
import type {RawCluster} from '../../kafkajs/types.js'
import type {SharePart} from './session.js'

export class ShareLeaders {
  private readonly known = new Map<string, number>()
  private refreshing?: Promise<void>
  private timer?: NodeJS.Timeout
  private attempt = 0
  private stopped = false

  /** `onChange` runs after each refresh: the caller starts loops for the leaders now known. */
  constructor(
    private readonly cluster: RawCluster,
    private readonly onChange: () => void,
  ) {}

  /** The partition's leader, -1 when it has none. */
  of(p: SharePart): number {
    if (!this.known.has(p.key))
      this.known.set(p.key, this.cluster.findTopicPartitionMetadata(p.topic).find((m) => m.partitionId === p.partition)?.leader ?? -1)
    return this.known.get(p.key)!
  }

  /** A ShareFetch answer said the leader moved: to the one it names, or unknown (looked up again). */
  moved(p: SharePart, leaderId: number): void {
    if (leaderId >= 0) this.known.set(p.key, leaderId)
    else this.known.delete(p.key)
  }

  /** Fresh metadata, one refresh at a time. */
  refresh(): Promise<void> {
    this.refreshing ??= this.cluster
      .refreshMetadata()
      .catch(() => {})
      .then(() => {
        this.known.clear()
        this.refreshing = undefined
        if (!this.stopped) this.onChange()
      })
    return this.refreshing
  }

  /** Schedules a refresh (100 ms doubling to 1 s) while any of `parts` has no leader. */
  watch(parts: readonly SharePart[]): void {
    if (this.stopped) return
    if (!parts.some((p) => this.of(p) < 0)) {
      this.attempt = 0
      return
    }
    this.timer ??= setTimeout(
      () => {
        this.timer = undefined
        void this.refresh()
      },
      Math.min(100 * 2 ** this.attempt++, 1000),
    ).unref()
  }

  stop(): void {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
  }
}
