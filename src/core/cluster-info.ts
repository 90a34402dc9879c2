import {anyBroker} from './kafkajs/cluster.js'
import type {KafkaClient} from './kafkajs/client.js'
import {describeCluster as describeClusterRequest} from './protocol/describe-cluster.js'
import {DESCRIBE_QUORUM_API_KEY, describeQuorum} from './protocol/describe-quorum.js'
import {withDeadline} from './errors.js'

export interface BrokerInfo {
  id: number
  host: string
  port: number
  rack: string | null
}

export interface QuorumInfo {
  /** The active controller: the KRaft quorum leader. */
  leaderId: number
  leaderEpoch: number
  highWatermark: number
  voters: Array<{id: number; logEndOffset: number; lag: number; lastCaughtUpTimestamp: number | null}>
  observers: Array<{id: number; logEndOffset: number; lag: number}>
}

export interface ClusterInfo {
  clusterId: string
  /** Where the cluster keeps its metadata: a KRaft quorum, or ZooKeeper (its brokers offer no DescribeQuorum). */
  mode: 'kraft' | 'zookeeper'
  /** The active controller: the KRaft quorum leader where the cluster reports it, else the id the brokers report (ZooKeeper mode: the controller broker). */
  controller: number | null
  brokers: BrokerInfo[]
  /** The KRaft metadata quorum (null on a cluster that does not answer DescribeQuorum, e.g. ZooKeeper mode). */
  quorum: QuorumInfo | null
  /** Why the quorum is unknown when the brokers answered and the quorum did not (no leader: a majority of the controllers down). */
  quorumError?: string
}

/** Cluster id, active controller, live brokers with racks, and the metadata quorum. */
export async function describeCluster(client: KafkaClient): Promise<ClusterInfo> {
  return client.run('describe cluster', async () => {
    const cluster = await client.cluster()
    const broker = await anyBroker(cluster)
    // A ZooKeeper-mode broker offers no DescribeQuorum: its controller is one of the brokers, elected in ZooKeeper.
    const mode = broker.versions?.[DESCRIBE_QUORUM_API_KEY] ? ('kraft' as const) : ('zookeeper' as const)
    // A quorum without a leader never answers (the broker forwards DescribeQuorum to a controller that is not
    // there): give it half the time, so the brokers' facts still come out, with the reason.
    const quorumWaitMs = Math.floor(client.settings.timeoutMs / 2)
    let quorumError: string | undefined
    const [info, quorum] = await Promise.all([
      describeClusterRequest(broker),
      mode === 'zookeeper'
        ? null
        : withDeadline(describeQuorum(broker), quorumWaitMs, () => new QuorumSilent()).catch((error: unknown) => {
            if (error instanceof QuorumSilent)
              quorumError = `the metadata quorum did not answer within ${quorumWaitMs} ms: it has no leader (is a majority of the controllers down?)`
            return null
          }),
    ])
    return {
      ...(quorumError ? {quorumError} : {}),
      clusterId: info.clusterId,
      mode,
      controller: quorum?.leaderId ?? (info.controllerId >= 0 ? info.controllerId : null),
      brokers: info.brokers.map((b) => ({id: b.nodeId, host: b.host, port: b.port, rack: b.rack})).sort((a, b) => a.id - b.id),
      quorum: quorum && {
        leaderId: quorum.leaderId,
        leaderEpoch: quorum.leaderEpoch,
        highWatermark: Number(quorum.highWatermark),
        voters: quorum.voters.map((v) => ({
          id: v.replicaId,
          logEndOffset: Number(v.logEndOffset),
          lag: lag(quorum.highWatermark, v.logEndOffset),
          lastCaughtUpTimestamp: v.lastCaughtUpTimestamp,
        })),
        observers: quorum.observers.map((o) => ({
          id: o.replicaId,
          logEndOffset: Number(o.logEndOffset),
          lag: lag(quorum.highWatermark, o.logEndOffset),
        })),
      },
    }
  })
}

class QuorumSilent extends Error {}

/** Offsets as JSON numbers: exact below 2^53, which no metadata log reaches. */
function lag(highWatermark: string, logEndOffset: string): number {
  return Math.max(0, Number(BigInt(highWatermark) - BigInt(logEndOffset)))
}
