import {Args} from '@oclif/core'
import {BaseCommand} from '../../cli/base-command.js'
import {nodeRunning, startNode} from '../../cluster/local.js'
import {clusterNameFlag, waitFlag} from '../../flags/shared.js'
import {progressLine} from '../../output/progress.js'
import {localClusterJson, type LocalClusterJson} from '../../output/views/cluster.js'

export default class ClusterStartNode extends BaseCommand<typeof ClusterStartNode> {
  static override summary = 'Start a stopped node of a local cluster again and wait until it serves.'
  static override examples = ['<%= config.bin %> cluster start-node 2']
  static override args = {id: Args.integer({description: 'Node id', required: true, min: 1})}
  static override flags = {name: clusterNameFlag, wait: waitFlag}

  async run(): Promise<LocalClusterJson> {
    const progress = progressLine()
    const {state, alreadyRunning} = await startNode(this.flags.name, this.args.id, this.flags.wait * 1000, progress).finally(() =>
      progress.done(),
    )
    this.note(`node ${this.args.id} ${alreadyRunning ? 'is already running' : 'is up'}`)
    return localClusterJson(state, (id) =>
      nodeRunning(
        state,
        state.nodes.find((n) => n.id === id)!,
      ),
    )
  }
}
