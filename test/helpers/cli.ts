import {spawn} from 'node:child_process'
import {fileURLToPath} from 'node:url'

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url))

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
  /** stdout as raw bytes, for byte-exact checks. */
  stdoutBytes: Buffer
  ms: number
}

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
  const started = Date.now()
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(bin === 'bin/dev.js' ? ['--import', 'tsx'] : []), `${ROOT}/${bin}`, ...args], {cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe']})
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (d: Buffer) => out.push(d))
    child.stderr.on('data', (d: Buffer) => err.push(d))
    const timer = options.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs) : undefined
    child.on('error', reject)
    child.on('close', (code) => {
      if (timer) clearTimeout(timer)
      const stdoutBytes = Buffer.concat(out)
      resolve({code, stdout: stdoutBytes.toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), stdoutBytes, ms: Date.now() - started})
    })
    child.stdin.on('error', () => {})
    child.stdin.end(options.input ?? '')
  })
}

/** The test cluster's bootstrap servers (started by scripts/run-tests.mjs, or given in KFK_TEST_BOOTSTRAP). */
export function testBootstrap(): string {
  const b = process.env.KFK_TEST_BOOTSTRAP
  if (!b) throw new Error('KFK_TEST_BOOTSTRAP is not set: run the suite with `npm test` (it starts a cluster), or point it at a running cluster')
  return b
}

/** A name no other test uses, so tests can share one cluster. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`
}
