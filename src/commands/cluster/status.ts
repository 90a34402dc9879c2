import {BaseCommand} from '../../cli/base-command.js'
import {finalizedFeatures, nodeRunning} from '../../cluster/local.js'
import {levelName} from '../../core/features/metadata-versions.js'
import {requireState} from '../../cluster/state.js'
import {clusterNameFlag} from '../../flags/shared.js'
import {renderTable} from '../../output/table.js'
import {
  authorizerLine,
  listenerLine,
  LOCAL_CLUSTER_HEAD,
  localClusterJson,
  localClusterRows,
  type LocalClusterJson,
} from '../../output/views/cluster.js'

export default class ClusterStatus extends BaseCommand<typeof ClusterStatus> {
  static override summary = 'Show each node of a local cluster (pid, ports, data directory, up or down) and its finalized feature levels.'
  static override examples = ['<%= config.bin %> cluster status', '<%= config.bin %> cluster status --json | jq -r .kafkaLibs']
  static override flags = {name: clusterNameFlag}

  async run(): Promise<LocalClusterJson & {features: Record<string, number> | null}> {
    const state = requireState(this.flags.name)
    const view = localClusterJson(state, (id) =>
      nodeRunning(
        state,
        state.nodes.find((n) => n.id === id)!,
      ),
    )
    this.out(renderTable(LOCAL_CLUSTER_HEAD, localClusterRows(view)))
    this.out(
      `\ncluster:    ${view.name} (${view.clusterId})\nbootstrap:  ${view.bootstrapServers}\nkafka:      ${view.kafkaVersion}, ${view.mode === 'zookeeper' ? 'ZooKeeper' : 'KRaft'} mode (jars in ${view.kafkaLibs})`,
    )
    if (view.zookeeper)
      this.out(
        `zookeeper:  ${view.zookeeper.connect} ${view.zookeeper.status}${view.zookeeper.pid ? ` (pid ${view.zookeeper.pid})` : ''}, data in ${view.zookeeper.dataDir}`,
      )
    const features = await finalizedFeatures(state)
    if (features)
      this.out(
        `features:   ${Object.entries(features)
          .map(([name, level]) => `${name}=${level}${name === 'metadata.version' ? ` (${levelName(name, level)})` : ''}`)
          .join(', ')}`,
      )
    for (const l of view.security?.listeners ?? []) this.out(`secured:    ${listenerLine(l)}`)
    if (view.security?.authorizer) this.out(`access:     ${authorizerLine(view.security.authorizer, view.security.listeners, view.mode)}`)
    return {...view, features}
  }
}
