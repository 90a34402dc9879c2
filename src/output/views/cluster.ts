import {bootstrapServers, type ClusterState, metadataMode} from '../../cluster/config.js'
import type {MetadataMode} from '../../cluster/releases.js'
import {zookeeperRunning} from '../../cluster/zookeeper.js'
import type {ClusterInfo, QuorumInfo} from '../../core/cluster-info.js'
import type {BrokerApiVersions} from '../../core/brokers/api-versions.js'
import {listenerClients, type ListenerClient} from '../../cluster/security.js'
import {colors} from '../colors.js'

/** The stable --json shape of a local cluster (cluster up, cluster status). */
export interface LocalClusterJson {
  name: string
  clusterId: string
  kafkaVersion: string
  kafkaLibs: string
  /** Where the brokers keep metadata: a KRaft quorum (the nodes' controllers) or the cluster's ZooKeeper. */
  mode: MetadataMode
  bootstrapServers: string
  running: boolean
  nodes: Array<{
    id: number
    status: 'up' | 'down'
    pid: number | null
    brokerPort: number
    /** null in ZooKeeper mode (no controller listener). */
    controllerPort: number | null
    dataDir: string
    logFile: string
  }>
  /** The ZooKeeper server of a ZooKeeper-mode cluster. */
  zookeeper?: {status: 'up' | 'down'; pid: number | null; port: number; connect: string; dataDir: string; logFile: string}
  /** How to connect to each secured listener (cluster up --security); passwords are in files, never here. */
  security?: {listeners: ListenerClient[]; authorizer?: {superUsers: string[]}}
}

export function localClusterJson(state: ClusterState, isUp: (id: number) => boolean): LocalClusterJson {
  const nodes = state.nodes.map((n) => ({
    id: n.id,
    status: isUp(n.id) ? ('up' as const) : ('down' as const),
    pid: isUp(n.id) ? (n.pid ?? null) : null,
    brokerPort: n.brokerPort,
    controllerPort: state.zookeeper ? null : n.controllerPort,
    dataDir: n.dataDir,
    logFile: n.logFile,
  }))
  const zk = state.zookeeper
  const zkUp = zookeeperRunning(state)
  return {
    name: state.name,
    clusterId: state.clusterId,
    kafkaVersion: state.kafkaVersion,
    kafkaLibs: state.libDir,
    mode: metadataMode(state),
    bootstrapServers: bootstrapServers(state),
    running: nodes.every((n) => n.status === 'up') && (!zk || zkUp),
    nodes,
    ...(zk
      ? {
          zookeeper: {
            status: zkUp ? ('up' as const) : ('down' as const),
            pid: zkUp ? (zk.pid ?? null) : null,
            port: zk.port,
            connect: `${state.host}:${zk.port}`,
            dataDir: zk.dataDir,
            logFile: zk.logFile,
          },
        }
      : {}),
    ...(state.security
      ? {
          security: {
            listeners: listenerClients(
              state.security,
              state.host,
              state.nodes.map((n) => n.brokerPort),
            ),
            ...(state.security.authorizer ? {authorizer: state.security.authorizer} : {}),
          },
        }
      : {}),
  }
}

export function localClusterRows(view: LocalClusterJson): Array<Array<string | number>> {
  const c = colors()
  return view.nodes.map((n) => [
    n.id,
    n.status === 'up' ? c.green('up') : c.red('down'),
    n.pid ?? '-',
    n.brokerPort,
    n.controllerPort ?? '-',
    n.dataDir,
  ])
}

export const LOCAL_CLUSTER_HEAD = ['node', 'status', 'pid', 'broker port', 'controller port', 'data dir']

export function clusterInfoRows(info: ClusterInfo): Array<Array<string | number>> {
  const c = colors()
  return info.brokers.map((b) => [b.id === info.controller ? `${b.id} ${c.cyan('(controller)')}` : b.id, b.host, b.port, b.rack ?? '-'])
}

