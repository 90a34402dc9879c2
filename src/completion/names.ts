import {resolveSettings} from '../config/settings.js'
import {KafkaClient} from '../core/kafkajs/client.js'
import {listGroups} from '../core/groups/groups.js'
import {listTopics} from '../core/topics/topics.js'

/** A TAB must not hang on a cluster that is away: names come within this, or not at all. */
const COMPLETION_TIMEOUT_MS = 1500

/**
 * Topic or group names starting with `prefix`, from the cluster the active
 * profile (or KAFKA_BOOTSTRAP_SERVERS) points at; none when it cannot be asked.
 */
export async function clusterNames(
  kind: 'topics' | 'groups',
  prefix: string,
  flags: {profile?: string; bootstrap?: string},
): Promise<string[]> {
  let client: KafkaClient | undefined
  try {
    const settings = resolveSettings({profile: flags.profile, 'bootstrap-server': flags.bootstrap})
    client = new KafkaClient({...settings, timeoutMs: COMPLETION_TIMEOUT_MS, requestTimeoutMs: COMPLETION_TIMEOUT_MS, warnings: []})
    const names = kind === 'topics' ? (await listTopics(client)).map((t) => t.name) : (await listGroups(client)).map((g) => g.groupId)
    return names.filter((n) => n.startsWith(prefix)).sort()
  } catch {
    return []
  } finally {
    await client?.close()
  }
}
