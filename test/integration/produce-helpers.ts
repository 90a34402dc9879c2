/** Shared setup for the produce/consume/interop integration tests: kfk's core admin, shell pipelines. */
import {runProcess} from '../helpers/process.js'
import {KafkaClient} from '../../src/core/client.js'
import {resolveSettings} from '../../src/config/settings.js'
import {testBootstrap, ROOT} from '../helpers/cli.js'

let client: KafkaClient | undefined
export function adminClient(): KafkaClient {
  client ??= new KafkaClient(resolveSettings({'bootstrap-server': testBootstrap(), timeout: 20_000}))
  return client
}

export async function deleteTopics(names: string[]): Promise<void> {
  if (names.length === 0) return
  const admin = await adminClient().admin()
  await admin.deleteTopics({topics: names}).catch(() => {})
}

export async function closeAdmin(): Promise<void> {
  await client?.close()
  client = undefined
}

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

export function firstBootstrap(): string {
  return testBootstrap().split(',')[0]!
}
