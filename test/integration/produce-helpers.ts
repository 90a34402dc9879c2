/** Shared setup for the produce/consume/interop integration tests: topics made through kfk's core admin. */
import {spawn} from 'node:child_process'
import {KafkaClient} from '../../src/core/client.js'
import {resolveSettings} from '../../src/config/settings.js'
import {testBootstrap, ROOT} from '../helpers/cli.js'

let client: KafkaClient | undefined
export function adminClient(): KafkaClient {
  client ??= new KafkaClient(resolveSettings({'bootstrap-server': testBootstrap(), timeout: 20_000}))
  return client
}

export async function createTopic(name: string, partitions = 1, config: Record<string, string> = {}): Promise<string> {
  const admin = await adminClient().admin()
  await admin.createTopics({topics: [{topic: name, numPartitions: partitions, replicationFactor: 1, configEntries: Object.entries(config).map(([n, value]) => ({name: n, value}))}], waitForLeaders: false})
  // A new topic reaches every broker's metadata a moment later (KRaft); wait for leaders on all partitions.
  const deadline = Date.now() + 15_000
  for (;;) {
    try {
      const {topics} = await admin.fetchTopicMetadata({topics: [name]})
      if (topics[0]?.partitions.length === partitions && topics[0].partitions.every((p) => p.leader >= 0)) return name
    } catch (error) {
      if (Date.now() > deadline) throw error
    }
    if (Date.now() > deadline) throw new Error(`topic ${name} has no leaders after 15 s`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
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
export function sh(script: string, options: {input?: string | Buffer; timeoutMs?: number; env?: NodeJS.ProcessEnv} = {}): Promise<{code: number | null; stdout: Buffer; stderr: string}> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-o', 'pipefail', '-c', script], {cwd: ROOT, env: {...process.env, NO_COLOR: '1', KAFKA_BOOTSTRAP_SERVERS: testBootstrap(), ...options.env}})
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (d: Buffer) => out.push(d))
    child.stderr.on('data', (d: Buffer) => err.push(d))
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({code, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString()})
    })
    child.stdin.on('error', () => {})
    child.stdin.end(options.input ?? '')
  })
}

/** The kfk command line for shell pipelines (built CLI, or from source with KFK_TEST_CLI=dev). */
export function kfkShell(): string {
  return process.env.KFK_TEST_CLI === 'dev' ? `node --import tsx ${ROOT}/bin/dev.js` : `node ${ROOT}/bin/run.js`
}

export function firstBootstrap(): string {
  return testBootstrap().split(',')[0]!
}
