import type {DescribedGroup, GroupDescription, GroupListing, GroupOffsets} from '../../core/groups/model.js'
import type {PlanRow} from '../../core/groups/reset-plan.js'
import {colors} from '../colors.js'
import {renderTable} from '../table.js'
import {humanDuration} from '../duration.js'
import {tpKey, type TopicPartition} from '../../core/topic-partition.js'

/** Views for `kfk groups ...`: pure data -> rows, column names as kafka-consumer-groups.sh prints them. */

type Cell = string | number
const dash = (v: string | number | null | undefined): Cell => (v === null || v === undefined || v === '' ? '-' : v)

export const LIST_HEAD = ['group', 'type', 'state', 'protocol']
export function listRows(groups: GroupListing[]): Cell[][] {
  return groups.map((g) => [g.groupId, g.type, g.state, dash(g.protocolType)])
}

/** "t:0,1;u:2" as ConsumerGroupCommand prints assignments. */
export function assignmentString(tps: readonly TopicPartition[]): string {
  if (tps.length === 0) return '-'
  const byTopic = new Map<string, number[]>()
  for (const tp of tps) byTopic.set(tp.topic, [...(byTopic.get(tp.topic) ?? []), tp.partition])
  return [...byTopic]
    .map(([topic, parts]) => `${topic}:${[...parts].sort((a, b) => a - b).join(',')}`)
    .sort()
    .join(';')
}

export const OFFSETS_HEAD = [
  'group',
  'topic',
  'partition',
  'current-offset',
  'log-end-offset',
  'lag',
  'consumer-id',
  'host',
  'client-id',
  'time-behind',
]

/**
 * One row per partition. With `previous` (the last --watch snapshot) a column
 * shows how the lag moved since then.
 */
export function offsetsRows(o: GroupOffsets, previous?: GroupOffsets): Cell[][] {
  const c = colors()
  const before = new Map(previous?.partitions.map((p) => [tpKey(p), p.lag]) ?? [])
  return o.partitions.map((p) => {
    const row: Cell[] = [
      o.groupId,
      p.topic,
      p.partition,
      dash(p.currentOffset),
      dash(p.logEndOffset),
      lagCell(p.lag),
      dash(p.memberId),
      dash(p.host),
      dash(p.clientId),
      p.lagMs === null ? '-' : humanDuration(p.lagMs),
    ]
    if (previous) {
      const was = before.get(tpKey(p))
      row.push(p.lag === null || was === null || was === undefined ? '' : delta(p.lag - was))
    }
    return row
  })

  function lagCell(lag: number | null): Cell {
    if (lag === null) return '-'
    return lag === 0 ? c.green('0') : c.yellow(String(lag))
  }
}

/** "+5", "-3" or "0", coloured: growing lag is bad news. */
export function delta(d: number): string {
  const c = colors()
  if (d > 0) return c.red(`+${d}`)
  if (d < 0) return c.green(String(d))
  return '0'
}

export function membersHead(verbose: boolean, group: GroupDescription): string[] {
  if (group.type === 'streams') return streamsMembersHead(verbose)
  const head = ['group', 'consumer-id', 'host', 'client-id', '#partitions']
  if (group.members.some((m) => m.instanceId)) head.splice(2, 0, 'group-instance-id')
  if (!verbose) return head
  return group.type === 'consumer'
    ? [...head, 'current-epoch', 'current-assignment', 'target-epoch', 'target-assignment']
    : [...head, 'assignment']
}

export function membersRows(group: GroupDescription, verbose: boolean): Cell[][] {
  if (group.type === 'streams') return streamsMembersRows(group, verbose)
  const withInstance = group.members.some((m) => m.instanceId)
  return group.members.map((m) => {
    const row: Cell[] = [group.groupId, m.memberId, m.host, m.clientId, m.assignment.length]
    if (withInstance) row.splice(2, 0, dash(m.instanceId))
    if (verbose) {
      if (group.type === 'consumer')
        row.push(
          dash(m.memberEpoch),
          assignmentString(m.assignment),
          dash(group.targetAssignmentEpoch),
          assignmentString(m.targetAssignment ?? []),
        )
      else row.push(assignmentString(m.assignment))
    }
    return row
  })
}

