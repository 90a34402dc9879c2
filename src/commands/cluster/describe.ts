import {KafkaCommand} from '../../cli/base-command.js'
import {renderTable} from '../../output/table.js'
import {CLUSTER_INFO_HEAD, clusterInfoRows, QUORUM_HEAD, quorumRows} from '../../output/views/cluster.js'
import {type ClusterInfo, describeCluster} from '../../core/cluster-info.js'

export default class ClusterDescribe extends KafkaCommand<typeof ClusterDescribe> {
  static override summary =
    'Describe any Kafka cluster: cluster id, KRaft or ZooKeeper mode, active controller, brokers (id, host, port, rack) and the KRaft metadata quorum.'
  static override examples = ['<%= config.bin %> cluster describe', '<%= config.bin %> cluster describe -b kafka1:9092 --json']

  async run(): Promise<ClusterInfo> {
    const info = await describeCluster(await this.client())
    if (info.quorumError) this.warnLine(info.quorumError)
    const controller = info.quorum
      ? ` (KRaft quorum leader, epoch ${info.quorum.leaderEpoch})`
      : info.mode === 'zookeeper' && info.controller !== null
        ? ' (a broker, elected in ZooKeeper)'
        : ''
    this.out(
      `cluster id: ${info.clusterId}\nmetadata:   ${info.mode === 'zookeeper' ? 'ZooKeeper mode' : 'KRaft'}\ncontroller: ${info.controller ?? 'none'}${controller}\n`,
    )
    this.out(renderTable(CLUSTER_INFO_HEAD, clusterInfoRows(info)))
    if (info.quorum)
      this.out(`\nmetadata quorum: high watermark ${info.quorum.highWatermark}\n` + renderTable(QUORUM_HEAD, quorumRows(info.quorum)))
    return info
  }
}
