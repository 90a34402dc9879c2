import {Flags} from '@oclif/core'
import {BaseCommand} from '../../cli/base-command.js'
import {nodeRunning, up} from '../../cluster/local.js'
import {clusterNameFlag, waitFlag} from '../../flags/shared.js'
import {progressLine} from '../../output/progress.js'
import {authorizerLine, listenerLine, localClusterJson, type LocalClusterJson} from '../../output/views/cluster.js'
import {DEFAULT_KAFKA_VERSION} from '../../cluster/provision.js'
import {parseSecurityModes, SECURITY_MODES} from '../../cluster/security.js'
import {saveClusterProfile} from '../../cluster/profile.js'
import {RELEASE_LINES, supportedRange} from '../../cluster/releases.js'

export default class ClusterUp extends BaseCommand<typeof ClusterUp> {
  static override summary = 'Start a real local Apache Kafka cluster (KRaft or ZooKeeper), no Docker needed.'
  static override description = `Each node is a combined broker+controller java process on 127.0.0.1. Kafka's jars come from --kafka-home/KAFKA_HOME, or are fetched once from Maven Central with mvn into ~/.cache/kfk. Brokers listen on BASE.., controllers on BASE+100.. (BASE is --port, 9092 for the cluster named "local").`
  static override examples = [
    '<%= config.bin %> cluster up',
    '<%= config.bin %> cluster up --brokers 3',
    '<%= config.bin %> cluster up --name ci --port 19092 --json',
    '<%= config.bin %> cluster up --name legacy --kafka-version 3.9.2 --zookeeper',
  ]

  static override flags = {
    brokers: Flags.integer({description: 'Number of nodes for a new cluster (1-9, default 1).', min: 1, max: 9}),
    name: clusterNameFlag,
    port: Flags.integer({description: 'Base port: brokers listen on PORT.., controllers on PORT+100..'}),
    'kafka-version': Flags.string({description: `Apache Kafka release to run (default ${DEFAULT_KAFKA_VERSION}).`}),
    'kafka-home': Flags.string({description: 'Use an unpacked Kafka distribution instead of fetching jars (env KAFKA_HOME).'}),
    zookeeper: Flags.boolean({
      description: `A ZooKeeper-mode cluster (Kafka ${supportedRange('zookeeper')}): one ZooKeeper from the release's jars on PORT+100, brokers keep their metadata there. Kafka ${RELEASE_LINES.filter(
        (r) => !r.kraft,
      )
        .map((r) => r.line)
        .join(', ')} run only so.`,
    }),
    wait: waitFlag,
    security: Flags.string({
      helpValue: 'MODE[,MODE]',
      description: `Add secured listeners: ${SECURITY_MODES.join(', ')} (comma-separated; ports BASE+200.., +300.., +400.., +500.., +600..; oauthbearer believes any unsecured token; authorizer is --authorizer). One user "kfk" (PLAIN, SCRAM-SHA-256/512), a CA made with openssl; the profile named after the cluster connects through the first mode.`,
    }),
    'default-replication-factor': Flags.integer({
      min: 1,
      description: "Brokers' default.replication.factor for topics made without -r (default min(brokers, 3)).",
    }),
    'min-insync-replicas': Flags.integer({
      min: 1,
      description: "Brokers' min.insync.replicas: replicas an acks=all write needs (default min(brokers - 1, 2), at least 1).",
    }),
    authorizer: Flags.boolean({
      description:
        'Turn on ACLs (KRaft StandardAuthorizer, allow.everyone.if.no.acl.found=false): user "kfk" is the super user and the profile logs in as it (SASL, adding the sasl-plaintext listener); anyone else, including plaintext clients (User:ANONYMOUS), needs ACLs.',
    }),
  }

  async run(): Promise<LocalClusterJson & {profile: string}> {
    const asked = this.flags.security === undefined ? undefined : parseSecurityModes(this.flags.security)
    const progress = progressLine()
    const {state, alreadyRunning} = await up({
      name: this.flags.name,
      brokers: this.flags.brokers,
      port: this.flags.port,
      kafkaVersion: this.flags['kafka-version'],
      kafkaHome: this.flags['kafka-home'],
      mode: this.flags.zookeeper ? 'zookeeper' : undefined,
      waitMs: this.flags.wait * 1000,
      onProgress: progress,
      security: asked?.modes.length ? asked.modes : undefined,
      authorizer: this.flags.authorizer || asked?.authorizer,
      replication: {
        ...(this.flags['default-replication-factor'] ? {defaultReplicationFactor: this.flags['default-replication-factor']} : {}),
        ...(this.flags['min-insync-replicas'] ? {minInsyncReplicas: this.flags['min-insync-replicas']} : {}),
      },
    }).finally(() => progress.done())
    const profile = await saveClusterProfile(state)
    const view = localClusterJson(state, (id) =>
      nodeRunning(
        state,
        state.nodes.find((n) => n.id === id)!,
      ),
    )
    const what = alreadyRunning ? 'is already running' : 'is up'
    this.note(
      `cluster "${state.name}" ${what}: ${state.nodes.length} node(s), Apache Kafka ${state.kafkaVersion}, cluster id ${state.clusterId}`,
    )
    if (profile.created)
      this.note(`profile "${state.name}" saved${profile.active ? ' (active)' : ''}: kfk topics list --profile ${state.name}`)
    for (const l of view.security?.listeners ?? []) this.note(`  ${listenerLine(l)}`)
    if (view.security?.authorizer) this.note(`  ${authorizerLine(view.security.authorizer, view.security.listeners, view.mode)}`)
    this.out(view.bootstrapServers)
    return {...view, profile: state.name}
  }
}
