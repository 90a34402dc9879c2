import {setTimeout as sleep} from 'node:timers/promises'
import {KafkaCommand} from '../../cli/base-command.js'
import {
  cancelReassignment,
  clearThrottles,
  generatePlan,
  listReassignments,
  planMoves,
  startReassignment,
  verifyReassignment,
  type PartitionAssignment,
} from '../../core/partitions/reassign.js'
import {formatAssignmentJson} from '../../core/partitions/reassign-plan.js'
import {KfkError} from '../../cli/errors.js'
import {generateArgs, readPlan, reassignAction, reassignFlags} from '../../flags/partitions/reassign.js'
import {progressLine} from '../../output/progress.js'
import {renderTable} from '../../output/table.js'
import {cancelLine, clearedLines, MOVES_HEAD, moveRows, ongoingLines, planSummary, progressLines} from '../../output/views/reassign.js'
import {confirmDestructive} from '../../cli/prompts.js'

export default class PartitionsReassign extends KafkaCommand<typeof PartitionsReassign> {
  static override summary = 'Move partition replicas between brokers, with throttles and progress (kafka-reassign-partitions).'
  static override description =
    "The plan is kafka-reassign-partitions' JSON, readable by either tool. --execute shows what moves where and how many bytes " +
    'before it starts (and asks on a terminal); --verify says how far each move is and removes the throttles once all are done.'
  static override examples = [
    '<%= config.bin %> partitions reassign --generate --topic orders --broker-list 1,2 > plan.txt',
    '<%= config.bin %> partitions reassign --execute --reassignment-json-file plan.json --throttle 10000000',
    '<%= config.bin %> partitions reassign --verify --reassignment-json-file plan.json --watch 5',
    '<%= config.bin %> partitions reassign --list',
    '<%= config.bin %> partitions reassign --cancel --reassignment-json-file plan.json',
  ]
  static override flags = reassignFlags

  async run(): Promise<unknown> {
    const action = reassignAction(this.flags)
    if (action === 'generate') return this.generate()
    if (action === 'list') return this.list()
    const plan = await readPlan(this.flags, action)
    if (action === 'execute') return this.execute(plan)
    if (action === 'verify') return this.verify(plan)
    return this.cancel(plan)
  }

  private async generate() {
    const {topics, brokers} = await generateArgs(this.flags)
    const client = await this.client()
    const {current, proposed} = await generatePlan(client, topics, brokers, {rackAware: !this.flags['disable-rack-aware']})
    const moves = await planMoves(client, proposed)
    this.note(renderTable(MOVES_HEAD, moveRows(moves, Boolean(process.stderr.isTTY)), {tty: Boolean(process.stderr.isTTY)}))
    this.note(planSummary(moves))
    this.out(
      `Current partition replica assignment\n${formatAssignmentJson(current)}\n\n` +
        `Proposed partition reassignment configuration\n${formatAssignmentJson(proposed)}`,
    )
    return {current: JSON.parse(formatAssignmentJson(current)), proposed: JSON.parse(formatAssignmentJson(proposed)), moves}
  }

  private async execute(plan: PartitionAssignment[]) {
    const client = await this.client()
    const moves = await planMoves(client, plan)
    this.out(renderTable(MOVES_HEAD, moveRows(moves, Boolean(process.stdout.isTTY))))
    this.note(planSummary(moves))
    await confirmDestructive(`start moving ${moves.length} partition(s)`, {yes: this.flags.yes, json: this.jsonEnabled()})
    const rollback = moves.map((m) => ({topic: m.topic, partition: m.partition, replicas: m.from}))
    if (this.flags['replica-alter-log-dirs-throttle'] !== undefined)
      this.warnLine('--replica-alter-log-dirs-throttle: this plan moves no replica between log dirs, so there is nothing for it to limit')
    const {started, throttledBrokers} = await startReassignment(client, moves, {
      throttle: this.flags.throttle,
      additional: this.flags.additional,
    })
    this.out(
      `\nCurrent partition replica assignment\n\n${formatAssignmentJson(rollback)}\n\nSave this to use as the --reassignment-json-file option during rollback`,
    )
    if (this.flags.throttle !== undefined) {
      this.warnLine('run --verify until the reassignment completes: it removes the throttle')
      this.note(`The inter-broker throttle limit was set to ${this.flags.throttle} B/s on brokers ${throttledBrokers.join(',')}`)
    }
    const ok = started.filter((s) => !s.error).map((s) => `${s.topic}-${s.partition}`)
    if (ok.length > 0) this.note(`Successfully started partition reassignment${ok.length === 1 ? '' : 's'} for ${ok.join(',')}`)
    const document = {moves, started, rollback: JSON.parse(formatAssignmentJson(rollback)), throttledBrokers}
    this.failIfAny(document, started, {what: 'partition moves', name: (s) => `${s.topic}-${s.partition}`, error: (s) => s.error})
    return document
  }

  private async verify(plan: PartitionAssignment[]) {
    const client = await this.client()
    let result = await verifyReassignment(client, plan)
    if (this.flags.watch) {
      const live = progressLine()
      while (result.partitions.some((p) => p.state === 'in-progress')) {
        const moving = result.partitions.filter((p) => p.state === 'in-progress')
        live(`${moving.length} of ${result.partitions.length} partition(s) still moving: ${progressLines(moving).join(' ')}`)
        await sleep(this.flags.watch * 1000)
        result = await verifyReassignment(client, plan)
      }
      live.done()
    }
    this.out(['Status of partition reassignment:', ...progressLines(result.partitions)].join('\n'))
    const done = result.partitions.every((p) => p.state !== 'in-progress')
    let cleared: {brokers: number[]; topics: string[]} | null = null
    if (done && result.otherOngoing === 0 && !this.flags['preserve-throttles']) {
      cleared = await clearThrottles(client, plan)
      this.out(clearedLines(cleared).join('\n'))
    } else if (done && result.otherOngoing > 0)
      this.note(`${result.otherOngoing} other reassignment(s) still run: the throttles stay until they are done too`)
    const document = {partitions: result.partitions, done, throttlesCleared: cleared !== null}
    if (this.flags.watch && result.partitions.some((p) => p.state === 'differs')) {
      if (this.jsonEnabled()) this.logJson(document)
      throw new KfkError('some partitions ended with other replicas than the plan wants (see above)', {
        hint: 'A cancelled or replaced reassignment leaves them so; run --execute again to move them.',
      })
    }
    return document
  }

  private async cancel(plan: PartitionAssignment[]) {
    const client = await this.client()
    const results = await cancelReassignment(client, plan)
    this.out(cancelLine(results))
    let cleared: {brokers: number[]; topics: string[]} | null = null
    // Other moves still running keep the throttles (the brokers' rates serve them too), as --verify does.
    const others = (await listReassignments(client)).filter((o) => !plan.some((p) => p.topic === o.topic && p.partition === o.partition))
    if (others.length > 0 && !this.flags['preserve-throttles'])
      this.note(`${others.length} other reassignment(s) still run: the throttles stay until they are done (--verify clears them)`)
    else if (!this.flags['preserve-throttles']) {
      cleared = await clearThrottles(client, plan)
      this.out(clearedLines(cleared).join('\n'))
    }
    const document = {partitions: results, throttlesCleared: cleared !== null}
    this.failIfAny(document, results, {what: 'cancellations', name: (r) => `${r.topic}-${r.partition}`, error: (r) => r.error})
    return document
  }

  private async list() {
    const reassignments = await listReassignments(await this.client())
    this.out(ongoingLines(reassignments).join('\n'))
    return {reassignments}
  }
}
