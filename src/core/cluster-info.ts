import type {KafkaClient} from './client.js'

export interface BrokerInfo {
  id: number
  host: string
  port: number
  rack: string | null
}

export interface ClusterInfo {
  clusterId: string
  controller: number | null
  brokers: BrokerInfo[]
}

/** Cluster id, active controller and live brokers, as the cluster reports them. */
export async function describeCluster(client: KafkaClient): Promise<ClusterInfo> {
  return client.run('describe cluster', async () => {
    const admin = await client.admin()
    const info = await admin.describeCluster()
    return {
      clusterId: info.clusterId,
      controller: info.controller ?? null,
      brokers: info.brokers
        .map((b) => ({id: b.nodeId, host: b.host, port: b.port, rack: null}))
        .sort((a, b) => a.id - b.id),
    }
  })
}
