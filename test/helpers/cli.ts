import {runProcess, type ProcessResult} from './process.js'
import {fileURLToPath} from 'node:url'

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url))

export type CliResult = ProcessResult

export interface CliOptions {
  input?: string | Buffer
  env?: NodeJS.ProcessEnv
  /** Kill the process after this long (ms); the test then sees code null. */
  timeoutMs?: number
  /** Connect to the test cluster (sets KAFKA_BOOTSTRAP_SERVERS); default true. */
  cluster?: boolean
}

/**
 * Runs kfk as a user would: the built CLI (bin/run.js), or from source with
 * KFK_TEST_CLI=dev (bin/dev.js, no build needed while developing).
 */
export function kfk(args: string[], options: CliOptions = {}): Promise<CliResult> {
  const bin = process.env.KFK_TEST_CLI === 'dev' ? 'bin/dev.js' : 'bin/run.js'
  const env: NodeJS.ProcessEnv = {...process.env, NO_COLOR: '1', ...options.env}
  if (options.cluster !== false && !options.env?.KAFKA_BOOTSTRAP_SERVERS) env.KAFKA_BOOTSTRAP_SERVERS = testBootstrap()
  const args0 = [...(bin === 'bin/dev.js' ? ['--import', 'tsx'] : []), `${ROOT}/${bin}`, ...args]
  return runProcess(process.execPath, args0, {cwd: ROOT, env, input: options.input, timeoutMs: options.timeoutMs})
}

/** The test cluster's bootstrap servers (started by scripts/run-tests.mjs, or given in KFK_TEST_BOOTSTRAP). */
export function testBootstrap(): string {
  const b = process.env.KFK_TEST_BOOTSTRAP
  if (!b)
    throw new Error('KFK_TEST_BOOTSTRAP is not set: run the suite with `npm test` (it starts a cluster), or point it at a running cluster')
  return b
}

/**
 * Ports of the clusters tests start (brokers at BASE..BASE+2, controllers at
 * BASE+100..BASE+102; test files run two at a time, so no two ranges may meet):
 * suite 19092, failover 19392, produce-chaos 19592, security 19992,
 * cluster lifecycle 20292, consume-chaos 20492, cli prerequisites 20692,
 * authorizer 22092 (one node; its SASL listener at 22292), Kafka 3.9 compatibility 21092,
 * ZooKeeper mode 21292 (2.8, its ZooKeeper at 21392) and 21492 (3.9, ZooKeeper at 21592);
 * the version matrix (npm run test:versions, not part of the suite) 24092.
 */

/** A name no other test uses, so tests can share one cluster. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`
}
