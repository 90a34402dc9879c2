import {randomBytes} from 'node:crypto'
import {join} from 'node:path'
import type {MetadataMode} from './releases.js'
import {type ClusterSecurity, internalListeners, nodeListeners, securityServerProperties} from './security.js'

/** One node of a local cluster: a combined broker+controller java process (a broker alone in ZooKeeper mode). */
export interface NodeState {
  id: number
  brokerPort: number
  /** The KRaft controller's port (unused in ZooKeeper mode). */
  controllerPort: number
  dir: string
  dataDir: string
  configFile: string
  logFile: string
  pid?: number
}

/** The one ZooKeeper server of a ZooKeeper-mode cluster, run from the same release's jars. */
export interface ZooKeeperState {
  port: number
  dir: string
  dataDir: string
  configFile: string
  logFile: string
  pid?: number
}

export interface ClusterState {
  name: string
  clusterId: string
  kafkaVersion: string
  libDir: string
  host: string
  portBase: number
  createdAt: string
  nodes: NodeState[]
  /** Where the cluster keeps its metadata; absent in clusters made before ZooKeeper mode: KRaft. */
  mode?: MetadataMode
  /** The ZooKeeper server of a ZooKeeper-mode cluster. */
  zookeeper?: ZooKeeperState
  /** Secured listeners (cluster up --security), absent for a plaintext-only cluster. */
  security?: ClusterSecurity
  /** The brokers' default.replication.factor and min.insync.replicas, when cluster up was told (else replicationDefaults). */
  replication?: Partial<ReplicationDefaults>
}

export interface ReplicationDefaults {
  defaultReplicationFactor: number
  minInsyncReplicas: number
}

/**
 * What a production cluster would set, scaled to N nodes: new topics on
 * min(N, 3) brokers and acks=all needing min(N-1, 2) of them, so a topic made
 * without -r on a 3-node practice cluster survives `kfk cluster stop-node`.
 * Internal topics use the same numbers.
 */
export function replicationDefaults(nodes: number, asked: Partial<ReplicationDefaults> = {}): ReplicationDefaults {
  return {
    defaultReplicationFactor: asked.defaultReplicationFactor ?? Math.min(nodes, 3),
    minInsyncReplicas: asked.minInsyncReplicas ?? Math.max(1, Math.min(nodes - 1, 2)),
  }
}

export const HOST = '127.0.0.1'
/** Controller ports sit this far above the broker ports: 9092.. for brokers, 9192.. for controllers. */
export const CONTROLLER_PORT_OFFSET = 100
export const MAX_NODES = 9

export function metadataMode(state: Pick<ClusterState, 'mode'>): MetadataMode {
  return state.mode ?? 'kraft'
}

export function bootstrapServers(state: Pick<ClusterState, 'host' | 'nodes'>): string {
  return state.nodes.map((n) => `${state.host}:${n.brokerPort}`).join(',')
}

export function planNodes(dir: string, count: number, portBase: number): NodeState[] {
  return Array.from({length: count}, (_, i) => {
    const id = i + 1
    const nodeDir = join(dir, `node-${id}`)
    return {
      id,
      brokerPort: portBase + i,
      controllerPort: portBase + CONTROLLER_PORT_OFFSET + i,
      dir: nodeDir,
      dataDir: join(nodeDir, 'data'),
      configFile: join(nodeDir, 'server.properties'),
      logFile: join(nodeDir, 'server.log'),
    }
  })
}

/** ZooKeeper of a ZooKeeper-mode cluster listens where node 1's controller would: BASE+100. */
export function planZooKeeper(dir: string, portBase: number): ZooKeeperState {
  const zkDir = join(dir, 'zookeeper')
  return {
    port: portBase + CONTROLLER_PORT_OFFSET,
    dir: zkDir,
    dataDir: join(zkDir, 'data'),
    configFile: join(zkDir, 'zookeeper.properties'),
    logFile: join(zkDir, 'server.log'),
  }
}

/** zookeeper.properties as Kafka's config/zookeeper.properties, on the loopback address and without the admin server. */
export function zookeeperProperties(host: string, zk: ZooKeeperState): string {
  return (
    [
      '# Written by kfk cluster up: the ZooKeeper of a ZooKeeper-mode cluster',
      `dataDir=${zk.dataDir}`,
      `clientPort=${zk.port}`,
      `clientPortAddress=${host}`,
      'maxClientCnxns=0',
      'admin.enableServer=false',
      '4lw.commands.whitelist=ruok,srvr',
    ].join('\n') + '\n'
  )
}

/** A Kafka cluster id: 16 random bytes, base64url without padding, as Kafka's Uuid.randomUuid (never starting with '-'). */
export function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url')
    if (!id.startsWith('-')) return id
  }
}

