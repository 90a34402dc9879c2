/**
 * What each broker supports, API by API (kafka-broker-api-versions): its
 * ApiVersions answer, named, with the client APIs it lacks marked unsupported
 * and the APIs kfk itself sends marked.
 */
import {anyBroker} from '../kafkajs/cluster.js'
import type {KafkaClient} from '../kafkajs/client.js'
import {describeCluster} from '../protocol/describe-cluster.js'
import {apiName, clientApiKeys, KFK_API_KEYS} from '../protocol/api-keys.js'
import {apiVersions} from '../protocol/api-versions.js'

export interface ApiSupport {
  apiKey: number
  name: string
  /** null: the broker does not support this client API. */
  minVersion: number | null
  maxVersion: number | null
  usedByKfk: boolean
}

export interface BrokerApiVersions {
  id: number
  host: string
  port: number
  rack: string | null
  /** Empty when the broker could not be asked (see error). */
  apis: ApiSupport[]
  error?: string
}

/** Every live broker's API version ranges, brokers by id and APIs by key. */
export async function brokerApiVersions(client: KafkaClient): Promise<BrokerApiVersions[]> {
  return client.run('ask brokers for their API versions', async () => {
    const cluster = await client.cluster()
    const {brokers} = await describeCluster(await anyBroker(cluster))
    const answers = await Promise.all(
      brokers
        .sort((a, b) => a.nodeId - b.nodeId)
        .map(async (b): Promise<BrokerApiVersions> => {
          const base = {id: b.nodeId, host: b.host, port: b.port, rack: b.rack}
          try {
            const answer = await apiVersions(await cluster.findBroker({nodeId: b.nodeId}))
            return {...base, apis: apiRows(answer.apiKeys)}
          } catch (error) {
            return {...base, apis: [], error: (error as Error).message}
          }
        }),
    )
    return answers
  })
}

function apiRows(ranges: ReadonlyArray<{apiKey: number; minVersion: number; maxVersion: number}>): ApiSupport[] {
  const rows: ApiSupport[] = ranges.map((r) => ({...r, name: apiName(r.apiKey), usedByKfk: KFK_API_KEYS.has(r.apiKey)}))
  for (const apiKey of clientApiKeys())
    if (!ranges.some((r) => r.apiKey === apiKey))
      rows.push({apiKey, name: apiName(apiKey), minVersion: null, maxVersion: null, usedByKfk: KFK_API_KEYS.has(apiKey)})
  return rows.sort((a, b) => a.apiKey - b.apiKey)
}
