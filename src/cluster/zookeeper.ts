import {setTimeout as sleep} from 'node:timers/promises'
import {join} from 'node:path'
import {connect} from 'node:net'
import {KfkError} from '../cli/errors.js'
import type {ClusterState} from './config.js'
import {isRunning, processMarker, startJava, stopProcess, tail} from './process.js'
import {readPassword, runJavaWithSecret} from './security.js'

/**
 * The ZooKeeper of a ZooKeeper-mode local cluster: one server from the
 * release's own jars (Kafka's bin/zookeeper-server-start.sh runs the same
 * class), started before the brokers and stopped after them.
 */
export function zookeeperMarker(state: ClusterState): string {
  return processMarker(state.name, 'zookeeper')
}

export function zookeeperRunning(state: ClusterState): boolean {
  return !!state.zookeeper && isRunning(state.zookeeper.pid, zookeeperMarker(state))
}

/** Starts the ZooKeeper unless it runs, and waits until it answers "imok". */
export async function startZooKeeper(java: string, state: ClusterState, javaBase: string[], waitMs: number): Promise<void> {
  const zk = state.zookeeper!
  if (!zookeeperRunning(state)) {
    const args = [
      '-Xms64m',
      '-Xmx256m',
      zookeeperMarker(state),
      ...javaBase,
      'org.apache.zookeeper.server.quorum.QuorumPeerMain',
      zk.configFile,
    ]
    zk.pid = startJava(java, args, join(zk.dir, 'stdout.log'), zk.dir)
  }
  const deadline = Date.now() + waitMs
  while ((await fourLetterWord(state.host, zk.port, 'ruok')) !== 'imok') {
    if (!zookeeperRunning(state))
      throw new KfkError(`the ZooKeeper of cluster "${state.name}" exited while starting`, {
        hint: `Its log (${zk.logFile}) ends with:\n${tail(join(zk.dir, 'stdout.log'), 5) || tail(zk.logFile, 15)}`,
      })
    if (Date.now() > deadline)
      throw new KfkError(`the ZooKeeper of cluster "${state.name}" did not answer within ${Math.round(waitMs / 1000)} s`, {
        hint: `See its log: ${zk.logFile}`,
      })
    await sleep(200)
  }
}

export async function stopZooKeeper(state: ClusterState, graceMs: number): Promise<void> {
  const zk = state.zookeeper
  if (zk?.pid) await stopProcess(zk.pid, zookeeperMarker(state), graceMs)
  if (zk) delete zk.pid
}

/**
 * Creates the cluster's SCRAM user in ZooKeeper before any broker starts, as
 * kafka-configs.sh --zookeeper does (KRaft clusters get theirs at format).
 * The password goes in a java @argfile (0600, deleted after use), never on
 * the command line.
 */
export async function addScramUsers(java: string, state: ClusterState, javaBase: string[]): Promise<void> {
  const sec = state.security!
  if (!sec.modes.some((m) => m.startsWith('sasl-'))) return
  const password = readPassword(sec)
  const argsFile = join(state.zookeeper!.dir, 'scram.args')
  const args = [
    ...javaBase,
    'kafka.admin.ConfigCommand',
    '--zookeeper',
    `${state.host}:${state.zookeeper!.port}`,
    '--alter',
    '--add-config',
    `SCRAM-SHA-256=[password=${password}],SCRAM-SHA-512=[password=${password}]`,
    '--entity-type',
    'users',
    '--entity-name',
    sec.username,
  ]
  const {code, output} = await runJavaWithSecret(java, ['-Xmx256m'], args, argsFile)
  if (code !== 0)
    throw new KfkError(`creating the SCRAM user "${sec.username}" in ZooKeeper failed (exit ${code})`, {
      hint: output.trim().split('\n').slice(-5).join('\n'),
    })
}

/** A ZooKeeper four-letter word's answer ('' when it does not answer within a second). */
function fourLetterWord(host: string, port: number, word: string): Promise<string> {
  return new Promise((resolve) => {
    let answer = ''
    const socket = connect({host, port}, () => socket.end(word))
    socket.setTimeout(1000, () => socket.destroy())
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')))
    socket.on('close', () => resolve(answer.trim()))
    socket.on('error', () => resolve(''))
  })
}
