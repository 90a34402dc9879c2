import {Args, Flags} from '@oclif/core'
import {canPrompt, confirmDestructive} from '../../cli/prompts.js'
import {KafkaCommand} from '../../cli/base-command.js'
import {usageError} from '../../cli/errors.js'
import {topicNameFlag} from '../../flags/shared.js'
import {itemLine} from '../../output/views/topics.js'
import {deleteTopics, type ItemResult} from '../../core/topics/changes.js'
import {expandTopicNames} from '../../core/topics/topics.js'

export default class TopicsDelete extends KafkaCommand<typeof TopicsDelete> {
  static override summary = 'Delete topics. Asks first on a terminal; without one, --yes is required.'
  static override examples = ['<%= config.bin %> topics delete orders', '<%= config.bin %> topics delete a b c --if-exists --yes']
  static override strict = false
  static override args = {topic: Args.string({description: 'Names of the topics to delete.'})}
  static override flags = {
    topic: topicNameFlag,
    'if-exists': Flags.boolean({description: 'A topic that does not exist is not an error.'}),
    yes: Flags.boolean({char: 'y', description: 'Do not ask for confirmation.'}),
    'allow-internal': Flags.boolean({description: 'Allow deleting internal topics (__consumer_offsets ...). Dangerous.'}),
  }

  async run(): Promise<{results: ItemResult[]}> {
    const f = this.flags
    const asked = [...new Set([...this.positionals, ...(f.topic ?? [])])]
    if (asked.length === 0) throw usageError('no topic name given', 'Name the topics: kfk topics delete NAME...')
    const client = await this.client()
    // As kafka-topics: a --topic regex stands for every topic it matches (listed before the confirmation).
    const names = await expandTopicNames(client, asked, f['allow-internal'])
    if (!f.yes && canPrompt(this.jsonEnabled()))
      this.note(`About to delete ${names.length} topic${names.length === 1 ? '' : 's'}:\n  ${names.join('\n  ')}`)
    await confirmDestructive(
      `delete ${names.length === 1 ? `topic ${names[0]}` : `these ${names.length} topics`} (this cannot be undone)`,
      {yes: f.yes, json: this.jsonEnabled()},
    )
    const results = await deleteTopics(client, names, {ifExists: f['if-exists'], allowInternal: f['allow-internal']})
    this.outItems(results, itemLine, (r) => !r.ok)
    this.failIfAny({results}, results, {
      what: 'topics',
      name: (r) => r.topic,
      error: (r) => (r.ok ? null : r.error),
      hint: (failed) => (failed.some((r) => /does not exist/.test(r.error ?? '')) ? 'Use --if-exists to skip missing topics.' : undefined),
    })
    return {results}
  }
}