/** server.properties for one node: KRaft combined mode with a static voter set, or a ZooKeeper-mode broker. */
export function serverProperties(
  state: Pick<ClusterState, 'host' | 'nodes' | 'security' | 'replication' | 'mode' | 'zookeeper'>,
  node: NodeState,
): string {
  const n = state.nodes.length
  const rf = Math.min(n, 3)
  const minIsr = rf >= 3 ? 2 : 1
  const defaults = replicationDefaults(n, state.replication)
  const secured = nodeListeners(state.security, node.brokerPort)
  const internal = internalListeners(state.security)
  const extra = (form: (l: (typeof secured)[number]) => string) => secured.map((l) => ',' + form(l)).join('')
  const plaintext = `PLAINTEXT://${state.host}:${node.brokerPort}`
  const securedListeners = extra((l) => `${l.name}://${state.host}:${l.port}`)
  const advertised = plaintext + securedListeners
  const protocols = extra((l) => `${l.name}:${l.protocol}`)
  const voters = state.nodes.map((v) => `${v.id}@${state.host}:${v.controllerPort}`).join(',')
  const metadata: Array<[string, string | number]> =
    metadataMode(state) === 'zookeeper'
      ? [
          ['broker.id', node.id],
          ['zookeeper.connect', `${state.host}:${state.zookeeper!.port}`],
          ['listeners', advertised],
          ['advertised.listeners', advertised],
          ['listener.security.protocol.map', `PLAINTEXT:PLAINTEXT${protocols}`],
        ]
      : [
          ['process.roles', 'broker,controller'],
          ['node.id', node.id],
          ['controller.quorum.voters', voters],
          ['listeners', `${plaintext},CONTROLLER://${state.host}:${node.controllerPort}${securedListeners}`],
          ['advertised.listeners', advertised],
          ['controller.listener.names', 'CONTROLLER'],
          ['listener.security.protocol.map', `CONTROLLER:${internal.controllerProtocol},PLAINTEXT:PLAINTEXT${protocols}`],
        ]
  const props: Array<[string, string | number]> = [
    ...metadata,
    ['inter.broker.listener.name', internal.interBroker],
    ['log.dirs', node.dataDir],
    ['num.partitions', 1],
    ['default.replication.factor', defaults.defaultReplicationFactor],
    ['min.insync.replicas', defaults.minInsyncReplicas],
    // Internal topics replicated as widely as the cluster allows, up to 3.
    ['offsets.topic.replication.factor', rf],
    ['transaction.state.log.replication.factor', rf],
    ['transaction.state.log.min.isr', minIsr],
    ['share.coordinator.state.topic.replication.factor', rf],
    ['share.coordinator.state.topic.min.isr', minIsr],
    // Local groups start at once instead of waiting 3 s for more members.
    ['group.initial.rebalance.delay.ms', 0],
    ['log.segment.bytes', 256 * 1024 * 1024],
    ...(state.security ? securityServerProperties(state.security, metadataMode(state)) : []),
  ]
  return `# Written by kfk cluster up; node ${node.id} of ${n}\n` + props.map(([k, v]) => `${k}=${v}`).join('\n') + '\n'
}

/**
 * The same in log4j 1.x form: Kafka before 4.0 logs through SLF4J to log4j 1
 * (reload4j), and kfk's jar folder holds both bindings, so whichever SLF4J
 * picks finds its config.
 */
export function log4jV1Config(): string {
  return [
    'log4j.rootLogger=INFO, file',
    'log4j.appender.file=org.apache.log4j.FileAppender',
    'log4j.appender.file.File=${kafka.logs.dir}/server.log',
    'log4j.appender.file.layout=org.apache.log4j.PatternLayout',
    'log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n',
    'log4j.logger.kafka=INFO',
    'log4j.logger.state.change.logger=WARN',
    '',
  ].join('\n')
}

/** log4j2 config: the broker logs to server.log in its node directory, nothing to the console. */
export function log4jConfig(): string {
  return [
    'status = warn',
    'appender.file.type = File',
    'appender.file.name = FILE',
    'appender.file.fileName = ${sys:kafka.logs.dir}/server.log',
    'appender.file.layout.type = PatternLayout',
    'appender.file.layout.pattern = [%d] %p %m (%c)%n',
    'rootLogger.level = INFO',
    'rootLogger.appenderRef.file.ref = FILE',
    'logger.kafka.name = kafka',
    'logger.kafka.level = INFO',
    'logger.state.name = state.change.logger',
    'logger.state.level = WARN',
    '',
  ].join('\n')
}

/** JVM flags as kafka-run-class.sh sets them; KAFKA_HEAP_OPTS and KAFKA_JVM_PERFORMANCE_OPTS override. */
export function jvmArgs(env = process.env): string[] {
  const heap = env.KAFKA_HEAP_OPTS?.split(/\s+/).filter(Boolean) ?? ['-Xms256m', '-Xmx1g']
  const perf = env.KAFKA_JVM_PERFORMANCE_OPTS?.split(/\s+/).filter(Boolean) ?? [
    '-server',
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    '-XX:InitiatingHeapOccupancyPercent=35',
    '-XX:+ExplicitGCInvokesConcurrent',
    '-Djava.awt.headless=true',
  ]
  return [...heap, ...perf]
}
