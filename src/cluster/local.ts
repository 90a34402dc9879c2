import {setTimeout as sleep} from 'node:timers/promises'
import {existsSync, mkdirSync, rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {KfkError} from '../cli/errors.js'
import {
  bootstrapServers,
  type ClusterState,
  CONTROLLER_PORT_OFFSET,
  HOST,
  jvmArgs,
  log4jConfig,
  log4jV1Config,
  MAX_NODES,
  metadataMode,
  newClusterId,
  type NodeState,
  type ReplicationDefaults,
  planNodes,
  planZooKeeper,
  serverProperties,
  zookeeperProperties,
} from './config.js'
import {findJava} from './java.js'
import {clusterDir} from './paths.js'
import {isRunning, portIsFree, processMarker, runCollecting, startJava, stopProcess, tail} from './process.js'
import {ensureKafka} from './provision.js'
import {atLeast, releaseLine, type MetadataMode} from './releases.js'
import {listenerOffsets, provisionSecurity, runJavaWithSecret, scramFormatArgs, securityModes, type SecurityMode} from './security.js'
import {startZooKeeper, stopZooKeeper, addScramUsers} from './zookeeper.js'
import {loadState, requireState, saveState} from './state.js'

export type Progress = (line: string) => void

export interface UpOptions {
  name: string
  /** Node count for a new cluster (default 1); an existing cluster keeps its own. */
  brokers?: number
  port?: number
  kafkaVersion?: string
  kafkaHome?: string
  /** Where a new cluster keeps its metadata (default KRaft); an existing cluster keeps its own. */
  mode?: MetadataMode
  waitMs: number
  onProgress: Progress
  /** Secured listeners for a new cluster (an existing cluster keeps its own). */
  security?: SecurityMode[]
  /** StandardAuthorizer with kfk's user as super user (adds the sasl-plaintext listener when missing). */
  authorizer?: boolean
  /** default.replication.factor and min.insync.replicas for a new cluster, where not replicationDefaults'. */
  replication?: Partial<ReplicationDefaults>
}

export const DEFAULT_PORT = 9092
const STOP_GRACE_MS = 10_000

export function nodeMarker(state: ClusterState, node: NodeState): string {
  return processMarker(state.name, node.id)
}

export function nodeRunning(state: ClusterState, node: NodeState): boolean {
  return isRunning(node.pid, nodeMarker(state, node))
}

/**
 * Starts (or restarts) a local KRaft cluster and waits until every broker
 * answers metadata. A running cluster is left as it is.
 */
export async function up(asked: UpOptions): Promise<{state: ClusterState; alreadyRunning: boolean}> {
  const options = {...asked, security: securityModes(asked.security, asked.authorizer ?? false)}
  if (options.brokers !== undefined && (!Number.isInteger(options.brokers) || options.brokers < 1 || options.brokers > MAX_NODES)) {
    throw new KfkError(`--brokers ${options.brokers} is out of range`, {exit: 2, hint: `A local cluster has 1 to ${MAX_NODES} nodes.`})
  }
  let state = loadState(options.name)
  const created = !state
  if (state && state.nodes.every((n) => nodeRunning(state!, n))) {
    if (options.brokers !== undefined && options.brokers !== state.nodes.length) {
      throw new KfkError(`cluster "${options.name}" is already running with ${state.nodes.length} node(s), not ${options.brokers}`, {
        hint: `Stop it first: kfk cluster down --name ${options.name} --purge`,
      })
    }
    checkSameSecurity(state, asked.security && options.security, options.authorizer)
    checkSameMode(state, options.mode)
    return {state, alreadyRunning: true}
  }
  const java = findJava()
  if (state) checkSameSecurity(state, asked.security && options.security, options.authorizer)
  if (state) checkSameMode(state, options.mode)
  if (state) {
    if (options.brokers !== undefined && options.brokers !== state.nodes.length) {
      throw new KfkError(`cluster "${options.name}" was created with ${state.nodes.length} node(s), not ${options.brokers}`, {
        hint: `Remove it first to change its size: kfk cluster down --name ${options.name} --purge`,
      })
    }
    options.onProgress(`restarting cluster "${state.name}" (data kept)`)
  } else {
    // Kafka 2.8-3.2 run only in ZooKeeper mode: asking for such a release asks for that.
    const onlyZooKeeper = options.kafkaVersion !== undefined && releaseLine(options.kafkaVersion)?.kraft === false
    const mode = options.mode ?? (onlyZooKeeper ? 'zookeeper' : 'kraft')
    const runtime = await ensureKafka({
      version: options.kafkaVersion,
      kafkaHome: options.kafkaHome ?? process.env.KAFKA_HOME,
      mode,
      onProgress: options.onProgress,
    })
    const count = options.brokers ?? 1
    const replication = options.replication ?? {}
    if ((replication.defaultReplicationFactor ?? 1) > count || (replication.minInsyncReplicas ?? 1) > count)
      throw new KfkError(`a ${count}-node cluster cannot keep more than ${count} replica(s) of a partition`, {
        exit: 2,
        hint: `Use --default-replication-factor and --min-insync-replicas of at most ${count}, or more --brokers.`,
      })
    const offsets = listenerOffsets(options.security ?? [])
    const portBase = await choosePorts(options.name, count, options.port, offsets)
    const dir = clusterDir(options.name)
    state = {
      name: options.name,
      clusterId: newClusterId(),
      kafkaVersion: runtime.version,
      libDir: runtime.libDir,
      host: HOST,
      portBase,
      createdAt: new Date().toISOString(),
      nodes: planNodes(dir, count, portBase),
      ...(mode === 'zookeeper' ? {mode, zookeeper: planZooKeeper(dir, portBase)} : {}),
      ...(Object.keys(replication).length > 0 ? {replication} : {}),
    }
    if (options.security?.length) {
      options.onProgress(`making a CA and certificates for ${options.security.join(', ')} (openssl)`)
      state.security = await provisionSecurity(join(dir, 'security'), options.security, HOST, options.authorizer)
      if (!keepsScramUsers(state)) state.security.saslMechanism = 'PLAIN'
    }
    writeConfigs(state)
    saveState(state)
    if (mode === 'kraft') {
      options.onProgress(`formatting storage for ${state.nodes.length} node(s) (cluster id ${state.clusterId})`)
      await Promise.all(state.nodes.map((n) => format(java, state!, n))).catch(async (error: unknown) => {
        await abandonStart(state!, [], true)
        throw error
      })
    }
  }
  const stopped = state.nodes.filter((n) => !nodeRunning(state!, n))
  await checkPortsFree(state, stopped)
  writeLogConfigs(state)
  try {
    if (state.zookeeper) {
      options.onProgress(`starting ZooKeeper at ${state.host}:${state.zookeeper.port}`)
      await startZooKeeper(java, state, javaBase(state, state.zookeeper.dir), options.waitMs)
      if (created && state.security) await addScramUsers(java, state, javaBase(state, state.zookeeper.dir))
    }
  } catch (error) {
    await abandonStart(state, [], created)
    throw error
  }
  for (const node of stopped) startNodeProcess(java, state, node)
  saveState(state)
  const how = state.zookeeper ? ' (ZooKeeper mode)' : ''
  options.onProgress(`starting Apache Kafka ${state.kafkaVersion}${how}: ${state.nodes.length} node(s) at ${bootstrapServers(state)}`)
  try {
    const clusterId = await waitForBrokers(
      state,
      state.nodes.map((n) => n.id),
      options.waitMs,
      options.onProgress,
    )
    // A ZooKeeper-mode cluster takes its id from ZooKeeper at the first start, not from kfk.
    if (clusterId && clusterId !== state.clusterId) {
      state.clusterId = clusterId
      saveState(state)
    }
  } catch (error) {
    // The logs go with a cluster this start made: keep their last lines in the hint.
    const log = created ? state.nodes.map((n) => tail(n.logFile, 8)).find(Boolean) : undefined
    await abandonStart(state, stopped, created)
    if (!created || !(error instanceof KfkError)) throw error
    throw new KfkError(`${error.message}; its nodes were stopped and the cluster removed`, {
      hint: error.hint?.startsWith('Its log') ? error.hint : log ? `The log of its first node ended with:\n${log}` : error.hint,
    })
  }
  return {state, alreadyRunning: false}
}

/**
 * A start that did not come up leaves nothing that claims to run: the nodes it
 * started are stopped, and a cluster made by this very start is removed (its
 * logs are kept beside the error, in the hint), so `cluster status` never
 * lists a half-started cluster.
 */
async function abandonStart(state: ClusterState, started: NodeState[], created: boolean): Promise<void> {
  await Promise.all(started.map((n) => (n.pid ? stopProcess(n.pid, nodeMarker(state, n), STOP_GRACE_MS) : undefined)))
  for (const n of started) delete n.pid
  if (created) await stopZooKeeper(state, STOP_GRACE_MS)
  if (created) rmSync(clusterDir(state.name), {recursive: true, force: true})
  else saveState(state)
}

export interface StopResult {
  id: number
  result: 'stopped' | 'killed' | 'not-running'
}

/** Stops every node at once (SIGTERM, SIGKILL after a grace), optionally deleting all data. */
export async function down(name: string, purge: boolean): Promise<{state?: ClusterState; nodes: StopResult[]; purged: boolean}> {
  const state = loadState(name)
  if (!state) {
    if (purge) rmSync(clusterDir(name), {recursive: true, force: true})
    return {nodes: [], purged: purge}
  }
  const nodes = await Promise.all(
    state.nodes.map(async (n) => ({
      id: n.id,
      result: n.pid ? await stopProcess(n.pid, nodeMarker(state, n), STOP_GRACE_MS) : ('not-running' as const),
    })),
  )
  for (const n of state.nodes) delete n.pid
  // ZooKeeper goes last: brokers stopping cleanly deregister there.
  await stopZooKeeper(state, STOP_GRACE_MS)
  if (purge) rmSync(clusterDir(name), {recursive: true, force: true})
  else saveState(state)
  return {state, nodes, purged: purge}
}

export async function stopNode(name: string, id: number): Promise<StopResult> {
  const state = requireState(name)
  const node = findNode(state, id)
  const result = node.pid ? await stopProcess(node.pid, nodeMarker(state, node), STOP_GRACE_MS) : 'not-running'
  delete node.pid
  saveState(state)
  return {id, result}
}

export async function startNode(
  name: string,
  id: number,
  waitMs: number,
  onProgress: Progress,
): Promise<{state: ClusterState; alreadyRunning: boolean}> {
  const state = requireState(name)
  const node = findNode(state, id)
  if (nodeRunning(state, node)) return {state, alreadyRunning: true}
  const java = findJava()
  await checkPortsFree(state, [node])
  writeLogConfigs(state)
  startNodeProcess(java, state, node)
  saveState(state)
  onProgress(`starting node ${id} at ${state.host}:${node.brokerPort}`)
  await waitForBrokers(state, [id], waitMs, onProgress)
  return {state, alreadyRunning: false}
}

export function findNode(state: ClusterState, id: number): NodeState {
  const node = state.nodes.find((n) => n.id === id)
  if (!node) {
    throw new KfkError(`cluster "${state.name}" has no node ${id}`, {
      exit: 2,
      hint: `Its nodes are ${state.nodes.map((n) => n.id).join(', ')}.`,
    })
  }
  return node
}

function checkSameMode(state: ClusterState, wanted: MetadataMode | undefined): void {
  if (wanted === undefined || wanted === metadataMode(state)) return
  throw new KfkError(`cluster "${state.name}" was created in ${metadataMode(state) === 'zookeeper' ? 'ZooKeeper' : 'KRaft'} mode`, {
    hint: `Remove it first to change its mode: kfk cluster down --name ${state.name} --purge`,
  })
}

function checkSameSecurity(state: ClusterState, wanted: SecurityMode[] | undefined, authorizer: boolean | undefined): void {
  if (authorizer && !state.security?.authorizer)
    throw new KfkError(`cluster "${state.name}" was created without --authorizer`, {
      hint: `Remove it first to add one: kfk cluster down --name ${state.name} --purge`,
    })
  if (wanted === undefined) return
  const have = state.security?.modes ?? []
  // The same listeners in any order (an --authorizer cluster added sasl-plaintext itself).
  if ([...have].sort().join(',') !== [...wanted].sort().join(',')) {
    throw new KfkError(
      `cluster "${state.name}" was created with ${have.length > 0 ? `--security ${have.join(',')}` : 'no --security'}, not ${wanted.join(',')}`,
      {
        hint: `Remove it first to change its listeners: kfk cluster down --name ${state.name} --purge`,
      },
    )
  }
}

function writeConfigs(state: ClusterState): void {
  const dir = clusterDir(state.name)
  mkdirSync(dir, {recursive: true})
  writeLogConfigs(state)
  if (state.zookeeper) {
    mkdirSync(state.zookeeper.dir, {recursive: true})
    writeFileSync(state.zookeeper.configFile, zookeeperProperties(state.host, state.zookeeper))
  }
  for (const node of state.nodes) {
    mkdirSync(node.dir, {recursive: true})
    // With SASL the file holds the PLAIN user list: owner-only.
    writeFileSync(node.configFile, serverProperties(state, node), {mode: state.security ? 0o600 : 0o644})
  }
}

/** Both log4j configs, written at every start, so a cluster made by an older kfk gets the one it lacked. */
function writeLogConfigs(state: ClusterState): void {
  const dir = clusterDir(state.name)
  writeFileSync(join(dir, 'log4j2.properties'), log4jConfig())
  writeFileSync(join(dir, 'log4j.properties'), log4jV1Config())
}

/** The classpath and logging of a java process of the cluster whose server.log goes to `logDir`. */
function javaBase(state: ClusterState, logDir: string): string[] {
  return [
    '-cp',
    join(state.libDir, '*'),
    `-Dlog4j2.configurationFile=${join(clusterDir(state.name), 'log4j2.properties')}`,
    `-Dlog4j.configuration=file:${join(clusterDir(state.name), 'log4j.properties')}`,
    `-Dkafka.logs.dir=${logDir}`,
  ]
}

function startNodeProcess(java: string, state: ClusterState, node: NodeState): void {
  const args = [...jvmArgs(), nodeMarker(state, node), ...javaBase(state, node.dir), 'kafka.Kafka', node.configFile]
  node.pid = startJava(java, args, join(node.dir, 'stdout.log'), node.dir)
}

/**
 * Features a release has but does not turn on by itself, enabled at format so
 * every kind of group works: share groups (share.version) are on by default
 * from Kafka 4.2 and a preview in 4.1; streams groups need 4.2 (4.1 has no
 * streams.version level 1 to enable).
 */
export function featureFormatArgs(kafkaVersion: string): string[] {
  return /^4\.1\./.test(kafkaVersion) ? ['--feature', 'share.version=1'] : []
}

/** KRaft keeps SCRAM users from 3.5 (KIP-900); before, a SASL listener offers PLAIN alone. ZooKeeper keeps them in every release. */
function keepsScramUsers(state: ClusterState): boolean {
  return metadataMode(state) === 'zookeeper' || atLeast(state.kafkaVersion, '3.5')
}

async function format(java: string, state: ClusterState, node: NodeState): Promise<void> {
  if (existsSync(join(node.dataDir, 'meta.properties'))) return
  const args = [
    ...javaBase(state, node.dir),
    'kafka.tools.StorageTool',
    'format',
    '-t',
    state.clusterId,
    '-c',
    node.configFile,
    '--ignore-formatted',
    ...featureFormatArgs(state.kafkaVersion),
  ]
  const scram = state.security && keepsScramUsers(state) ? scramFormatArgs(state.security) : []
  const {code, output} =
    scram.length > 0
      ? await runJavaWithSecret(java, ['-Xmx256m'], [...args, ...scram], join(node.dir, 'format.args'))
      : await runCollecting(java, ['-Xmx256m', ...args])
  if (code !== 0)
    throw new KfkError(`formatting storage of node ${node.id} failed (exit ${code})`, {
      hint: output.trim().split('\n').slice(-5).join('\n'),
    })
}

async function choosePorts(name: string, count: number, requested?: number, offsets: number[] = []): Promise<number> {
  if (requested !== undefined) {
    if (!Number.isInteger(requested) || requested < 1024 || requested + CONTROLLER_PORT_OFFSET + count > 65_535) {
      throw new KfkError(`--port ${requested} is out of range`, {
        exit: 2,
        hint: 'Choose a base port between 1024 and 65000, for example --port 9092.',
      })
    }
    await assertFree(requested, count, offsets)
    return requested
  }
  if (name === 'local') {
    await assertFree(DEFAULT_PORT, count, offsets)
    return DEFAULT_PORT
  }
  // Another named cluster: the first free block above the default one.
  for (let base = DEFAULT_PORT + 1000; base < 60_000; base += 1000) {
    if (await allFree(base, count, offsets)) return base
  }
  throw new KfkError('found no free block of ports for the cluster', {hint: 'Choose one with --port BASE.'})
}

function portsOf(base: number, count: number, offsets: number[] = []): number[] {
  return Array.from({length: count}, (_, i) => [base + i, base + CONTROLLER_PORT_OFFSET + i, ...offsets.map((o) => base + o + i)]).flat()
}

async function allFree(base: number, count: number, offsets: number[] = []): Promise<boolean> {
  for (const port of portsOf(base, count, offsets)) if (!(await portIsFree(port, HOST))) return false
  return true
}

async function assertFree(base: number, count: number, offsets: number[] = []): Promise<void> {
  for (const port of portsOf(base, count, offsets)) {
    if (!(await portIsFree(port, HOST))) {
      throw new KfkError(`port ${port} on ${HOST} is already in use`, {
        hint: `Choose other ports with --port BASE (brokers use BASE.., controllers BASE+${CONTROLLER_PORT_OFFSET}..).`,
      })
    }
  }
}

async function checkPortsFree(state: ClusterState, nodes: NodeState[]): Promise<void> {
  for (const node of nodes) {
    for (const port of [
      node.brokerPort,
      // In ZooKeeper mode node 1's controller port is the ZooKeeper's, which may well be running.
      ...(state.zookeeper ? [] : [node.controllerPort]),
      ...listenerOffsets(state.security?.modes ?? []).map((o) => node.brokerPort + o),
    ]) {
      if (!(await portIsFree(port, state.host))) {
        throw new KfkError(`port ${port} on ${state.host}, needed by node ${node.id} of cluster "${state.name}", is already in use`, {
          hint: 'Stop whatever holds it, or remove this cluster (kfk cluster down --purge) and choose other ports with --port.',
        })
      }
    }
  }
}

/** A client of the running nodes' broker listeners with short timeouts: a local cluster answers fast or not at all. */
async function localClient(state: ClusterState, clientId: string) {
  const {KafkaClient} = await import('../core/kafkajs/client.js')
  return new KafkaClient({
    brokers: state.nodes.filter((n) => nodeRunning(state, n)).map((n) => `${state.host}:${n.brokerPort}`),
    clientId,
    timeoutMs: 2000,
    requestTimeoutMs: 2000,
    verbose: false,
    sources: {brokers: 'flag', timeoutMs: 'default'},
    isDefaultAddress: false,
  })
}

/**
 * The cluster's finalized feature levels by name (metadata.version, share.version,
 * streams.version ...); null when no node runs or answers, or the listeners are
 * secured (kfk status does not hold the credentials).
 */
export async function finalizedFeatures(state: ClusterState): Promise<Record<string, number> | null> {
  if (state.security || !state.nodes.some((n) => nodeRunning(state, n))) return null
  const {describeFeatures} = await import('../core/features/features.js')
  const client = await localClient(state, 'kfk-cluster-status')
  try {
    const features = await describeFeatures(client)
    return Object.fromEntries(features.filter((f) => f.finalizedVersionLevel > 0).map((f) => [f.feature, f.finalizedVersionLevel]))
  } catch {
    return null
  } finally {
    await client.close()
  }
}

/** Polls metadata until every wanted node is a registered broker, and returns the cluster id; fails fast when a node's process dies. */
async function waitForBrokers(state: ClusterState, ids: number[], waitMs: number, onProgress: Progress): Promise<string> {
  const {describeCluster} = await import('../core/cluster-info.js')
  const deadline = Date.now() + waitMs
  let lastCount = -1
  for (;;) {
    for (const node of state.nodes) {
      if (ids.includes(node.id) && !nodeRunning(state, node)) {
        const log = tail(join(node.dir, 'stdout.log'), 5) || tail(node.logFile, 15)
        throw new KfkError(`node ${node.id} of cluster "${state.name}" exited while starting`, {
          hint: `Its log (${node.logFile}) ends with:\n${log}`,
        })
      }
    }
    const client = await localClient(state, 'kfk-cluster-up')
    try {
      const info = await describeCluster(client)
      const registered = new Set(info.brokers.map((b) => b.id))
      const count = ids.filter((id) => registered.has(id)).length
      if (count === ids.length) return info.clusterId
      if (count !== lastCount) onProgress(`waiting for brokers: ${count}/${ids.length} up`)
      lastCount = count
    } catch {
      // not answering yet
    } finally {
      await client.close()
    }
    if (Date.now() > deadline) {
      throw new KfkError(`cluster "${state.name}" did not come up within ${Math.round(waitMs / 1000)} s`, {
        hint: `See its logs: kfk cluster logs --name ${state.name}`,
      })
    }
    await sleep(300)
  }
}
