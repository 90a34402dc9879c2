import {BaseCommand} from '../../base-command.js'
import {nodeRunning} from '../../cluster/local.js'
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
  static override summary = 'Show each node of a local cluster: pid, ports, data directory, up or down.'
  static override examples = ['<%= config.bin %> cluster status', '<%= config.bin %> cluster status --json | jq -r .kafkaLibs']
  static override flags = {name: clusterNameFlag}

  async run(): Promise<LocalClusterJson> {
    const state = requireState(this.flags.name)
    const view = localClusterJson(state, (id) =>
      nodeRunning(
        state,
        state.nodes.find((n) => n.id === id)!,
      ),
    )
    this.out(renderTable(LOCAL_CLUSTER_HEAD, localClusterRows(view)))
    this.out(
      `\ncluster:    ${view.name} (${view.clusterId})\nbootstrap:  ${view.bootstrapServers}\nkafka:      ${view.kafkaVersion} (jars in ${view.kafkaLibs})`,
    )
    for (const l of view.security?.listeners ?? []) this.out(`secured:    ${listenerLine(l)}`)
    if (view.security?.authorizer) this.out(`access:     ${authorizerLine(view.security.authorizer, view.security.listeners)}`)
    return view
  }
}
