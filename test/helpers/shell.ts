/** kfk in shell pipelines (`kfk ... | head`, kcat beside it), as a user types them. */
import {runProcess} from './process.js'
import {testBootstrap, ROOT} from './cli.js'

/** Runs a shell pipeline (bash -o pipefail), for `kfk ... | head` and kcat. */
export async function sh(
  script: string,
  options: {input?: string | Buffer; timeoutMs?: number; env?: NodeJS.ProcessEnv} = {},
): Promise<{code: number | null; stdout: Buffer; stderr: string}> {
  const env = {...process.env, NO_COLOR: '1', KAFKA_BOOTSTRAP_SERVERS: testBootstrap(), ...options.env}
  const r = await runProcess('bash', ['-o', 'pipefail', '-c', script], {
    cwd: ROOT,
    env,
    input: options.input,
    timeoutMs: options.timeoutMs ?? 60_000,
  })
  return {code: r.code, stdout: r.stdoutBytes, stderr: r.stderr}
}

/** The kfk command line for shell pipelines (built CLI, or from source with KFK_TEST_CLI=dev). */
export function kfkShell(): string {
  return process.env.KFK_TEST_CLI === 'dev' ? `node --import tsx ${ROOT}/bin/dev.js` : `node ${ROOT}/bin/run.js`
}

/** The suite cluster's first broker, for tools that take one host (kcat -b). */
export function firstBootstrap(): string {
  return testBootstrap().split(',')[0]!
}
