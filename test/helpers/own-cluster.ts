/**
 * A cluster of a test file's own (3 nodes of the default Kafka unless told
 * otherwise), for tests that kill, stop or restart brokers or need another
 * Kafka version (they cannot share the suite's cluster): started in `before`, torn
 * down and purged in `after`, in a throwaway state directory. Ports: see the
 * plan in cli.ts.
 */
import assert from 'node:assert/strict'
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {after, before} from 'node:test'
import {kfk, type CliResult} from './cli.js'

export interface OwnCluster {
  /** `kfk cluster ...` on this cluster's state (up, status, stop-node, start-node). */
  local(args: string[]): Promise<CliResult>
  /** Any kfk command against this cluster's brokers (with --authorizer: as its super user, through the profile cluster up saved). */
  onCluster(args: string[], options?: {input?: string; env?: NodeJS.ProcessEnv}): Promise<CliResult>
  bootstrap(): string
  /** The pid of a node's java process. */
  pidOf(node: number): Promise<number>
  /** The leader of each partition of a topic, by partition. */
  leaders(topic: string): Promise<number[]>
}

export function ownCluster(
  name: string,
  port: string,
  options: {brokers?: number; kafkaVersion?: string; zookeeper?: boolean; authorizer?: boolean} = {},
): OwnCluster {
  const stateDir = mkdtempSync(join(tmpdir(), `${name}-`))
  let bootstrap = ''
  const local = (args: string[]) => kfk(args, {env: {KFK_STATE_DIR: stateDir}, cluster: false})
  const onCluster: OwnCluster['onCluster'] = (args, {input, env} = {}) =>
    options.authorizer
      ? kfk([...args, '--profile', name], {input, env: {KFK_STATE_DIR: stateDir, KAFKA_BOOTSTRAP_SERVERS: '', ...env}, cluster: false})
      : kfk(args, {input, env: {KFK_STATE_DIR: stateDir, KAFKA_BOOTSTRAP_SERVERS: bootstrap, ...env}})
  before(async () => {
    const version = options.kafkaVersion ? ['--kafka-version', options.kafkaVersion] : []
    const up = await local([
      'cluster',
      'up',
      '--name',
      name,
      '--brokers',
      String(options.brokers ?? 3),
      '--port',
      port,
      ...version,
      ...(options.zookeeper ? ['--zookeeper'] : []),
      ...(options.authorizer ? ['--authorizer'] : []),
      // One replica by default and acks=all satisfied by one, as these tests set what they need per topic.
      '--default-replication-factor',
      '1',
      '--min-insync-replicas',
      '1',
      '--json',
    ])
    assert.equal(up.code, 0, up.stderr)
    bootstrap = JSON.parse(up.stdout).bootstrapServers
  })
  after(async () => {
    await local(['cluster', 'down', '--name', name, '--purge'])
    rmSync(stateDir, {recursive: true, force: true})
  })
  return {
    local,
    onCluster,
    bootstrap: () => bootstrap,
    async pidOf(node) {
      const r = await local(['cluster', 'status', '--name', name, '--json'])
      return JSON.parse(r.stdout).nodes.find((n: {id: number}) => n.id === node).pid
    },
    async leaders(topic) {
      const r = await onCluster(['topics', 'describe', topic, '--json'])
      assert.equal(r.code, 0, r.stderr)
      return JSON.parse(r.stdout).topics[0].partitionDetails.map((p: {leader: number}) => p.leader)
    },
  }
}
