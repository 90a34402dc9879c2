import {KafkaCommand} from '../../cli/base-command.js'
import * as reassign from '../../core/partitions/reassign.js'
import {endedOtherwise, followReassignment, releaseAfterCancel, releaseThrottles} from '../../core/partitions/reassign-follow.js'
import {formatAssignmentJson, type PartitionAssignment} from '../../core/partitions/reassign-plan.js'
import {generateArgs, readPlan, reassignAction, reassignFlags, reassignHelp} from '../../flags/partitions/reassign.js'
import {progressLine} from '../../output/progress.js'
import * as view from '../../output/views/reassign.js'
import {confirmDestructive} from '../../cli/prompts.js'

export default class PartitionsReassign extends KafkaCommand<typeof PartitionsReassign> {
  static override summary = 'Move partition replicas between brokers, with throttles and progress (kafka-reassign-partitions).'
  static override description = reassignHelp.description
  static override examples = reassignHelp.examples
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
    const {current, proposed} = await reassign.generatePlan(client, topics, brokers, {rackAware: !this.flags['disable-rack-aware']})
    const moves = await reassign.planMoves(client, proposed)
    this.note(view.movesTable(moves, Boolean(process.stderr.isTTY)))
    this.note(view.planSummary(moves))
    this.out(view.generatedText(current, proposed))
    return {current: JSON.parse(formatAssignmentJson(current)), proposed: JSON.parse(formatAssignmentJson(proposed)), moves}
  }

  private async execute(plan: PartitionAssignment[]) {
    const {throttle, additional, yes} = this.flags
    const client = await this.client()
    const moves = await reassign.planMoves(client, plan)
    this.out(view.movesTable(moves, Boolean(process.stdout.isTTY)))
    this.note(view.planSummary(moves))
    await confirmDestructive(`start moving ${moves.length} partition(s)`, {yes, json: this.jsonEnabled()})
    if (this.flags['replica-alter-log-dirs-throttle'] !== undefined) this.warnLine(view.LOG_DIRS_THROTTLE_UNUSED)
    const {started, throttledBrokers, rollback} = await reassign.startReassignment(client, moves, {throttle, additional})
    this.out(view.rollbackText(rollback))
    if (throttle !== undefined) this.warnLine('run --verify until the reassignment completes: it removes the throttle')
    for (const line of view.startNotes(started, throttle, throttledBrokers)) this.note(line)
    const document = {moves, started, rollback: JSON.parse(formatAssignmentJson(rollback)), throttledBrokers}
    this.failIfAny(document, started, {what: 'partition moves', name: (s) => `${s.topic}-${s.partition}`, error: (s) => s.error})
    return document
  }

  private async verify(plan: PartitionAssignment[]) {
    const client = await this.client()
    const live = progressLine()
    const check = () => reassign.verifyReassignment(client, plan)
    const result = await followReassignment(check, this.flags.watch, (moving, of) => live(view.movingLine(moving, of)))
    live.done()
    this.out(view.statusText(result.partitions))
    const cleared = await releaseThrottles(client, plan, result, this.flags['preserve-throttles'])
    if (cleared) this.out(view.clearedLines(cleared).join('\n'))
    else if (result.done && result.otherOngoing > 0) this.note(view.throttlesStayNote(result.otherOngoing, 'verify'))
    const document = {partitions: result.partitions, done: result.done, throttlesCleared: cleared !== null}
    const failure = this.flags.watch ? endedOtherwise(result.partitions) : undefined
    if (failure && this.jsonEnabled()) this.logJson(document)
    if (failure) throw failure
    return document
  }

  private async cancel(plan: PartitionAssignment[]) {
    const client = await this.client()
    const results = await reassign.cancelReassignment(client, plan)
    this.out(view.cancelLine(results))
    const preserve = this.flags['preserve-throttles']
    const {otherOngoing, cleared} = await releaseAfterCancel(client, plan, preserve)
    if (otherOngoing > 0 && !preserve) this.note(view.throttlesStayNote(otherOngoing, 'cancel'))
    if (cleared) this.out(view.clearedLines(cleared).join('\n'))
    const document = {partitions: results, throttlesCleared: cleared !== null}
    this.failIfAny(document, results, {what: 'cancellations', name: (r) => `${r.topic}-${r.partition}`, error: (r) => r.error})
    return document
  }

  private async list() {
    const reassignments = await reassign.listReassignments(await this.client())
    this.out(view.ongoingLines(reassignments).join('\n'))
    return {reassignments}
  }
}
