/**
 * Topics for the tests, through the CLI: made with `kfk topics create` (on the
 * suite cluster or a test's own) and their log-end offsets. A file deletes what
 * it made with deleteTopics (admin-client.ts).
 */
import assert from 'node:assert/strict'
import {kfk, uniqueName, type CliResult} from './cli.js'

/** Runs kfk against some cluster: `kfk` (the suite's) or `ownCluster(...).onCluster`. */
type RunKfk = (args: string[]) => Promise<CliResult>

interface TopicOptions {
  /** Replication factor; default 1. */
  replication?: number
  /** Topic configs, each passed as `--config k=v`. */
  configs?: Record<string, string>
  /** The cluster to make it on; default the suite's. */
  run?: RunKfk
}

/**
 * A topic through `kfk topics create`, which returns once every broker reports
 * it with leaders. kafkajs's createTopics with waitForLeaders asks one broker:
 * the next request could still meet UNKNOWN_TOPIC_OR_PARTITION on another.
 */
export async function createTestTopic(name: string, partitions: number, options: TopicOptions = {}): Promise<string> {
  const {replication = 1, configs = {}, run = kfk} = options
  const flags = Object.entries(configs).flatMap(([k, v]) => ['--config', `${k}=${v}`])
  const r = await run(['topics', 'create', name, '-p', String(partitions), '-r', String(replication), ...flags])
  if (r.code !== 0) throw new Error(`kfk topics create ${name}: ${r.stderr}`)
  return name
}

/**
 * A maker of a test file's topics: each call creates a topic named
 * `<prefix>-<unique>` (partitions default 1; options over `defaults`) and adds
 * its name to `made`, which the file's `after` deletes.
 */
export function topicMaker(
  prefix: string,
  made: string[],
  defaults: TopicOptions = {},
): (partitions?: number, options?: TopicOptions) => Promise<string> {
  return async (partitions = 1, options = {}) => {
    const name = uniqueName(prefix)
    made.push(name)
    return createTestTopic(name, partitions, {...defaults, ...options})
  }
}

/** The topic's log-end offsets summed over its partitions, from `kfk offsets --json` (on the suite cluster by default). */
export async function logEnd(topic: string, run: RunKfk = kfk): Promise<number> {
  const r = await run(['offsets', topic, '--json'])
  assert.equal(r.code, 0, r.stderr)
  return sumOffsets(r.stdout)
}

/** Summed log-end offsets of a topic, from kfk offsets --json. */
export function sumOffsets(json: string): number {
  return (JSON.parse(json) as {offsets: Array<{offset: number | string}>}).offsets.reduce((s, o) => s + Number(o.offset), 0)
}
