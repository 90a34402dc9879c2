import {Flags, type Interfaces} from '@oclif/core'
import type {UpOptions} from '../../cluster/local.js'
import {DEFAULT_KAFKA_VERSION} from '../../cluster/provision.js'
import {parseSecurityModes, SECURITY_MODES} from '../../cluster/security.js'
import {RELEASE_LINES, supportedRange} from '../../cluster/releases.js'
import {clusterNameFlag, waitFlag} from '../shared.js'

/** The release lines without KRaft: they run in ZooKeeper mode only. */
const ZOOKEEPER_ONLY = RELEASE_LINES.filter((r) => !r.kraft)
  .map((r) => r.line)
  .join(', ')

/** kfk cluster up: what a new cluster is made of (nodes, ports, release, mode, security), and how long to wait for it. */
export const clusterUpFlags = {
  brokers: Flags.integer({description: 'Number of nodes for a new cluster (1-9, default 1).', min: 1, max: 9}),
  name: clusterNameFlag,
  port: Flags.integer({description: 'Base port: brokers listen on PORT.., controllers on PORT+100..'}),
  'kafka-version': Flags.string({description: `Apache Kafka release to run (default ${DEFAULT_KAFKA_VERSION}).`}),
  'kafka-home': Flags.string({description: 'Use an unpacked Kafka distribution instead of fetching jars (env KAFKA_HOME).'}),
  zookeeper: Flags.boolean({
    description: `A ZooKeeper-mode cluster (Kafka ${supportedRange('zookeeper')}): one ZooKeeper from the release's jars on PORT+100, brokers keep their metadata there. Kafka ${ZOOKEEPER_ONLY} run only so.`,
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

export type ClusterUpFlagValues = Interfaces.InferredFlags<typeof clusterUpFlags>

/**
 * What `up` is asked for: --security's listener modes (its `authorizer` word is --authorizer), --zookeeper
 * as the mode, and only the replication defaults given (the others are the cluster's own).
 */
export function upOptions(f: ClusterUpFlagValues, onProgress: UpOptions['onProgress']): UpOptions {
  const asked = f.security === undefined ? undefined : parseSecurityModes(f.security)
  return {
    name: f.name,
    brokers: f.brokers,
    port: f.port,
    kafkaVersion: f['kafka-version'],
    kafkaHome: f['kafka-home'],
    mode: f.zookeeper ? 'zookeeper' : undefined,
    waitMs: f.wait * 1000,
    onProgress,
    security: asked?.modes.length ? asked.modes : undefined,
    authorizer: f.authorizer || asked?.authorizer,
    replication: {
      ...(f['default-replication-factor'] ? {defaultReplicationFactor: f['default-replication-factor']} : {}),
      ...(f['min-insync-replicas'] ? {minInsyncReplicas: f['min-insync-replicas']} : {}),
    },
  }
}
