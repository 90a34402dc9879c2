/**
 * Read-your-writes for changes that go through the controller (ACLs, SCRAM
 * credentials, quotas): the controller commits before every broker has
 * applied the change from the metadata log, so the next command may reach one
 * that has not. Polls each broker until all of them report the change. Best
 * effort within half the timeout: the change itself is done, and a broker
 * that lags longer must not turn it into a failure.
 */
import {setTimeout as sleep} from 'node:timers/promises'
import type {KafkaClient} from './client.js'
import type {RawBroker, RawCluster} from './kafkajs/adapter.js'

export async function untilEveryBroker<T>(
  client: KafkaClient,
  cluster: RawCluster,
  read: (broker: RawBroker) => Promise<T>,
  done: (view: T) => boolean,
): Promise<void> {
  const ids = (cluster.brokerPool.metadata?.brokers ?? []).map((b) => b.nodeId)
  const until = Date.now() + client.settings.timeoutMs / 2
  for (let delay = 20; Date.now() < until; delay = Math.min(delay * 2, 500)) {
    const views = await Promise.all(ids.map(async (nodeId) => read(await cluster.findBroker({nodeId})))).catch(() => undefined)
    if (views?.every(done)) return
    await sleep(delay)
  }
}