/** Streams members (kafka-streams-groups --members): a member is one stream thread of a process and owns tasks. */
function streamsMembersHead(verbose: boolean): string[] {
  const head = ['group', 'member-id', 'process', 'host', 'client-id', '#active-tasks']
  return verbose ? [...head, 'member-epoch', 'topology-epoch', 'target-assignment-epoch', 'assignments'] : head
}

function streamsMembersRows(group: GroupDescription, verbose: boolean): Cell[][] {
  return group.members.map((m) => {
    const active = (m.tasks?.active ?? []).reduce((n, t) => n + t.partitions.length, 0)
    const row: Cell[] = [group.groupId, m.memberId, dash(m.processId), m.host, m.clientId, active]
    if (verbose) row.push(dash(m.memberEpoch), dash(m.topologyEpoch), dash(group.targetAssignmentEpoch), streamsTasksString(m))
    return row
  })
}

/** "ACTIVE: 0:[0,1]; 1:[0,1]; TARGET-ACTIVE: 0:[0,1]; ...", kafka-streams-groups' ASSIGNMENTS column (empty kinds left out). */
export function streamsTasksString(m: GroupDescription['members'][number]): string {
  const kinds: Array<[string, Array<{subtopologyId: string; partitions: number[]}> | undefined]> = [
    ['ACTIVE', m.tasks?.active],
    ['STANDBY', m.tasks?.standby],
    ['WARMUP', m.tasks?.warmup],
    ['TARGET-ACTIVE', m.targetTasks?.active],
    ['TARGET-STANDBY', m.targetTasks?.standby],
    ['TARGET-WARMUP', m.targetTasks?.warmup],
  ]
  const text = kinds
    .filter(([, tasks]) => tasks && tasks.length > 0)
    .map(([kind, tasks]) => `${kind}: ${tasks!.map((t) => `${t.subtopologyId}:[${t.partitions.join(',')}]`).join('; ')}`)
    .join('; ')
  return text || '-'
}

export const STATE_HEAD = ['group', 'coordinator (id)', 'assignment-strategy', 'state', '#members']
export function stateRows(groups: GroupDescription[]): Cell[][] {
  return groups.map((g) => [
    g.groupId,
    `${g.coordinator.host}:${g.coordinator.port}  (${g.coordinator.id})`,
    dash(g.assignor),
    g.state,
    g.members.length,
  ])
}

export const RESET_HEAD = ['group', 'topic', 'partition', 'current-offset', 'new-offset', 'lag-before', 'lag-after']
export function resetRows(groupId: string, rows: PlanRow[]): Cell[][] {
  const c = colors()
  return rows.map((r) => [
    groupId,
    r.topic,
    r.partition,
    dash(r.currentOffset),
    r.currentOffset === r.newOffset ? r.newOffset : c.bold(String(r.newOffset)),
    dash(r.lagBefore),
    r.lagAfter,
  ])
}

export const STATUS_HEAD = ['topic', 'partition', 'status']

export type DescribeMode = 'offsets' | 'members' | 'state'

/** The `groups describe` table of one snapshot; with `previous` (--watch) a lag-change column. */
export function describeTable(groups: DescribedGroup[], mode: DescribeMode, verbose: boolean, previous?: DescribedGroup[]): string {
  if (mode === 'state') return renderTable(STATE_HEAD, stateRows(groups))
  if (mode === 'members') return groups.map((g) => renderTable(membersHead(verbose, g), membersRows(g, verbose))).join('\n\n')
  const rowsOf = (list: DescribedGroup[]) =>
    list.flatMap((g) => {
      const before = previous?.find((p) => p.groupId === g.groupId)
      return offsetsRows(g as GroupOffsets, previous ? ((before ?? {...g, partitions: []}) as GroupOffsets) : undefined)
    })
  const change = previous ? ['lag change'] : []
  // Share groups (kafka-share-groups' columns): the start offset below which records are done; members share partitions.
  const share = groups.filter((g) => g.type === 'share')
  const others = groups.filter((g) => g.type !== 'share')
  return [
    ...(others.length > 0 ? [renderTable([...OFFSETS_HEAD, ...change], rowsOf(others))] : []),
    ...(share.length > 0
      ? [
          renderTable(
            [...SHARE_OFFSETS_HEAD, ...change],
            // Without the consumer-id, host and client-id columns.
            rowsOf(share).map((r) => [...r.slice(0, 6), ...r.slice(9)]),
          ),
        ]
      : []),
  ].join('\n\n')
}

