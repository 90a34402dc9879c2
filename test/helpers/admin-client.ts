/**
 * kfk's own KafkaClient on the suite cluster, for a test's cleanup and checks
 * beside the CLI; a file that uses it calls closeAdmin() in its `after`.
 */
import {KafkaClient} from '../../src/core/kafkajs/client.js'
import {resolveSettings} from '../../src/config/settings.js'
import {testBootstrap} from './cli.js'

let client: KafkaClient | undefined
export function adminClient(): KafkaClient {
  client ??= new KafkaClient(resolveSettings({'bootstrap-server': testBootstrap(), timeout: 20_000}))
  return client
}

export async function closeAdmin(): Promise<void> {
  await client?.close()
  client = undefined
}

/** Deletes topics of the suite cluster, quietly (a test may have deleted some, or never made them). */
export async function deleteTopics(names: string[]): Promise<void> {
  if (names.length === 0) return
  const admin = await adminClient().admin()
  await admin.deleteTopics({topics: names}).catch(() => {})
}
