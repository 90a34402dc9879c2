import {Args} from '@oclif/core'
import {BaseCommand} from '../../cli/base-command.js'
import {stopNode} from '../../cluster/local.js'
import {clusterNameFlag} from '../../flags/shared.js'

export default class ClusterStopNode extends BaseCommand<typeof ClusterStopNode> {
  static override summary = 'Stop one node of a local cluster (for failover tests and practice).'
  static override examples = ['<%= config.bin %> cluster stop-node 2']
  static override args = {id: Args.integer({description: 'Node id', required: true, min: 1})}
  static override flags = {name: clusterNameFlag}

  async run(): Promise<{name: string; id: number; result: string}> {
    const {id, result} = await stopNode(this.flags.name, this.args.id)
    this.note(`node ${id}: ${result === 'not-running' ? 'was not running' : result}`)
    return {name: this.flags.name, id, result}
  }
}