export const SHARE_OFFSETS_HEAD = ['group', 'topic', 'partition', 'start-offset', 'log-end-offset', 'lag', 'time-behind']

/** One --watch refresh: a time stamp (and total lags), then the table; on a terminal it redraws in place. */
export function watchScreen(
  groups: DescribedGroup[],
  mode: DescribeMode,
  verbose: boolean,
  previous: DescribedGroup[] | undefined,
  seconds: number,
  tty: boolean,
): string {
  const stamp = `${new Date().toISOString()}  every ${seconds}s  (Ctrl-C to stop)${mode === 'offsets' ? '  ' + lagTotals(groups, previous, seconds) : ''}`
  const screen = `${stamp}\n${describeTable(groups, mode, verbose, previous)}\n`
  return tty ? `\u001B[H\u001B[2J${screen}` : `${screen}\n`
}

/**
 * "total lag 42 (+5), consumed 1200/s, produced 1000/s, shrinking: zero in ~1s": per group, with
 * the change since the previous refresh `seconds` ago and, from the offsets' moves, the rates
 * and when the lag reaches zero at them.
 */
export function lagTotals(now: DescribedGroup[], previous?: DescribedGroup[], seconds?: number): string {
  return now
    .map((g) => {
      const before = previous?.find((p) => p.groupId === g.groupId)
      const was = before?.totalLag
      const change = was === undefined ? '' : ` (${delta((g.totalLag ?? 0) - was)})`
      const rates = before && seconds ? ', ' + lagTrend(g, before, seconds) : ''
      return `${now.length > 1 ? `${g.groupId}: ` : ''}total lag ${g.totalLag ?? 0}${change}${rates}`
    })
    .join(', ')
}

/** Records/s consumed and produced between two snapshots, and where the lag is going. */
export function lagTrend(now: DescribedGroup, before: DescribedGroup, seconds: number): string {
  const sum = (g: DescribedGroup, field: 'currentOffset' | 'logEndOffset') => (g.partitions ?? []).reduce((s, p) => s + (p[field] ?? 0), 0)
  const consumed = Math.max(0, sum(now, 'currentOffset') - sum(before, 'currentOffset')) / seconds
  const produced = Math.max(0, sum(now, 'logEndOffset') - sum(before, 'logEndOffset')) / seconds
  const lag = now.totalLag ?? 0
  const rate = (r: number) => `${r >= 10 ? Math.round(r) : r.toFixed(1)}/s`
  const trend =
    lag === 0
      ? 'caught up'
      : consumed > produced
        ? `shrinking: zero in ~${humanDuration((lag / (consumed - produced)) * 1000)}`
        : consumed < produced
          ? 'growing'
          : 'steady'
  return `consumed ${rate(consumed)}, produced ${rate(produced)}, ${trend}`
}

/** The stderr notes after a describe: an empty or rebalancing group, and (offsets) a one-line summary. */
export function describeNotes(g: DescribedGroup, mode: DescribeMode): string[] {
  const notes: string[] = []
  // kafka-consumer-groups' words; share and streams groups by their own kind.
  const kind = g.type === 'share' || g.type === 'streams' ? g.type : 'consumer'
  if (g.state === 'Empty') notes.push(`${kind} group '${g.groupId}' has no active members`)
  else if (g.state !== 'Stable') notes.push(`${kind} group '${g.groupId}' is rebalancing (${g.state})`)
  if (mode === 'offsets') {
    notes.push(
      `${g.groupId}: ${g.type} group, ${g.state}, ${g.members.length} member(s), ${g.partitions?.length ?? 0} partition(s), total lag ${g.totalLag ?? 0}` +
        (g.maxLagMs ? `, ${humanDuration(g.maxLagMs)} behind` : ''),
    )
  }
  return notes
}
