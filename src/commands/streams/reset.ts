import {Args} from '@oclif/core'
import {KafkaCommand} from '../../cli/base-command.js'
import {KfkError} from '../../cli/errors.js'
import {renderTable} from '../../output/table.js'
import {RESET_HEAD, resetRows} from '../../output/views/groups.js'
import * as view from '../../output/views/streams.js'
import {confirmDestructive} from '../../cli/prompts.js'
import {resetSpec} from '../../core/groups/reset.js'
import {executeStreamsReset, planStreamsReset} from '../../core/groups/streams-reset.js'
import type {PlanRow} from '../../core/groups/reset-plan.js'
import {applicationIdOf, resetTarget, streamsResetFlags, streamsResetTopics} from '../../flags/streams/reset.js'

export interface StreamsResetResult {
  applicationId: string
  dryRun: boolean
  executed: boolean
  inputTopics: string[]
  intermediateTopics: string[]
  partitions: PlanRow[]
  internalTopics: Array<{topic: string; deleted: boolean; error: string | null}>
}

export default class StreamsReset extends KafkaCommand<typeof StreamsReset> {
  static override summary = 'Reset a stopped Kafka Streams application so it reprocesses its input (kafka-streams-application-reset).'
  static override description =
    "Input topics' committed offsets go to the log start (or --to-*), intermediate topics to their end, and the application's " +
    'internal topics (repartition, changelog) are deleted so its state starts empty. A dry run unless --execute; refused while ' +
    'the application has live members. Input topics default to those of its topology (streams groups) or of its committed offsets.'
  static override examples = [
    '<%= config.bin %> streams reset wordcount',
    '<%= config.bin %> streams reset wordcount --input-topics lines --to-datetime 2026-12-01T00:00:00 --execute',
  ]
  static override args = {applicationId: Args.string({description: 'The application.id (its group id).'})}
  static override flags = streamsResetFlags

  async run(): Promise<StreamsResetResult> {
    const f = this.flags
    const applicationId = applicationIdOf(this.args.applicationId, f['application-id'])
    const spec = await resetSpec(resetTarget(f), applicationId)
    const client = await this.client()
    const plan = await planStreamsReset(client, applicationId, spec, streamsResetTopics(f))
    for (const note of view.resetPlanNotes(plan)) this.note(note)
    if (plan.partitions.length > 0) this.out(renderTable(RESET_HEAD, resetRows(applicationId, plan.partitions)))
    else this.note(view.NO_INPUT_TOPICS)
    this.note(view.internalTopicsNote(plan))
    const result: StreamsResetResult = {
      applicationId,
      dryRun: !f.execute,
      executed: false,
      inputTopics: plan.inputTopics,
      intermediateTopics: plan.intermediateTopics,
      partitions: plan.partitions,
      internalTopics: plan.internalTopics.map((topic) => ({topic, deleted: false, error: null})),
    }
    if (!f.execute) {
      const live = view.liveMembersWarning(plan)
      if (live) this.warnLine(live)
      this.note('dry run: nothing was changed (add --execute to apply)')
      return result
    }
    const confirm = () => confirmDestructive(view.resetQuestion(plan), {yes: f.yes, json: this.jsonEnabled()})
    const deleted = await executeStreamsReset(client, plan, confirm)
    result.executed = true
    result.internalTopics = deleted.map((d) => ({topic: d.topic, deleted: d.ok, error: d.error}))
    this.note(view.executedNote(plan, deleted))
    const failed = deleted.filter((d) => !d.ok)
    if (failed.length > 0) {
      if (this.jsonEnabled()) this.logJson(result)
      throw new KfkError(view.notDeletedMessage(failed))
    }
    return result
  }
}