export const CLUSTER_INFO_HEAD = ['broker', 'host', 'port', 'rack']

export const QUORUM_HEAD = ['node', 'role', 'log end offset', 'lag']

export function quorumRows(quorum: QuorumInfo): Array<Array<string | number>> {
  const c = colors()
  const role = (id: number) => (id === quorum.leaderId ? c.cyan('leader') : 'follower')
  return [
    ...quorum.voters.map((v) => [v.id, role(v.id), v.logEndOffset, v.lag === 0 ? v.lag : c.yellow(String(v.lag))]),
    ...quorum.observers.map((o) => [o.id, 'observer', o.logEndOffset, o.lag]),
  ]
}

/**
 * cluster up's notes: the cluster (started, or already running), its profile when one was saved,
 * and how to connect to each secured listener.
 */
export function upNotes(view: LocalClusterJson, alreadyRunning: boolean, profile: {created: boolean; active: boolean}): string[] {
  const what = alreadyRunning ? 'is already running' : 'is up'
  return [
    `cluster "${view.name}" ${what}: ${view.nodes.length} node(s), Apache Kafka ${view.kafkaVersion}, cluster id ${view.clusterId}`,
    ...(profile.created
      ? [`profile "${view.name}" saved${profile.active ? ' (active)' : ''}: kfk topics list --profile ${view.name}`]
      : []),
    ...(view.security?.listeners ?? []).map((l) => `  ${listenerLine(l)}`),
    ...(view.security?.authorizer ? [`  ${authorizerLine(view.security.authorizer, view.security.listeners, view.mode)}`] : []),
  ]
}

/** One secured listener, as `cluster up` and `cluster status` print it. */
export function listenerLine(l: ListenerClient): string {
  const sasl = !l.saslMechanism
    ? ''
    : l.passwordFile
      ? `, ${l.saslMechanism} user ${l.username}, password in ${l.passwordFile}`
      : `, ${l.saslMechanism} with unsecured tokens (any subject is believed)`
  const tls = `${l.caFile ? `, CA ${l.caFile}` : ''}${l.certFile ? `, client cert ${l.certFile}` : ''}`
  return `${l.mode}: ${l.bootstrapServers} (${l.securityProtocol}${sasl}${tls})`
}

/** The authorizer line of cluster up and status. */
export function authorizerLine(
  authorizer: {superUsers: string[]},
  listeners: ReadonlyArray<{mode: string}> = [],
  mode: MetadataMode = 'kraft',
): string {
  const unsecured = listeners.some((l) => l.mode === 'oauthbearer')
    ? '; beware: the oauthbearer listener believes any token, so anyone can be a super user there'
    : ''
  const name = mode === 'zookeeper' ? 'AclAuthorizer, ACLs kept in ZooKeeper' : 'StandardAuthorizer'
  return `authorizer: ${name} (ACLs decide; super users ${authorizer.superUsers.join(', ')}; plaintext clients are User:ANONYMOUS${unsecured})`
}

/** One row an API, one column a broker ("min-max", "-" where unsupported), and whether kfk sends it. */
export function apiVersionsTable(brokers: readonly BrokerApiVersions[]): {head: string[]; rows: string[][]} {
  const keys = [...new Set(brokers.flatMap((b) => b.apis.map((a) => a.apiKey)))].sort((a, b) => a - b)
  const rows = keys.map((key) => {
    const any = brokers.flatMap((b) => b.apis).find((a) => a.apiKey === key)!
    const cells = brokers.map((b) => {
      const api = b.apis.find((a) => a.apiKey === key)
      if (!api) return b.error ? '?' : ''
      if (api.minVersion === null) return '-'
      return api.minVersion === api.maxVersion ? String(api.minVersion) : `${api.minVersion}-${api.maxVersion}`
    })
    return [`${any.name}(${key})`, ...cells, any.usedByKfk ? 'yes' : '']
  })
  return {head: ['api', ...brokers.map((b) => `broker ${b.id}`), 'kfk uses'], rows}
}
