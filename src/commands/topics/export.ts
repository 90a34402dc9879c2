import {Args, Flags} from '@oclif/core'
import {writeFile} from 'node:fs/promises'
import {KafkaCommand} from '../../cli/base-command.js'
import {KfkError} from '../../cli/errors.js'
import {topicNameFlag} from '../../flags/shared.js'
import type {DesiredTopic} from '../../core/topics/apply-plan.js'
import {readActualTopics} from '../../core/topics/apply.js'
import {formatTopicsFile} from '../../core/topics/file.js'

export default class TopicsExport extends KafkaCommand<typeof TopicsExport> {
  static override summary = 'Write topics as YAML (partitions, replication factor, topic config overrides) for kfk apply.'
  static override examples = [
    '<%= config.bin %> topics export > topics.yaml',
    "<%= config.bin %> topics export --pattern 'orders.*' -o orders.yaml",
  ]
  static override strict = false
  static override args = {topic: Args.string({description: 'Topics to export (all non-internal topics when none is given).'})}
  static override flags = {
    topic: topicNameFlag,
    pattern: Flags.string({helpValue: 'REGEX', description: 'Only topics whose whole name matches.'}),
    output: Flags.string({char: 'o', helpValue: 'FILE', description: 'Write to FILE instead of stdout.'}),
  }

  async run(): Promise<{topics: DesiredTopic[]}> {
    const names = [...this.positionals, ...(this.flags.topic ?? [])]
    const client = await this.client()
    const actual = await readActualTopics(client, {names, pattern: this.flags.pattern})
    const missing = names.filter((n) => !actual.some((a) => a.name === n))
    if (missing.length > 0)
      throw new KfkError(
        `topic${missing.length > 1 ? 's' : ''} ${missing.map((m) => `'${m}'`).join(', ')} do${missing.length > 1 ? '' : 'es'} not exist`,
        {hint: 'List the topics with: kfk topics list'},
      )
    const topics: DesiredTopic[] = actual.map((a) => ({
      name: a.name,
      partitions: a.partitions,
      replicationFactor: a.replicationFactor,
      configs: Object.fromEntries(Object.entries(a.configs).filter((e): e is [string, string] => e[1] !== null)),
    }))
    const yaml = formatTopicsFile(topics, `kfk topics export (${topics.length} topic${topics.length === 1 ? '' : 's'})`)
    if (this.flags.output) {
      await writeFile(this.flags.output, yaml)
      this.note(`wrote ${topics.length} topic${topics.length === 1 ? '' : 's'} to ${this.flags.output}`)
    } else if (!this.jsonEnabled()) process.stdout.write(yaml)
    return {topics}
  }
}
