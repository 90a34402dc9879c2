import {Args, Flags} from '@oclif/core'
import {KafkaCommand} from '../../cli/base-command.js'
import {KfkError, usageError} from '../../cli/errors.js'
import {topicConfigFlag, topicNameFlag} from '../../flags/shared.js'
import {alterConfigs, type ConfigChangeResult} from '../../core/configs/configs.js'
import {addPartitions, type ItemResult} from '../../core/topics/changes.js'
import {topicsNotFound} from '../../core/partitions/not-found.js'
import {checkTopicConfigs, checkTopicName, parseConfigPairs} from '../../core/topics/rules.js'
import {clusterMetadata} from '../../core/topics/topics.js'

export interface TopicAlterResult {
  topic: string
  partitions: ItemResult | null
  configs: ConfigChangeResult | null
}

export default class TopicsAlter extends KafkaCommand<typeof TopicsAlter> {
  static override summary = 'Add partitions to a topic and change its configs incrementally (other overrides stay).'
  static override examples = [
    '<%= config.bin %> topics alter orders --partitions 12',
    '<%= config.bin %> topics alter orders --config retention.ms=3600000 --delete-config cleanup.policy',
  ]
  static override args = {topic: Args.string({description: 'The topic to change.'})}
  static override flags = {
    topic: topicNameFlag,
    partitions: Flags.integer({char: 'p', description: 'New partition count (can only grow).'}),
    config: topicConfigFlag,
    'delete-config': Flags.string({multiple: true, helpValue: 'key', description: 'Remove an override, back to the default (repeatable).'}),
    'validate-only': Flags.boolean({description: 'Check the change without making it.'}),
  }

  async run(): Promise<TopicAlterResult> {
    const f = this.flags
    const names = [this.args.topic, ...(f.topic ?? [])].filter((n): n is string => Boolean(n))
    const [topic, ...others] = names
    if (topic === undefined || others.length > 0)
      throw usageError(
        names.length === 0 ? 'no topic name given' : `alter takes one topic, got ${names.join(', ')}`,
        'kfk topics alter TOPIC --partitions N',
      )
    checkTopicName(topic)
    const set = parseConfigPairs(f.config ?? [])
    const del = f['delete-config'] ?? []
    checkTopicConfigs({...set, ...Object.fromEntries(del.map((k) => [k, null]))})
    if (f.partitions === undefined && Object.keys(set).length === 0 && del.length === 0)
      throw usageError('nothing to change', 'Give --partitions N, --config k=v or --delete-config k.')
    const client = await this.client()
    const meta = await clusterMetadata(client, [topic])
    if (meta.topics[0]?.errorCode !== 0) throw topicsNotFound([topic])
    const result: TopicAlterResult = {topic, partitions: null, configs: null}
    if (Object.keys(set).length > 0 || del.length > 0) {
      result.configs =
        (
          await alterConfigs(client, [{entityType: 'topics', entityName: topic, set, delete: del}], {validateOnly: f['validate-only']})
        )[0] ?? null
      if (result.configs?.ok)
        this.out(
          `${f['validate-only'] ? 'valid' : 'updated'} configs of ${topic}: ${[...Object.entries(set).map(([k, v]) => `${k}=${v}`), ...del.map((k) => `-${k}`)].join(', ')}`,
        )
    }
    if (f.partitions !== undefined && (result.configs === null || result.configs.ok)) {
      result.partitions = await addPartitions(client, topic, f.partitions, {validateOnly: f['validate-only']})
      if (result.partitions.ok)
        this.out(
          result.partitions.status === 'exists'
            ? `${topic} already has ${f.partitions} partitions`
            : `${topic} now has ${f.partitions} partitions`,
        )
    }
    const error =
      (result.configs && !result.configs.ok ? result.configs.error : null) ??
      (result.partitions && !result.partitions.ok ? result.partitions.error : null)
    if (error) throw new KfkError(`could not alter topic '${topic}': ${error}`)
    return result
  }
}
