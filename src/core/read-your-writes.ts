/**
 * Read-your-writes for changes that go through the controller (ACLs, SCRAM
 * credentials, quotas, configs): the controller commits before every broker has
 * applied the change from the metadata log, so the next command may reach one
 * that has not. Polls each broker until all of them report the change. Best
 * effort within half the timeout: the change itself is done, and a broker
 * that lags longer (or errors while asked) must not turn it into a failure.
 * `brokers` narrows the poll to the brokers that serve the resource.
 */
import type {RawBroker, RawCluster} from './kafkajs/types.js'
import {setTimeout as sleep} from 'node:timers/promises'

export async function untilEveryBroker<T>(
  cluster: RawCluster,
  timeoutMs: number,
  read: (broker: RawBroker) => Promise<T>,
  done: (view: T) => boolean,
  brokers?: ReadonlyArray<number | string>,
): Promise<void> {
  const ids = brokers ?? (cluster.brokerPool.metadata?.brokers ?? []).map((b) => b.nodeId)
  const until = Date.now() + timeoutMs / 2
  for (let delay = 20; Date.now() < until; delay = Math.min(delay * 2, 500)) {
    const views = await Promise.all(ids.map(async (nodeId) => read(await cluster.findBroker({nodeId})))).catch(() => undefined)
    if (views?.every(done)) return
    await sleep(delay)
  }
}
