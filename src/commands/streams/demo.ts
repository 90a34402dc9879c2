import {mkdirSync} from 'node:fs'
import {join} from 'node:path'
import {Flags} from '@oclif/core'
import {KafkaCommand} from '../../cli/base-command.js'
import {EXIT, KfkError} from '../../cli/errors.js'
import {findJava} from '../../cluster/java.js'
import {stateRoot} from '../../cluster/paths.js'
import {DEFAULT_KAFKA_VERSION, ensureKafkaStreams} from '../../cluster/provision.js'
import {runStreamsDemo} from '../../cluster/streams-demo.js'
import {tail} from '../../cluster/process.js'
import {describeFeatures} from '../../core/features/features.js'
import {createTopics} from '../../core/topics/changes.js'

export default class StreamsDemo extends KafkaCommand<typeof StreamsDemo> {
  static override summary = "Run Kafka's word-count Streams application (WordCountDemo) on the streams protocol, until Ctrl-C."
  static override description =
    'A real Kafka Streams application (the kafka-streams jars, fetched once from Maven Central) with group.protocol=streams ' +
    '(KIP-1071): it counts the words of the input topic\'s lines and writes "word count" updates to the output topic. ' +
    'Creates both topics when missing. See it with kfk groups describe APP --members, reset it with kfk streams reset APP.'
  static override examples = [
    '<%= config.bin %> streams demo',
    "<%= config.bin %> consume streams-wordcount-output --from-beginning -f '%k %s\\n'",
  ]
  static override enableJsonFlag = false
  static override flags = {
    'application-id': Flags.string({default: 'streams-wordcount', helpValue: 'ID', description: "The application's id (its group)."}),
    'input-topic': Flags.string({default: 'streams-plaintext-input', helpValue: 'TOPIC', description: 'Lines to count words in.'}),
    'output-topic': Flags.string({default: 'streams-wordcount-output', helpValue: 'TOPIC', description: 'Where word counts go.'}),
    partitions: Flags.integer({default: 3, min: 1, description: 'Partitions of the topics it creates.'}),
    'kafka-version': Flags.string({default: DEFAULT_KAFKA_VERSION, helpValue: 'X.Y.Z', description: 'The Kafka Streams release to run.'}),
  }

  async run(): Promise<void> {
    const f = this.flags
    const client = await this.client()
    if (client.settings.security && client.settings.security.protocol !== 'PLAINTEXT')
      throw new KfkError('streams demo runs on PLAINTEXT clusters only (like the ones kfk cluster up starts)', {
        hint: 'Run it against a local cluster: kfk cluster up, then kfk streams demo.',
      })
    const streams = (await describeFeatures(client)).find((s) => s.feature === 'streams.version')
    if (!streams || streams.finalizedVersionLevel < 1)
      throw new KfkError('this cluster has no streams groups: they need Kafka 4.2+, or 4.1 with the streams.version feature enabled', {
        hint: streams ? 'Enable it with: kfk features upgrade --feature streams.version=1' : 'Run a newer Kafka: kfk cluster up',
      })
    const java = findJava()
    const libDir = await ensureKafkaStreams(f['kafka-version'], (line) => this.note(line))
    const created = await createTopics(
      client,
      [f['input-topic'], f['output-topic']].map((name) => ({name, partitions: f.partitions})),
      {ifNotExists: true},
    )
    for (const r of created.results) if (!r.ok) throw new KfkError(`cannot create topic ${r.topic}: ${r.error}`)
    for (const r of created.results) if (r.status === 'created') this.note(`created topic ${r.topic}`)
    await client.close()
    this.note(`word count '${f['application-id']}': ${f['input-topic']} -> ${f['output-topic']} (Ctrl-C to stop)`)
    const workDir = join(stateRoot(), 'streams-demo', f['application-id'])
    mkdirSync(workDir, {recursive: true})
    const logFile = join(workDir, 'streams.log')
    // Kafka Streams' own WARN lines stay out of the user's shell: in the log file, or on stderr with --verbose.
    this.note(`its log: ${logFile}${this.verbose ? '' : ' (--verbose: also here)'}`)
    const {code, interrupted} = await runStreamsDemo(java, libDir, {
      bootstrap: client.settings.brokers.join(','),
      applicationId: f['application-id'],
      inputTopic: f['input-topic'],
      outputTopic: f['output-topic'],
      workDir,
      logFile,
      verbose: this.verbose,
      onState: (state) => this.note(`word count '${f['application-id']}': ${state}`),
    })
    if (interrupted) process.exit(EXIT.interrupted)
    if (code !== 0)
      throw new KfkError(`the Streams application stopped with exit ${code}`, {
        hint: `Its log (${logFile}) ends with:\n${tail(logFile, 10)}`,
      })
  }
}
