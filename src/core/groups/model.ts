/** Groups of every type (classic, consumer, share, streams) in one shape: what describe, lag, reset and delete share. */
import type {TopicPartition} from '../topic-partition.js'

export interface GroupListing {
  groupId: string
  state: string
  type: string
  protocolType: string
}

export interface GroupMember {
  memberId: string
  instanceId: string | null
  clientId: string
  host: string
  assignment: TopicPartition[]
  /** Consumer-protocol groups only. */
  targetAssignment?: TopicPartition[]
  memberEpoch?: number
  /** Streams groups: the member's process (a Streams instance; its threads are members), its tasks now and its target. */
  processId?: string
  topologyEpoch?: number
  tasks?: StreamsTasks
  targetTasks?: StreamsTasks
}

/** A streams member's tasks by kind; a task is (subtopology, partition). */
export interface StreamsTasks {
  active: Array<{subtopologyId: string; partitions: number[]}>
  standby: Array<{subtopologyId: string; partitions: number[]}>
  warmup: Array<{subtopologyId: string; partitions: number[]}>
}

export interface GroupDescription {
  groupId: string
  /** false for a group the cluster does not know (classic state Dead, no offsets). */
  exists: boolean
  type: 'classic' | 'consumer' | 'share' | 'streams'
  state: string
  /** Classic: the protocol type (consumer, connect ...). */
  protocolType: string
  /** Assignment strategy: the classic protocol name (range ...) or the KIP-848 assignor (uniform ...). */
  assignor: string
  coordinator: {id: number; host: string; port: number}
  members: GroupMember[]
  groupEpoch?: number
  targetAssignmentEpoch?: number
  /** Streams groups: the topology's epoch (null until a member sent it) and its subtopologies' topics. */
  topologyEpoch?: number | null
  subtopologies?: Array<{subtopologyId: string; sourceTopics: string[]; repartitionSinkTopics: string[]; changelogTopics: string[]}>
}

export interface PartitionLag extends TopicPartition {
  /** null: nothing committed. */
  currentOffset: number | null
  /** null: the log end could not be read (no leader). */
  logEndOffset: number | null
  lag: number | null
  /** Time behind: ms since the next record to consume was written (0 with no lag; null: unknown). */
  lagMs: number | null
  memberId: string | null
  host: string | null
  clientId: string | null
}

export interface GroupOffsets {
  groupId: string
  state: string
  type: string
  partitions: PartitionLag[]
  /** Sum of the known lags. */
  totalLag: number
  /** The group's time behind: its furthest-behind partition's lagMs (null: none known). */
  maxLagMs: number | null
}

/** A group as `groups describe` shows it: its description, plus per-partition offsets and lag when asked for. */
export type DescribedGroup = GroupDescription & Partial<Pick<GroupOffsets, 'partitions' | 'totalLag' | 'maxLagMs'>>

export interface DeleteGroupResult {
  groupId: string
  deleted: boolean
  error: string | null
}
