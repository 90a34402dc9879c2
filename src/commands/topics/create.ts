import {Args, Flags} from '@oclif/core'
import {KafkaCommand} from '../../cli/base-command.js'
import {usageError} from '../../cli/errors.js'
import {topicConfigFlag, topicNameFlag} from '../../flags/shared.js'
import {itemLine} from '../../output/views/topics.js'
import {type CreateOutcome, createTopics, type TopicSpec} from '../../core/topics/changes.js'
import {checkTopicName, parseConfigPairs, parseReplicaAssignment, topicNameProblem} from '../../core/topics/rules.js'
import {askNewTopic, canPrompt} from '../../cli/prompts.js'
import {brokerIds} from '../../core/topics/topics.js'

export default class TopicsCreate extends KafkaCommand<typeof TopicsCreate> {
  static override summary = 'Create topics; defaults come from the broker. On a terminal with no name, asks for the details.'
  static override examples = [
    '<%= config.bin %> topics create orders -p 6 -r 3 --config retention.ms=86400000',
    '<%= config.bin %> topics create --topic orders --partitions 6 --replication-factor 3 --if-not-exists',
    '<%= config.bin %> topics create a b c --replica-assignment 1:2,2:3,3:1',
  ]
  static override strict = false
  static override args = {topic: Args.string({description: 'Names of the topics to create.'})}
  static override flags = {
    topic: topicNameFlag,
    partitions: Flags.integer({
      char: 'p',
      // Below 1 is refused with the spec's own message (validateSpecs); above INT32 cannot be sent.
      max: 2147483647,
      description: 'Number of partitions (broker default num.partitions when not given).',
    }),
    'replication-factor': Flags.integer({
      char: 'r',
      max: 32767,
      description: 'Replicas per partition (broker default when not given).',
    }),
    config: topicConfigFlag,
    'replica-assignment': Flags.string({
      helpValue: '1:2,2:3,...',
      description: 'Brokers of each partition: partitions separated by ",", replicas by ":".',
    }),
    'if-not-exists': Flags.boolean({description: 'A topic that already exists is not an error.'}),
    'validate-only': Flags.boolean({description: 'Ask the broker to check the request without creating anything.'}),
  }

  async run(): Promise<CreateOutcome> {
    const f = this.flags
    // A name given twice is one topic: created once, reported once.
    let names = [...new Set([...this.positionals, ...(f.topic ?? [])])]
    // Bad names are usage errors before any connection (the broker would refuse them anyway).
    for (const name of names) checkTopicName(name)
    const configs = parseConfigPairs(f.config ?? [])
    const assignment = f['replica-assignment'] ? parseReplicaAssignment(f['replica-assignment']) : undefined
    let specs: TopicSpec[] = names.map((name) => ({
      name,
      partitions: f.partitions,
      replicationFactor: f['replication-factor'],
      replicaAssignment: assignment,
      configs,
    }))
    const client = await this.client()
    if (names.length === 0) {
      if (!canPrompt(this.jsonEnabled()))
        throw usageError('no topic name given', 'Name it: kfk topics create NAME (prompts only run on a terminal, never with --json).')
      const answers = await askNewTopic((await brokerIds(client)).length, topicNameProblem)
      specs = [
        {
          name: answers.name,
          partitions: answers.partitions,
          replicationFactor: answers.replicationFactor,
          configs: {...answers.configs, ...configs},
        },
      ]
      names = [answers.name]
    }
    const outcome = await createTopics(client, specs, {ifNotExists: f['if-not-exists'], validateOnly: f['validate-only']})
    for (const w of outcome.warnings) this.warnLine(w)
    this.outItems(outcome.results, itemLine, (r) => !r.ok)
    // Brokers (Kafka 3.7+) cap min.insync.replicas at the replication factor: the setting promises more than it gets.
    const minIsr = Number(specs[0]?.configs?.['min.insync.replicas'] ?? NaN)
    for (const r of outcome.results)
      if (r.ok && r.replicationFactor !== undefined && minIsr > r.replicationFactor)
        this.warnLine(
          `${r.topic}: min.insync.replicas ${minIsr} is above its replication factor ${r.replicationFactor}; brokers use ${r.replicationFactor}, so an acks=all write is acknowledged by fewer replicas than the setting says`,
        )
    this.failIfAny(outcome, outcome.results, {what: 'topics', name: (r) => r.topic, error: (r) => (r.ok ? null : r.error)})
    return outcome
  }
}
