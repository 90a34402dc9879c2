import {Flags} from '@oclif/core'
import {BaseCommand} from '../../cli/base-command.js'
import {down} from '../../cluster/local.js'
import {clusterNameFlag} from '../../flags/shared.js'
import {bootstrapServers} from '../../cluster/config.js'
import {listenerClients} from '../../cluster/security.js'
import {removeClusterProfile} from '../../config/profiles.js'

export default class ClusterDown extends BaseCommand<typeof ClusterDown> {
  static override summary = 'Stop every node of a local cluster; --purge also deletes its data.'
  static override examples = ['<%= config.bin %> cluster down', '<%= config.bin %> cluster down --purge']
  static override flags = {
    name: clusterNameFlag,
    purge: Flags.boolean({description: "Delete the cluster's data, logs and state as well."}),
  }

  async run(): Promise<{name: string; nodes: Array<{id: number; result: string}>; purged: boolean; profileRemoved: boolean}> {
    const {state, nodes, purged} = await down(this.flags.name, this.flags.purge)
    if (!state) this.note(`there is no local cluster named "${this.flags.name}"${purged ? ' (nothing to purge)' : ''}`)
    for (const n of nodes) this.note(`node ${n.id}: ${n.result === 'not-running' ? 'was not running' : n.result}`)
    if (state) this.note(`cluster "${state.name}" is down${purged ? ' and its data deleted' : ' (data kept; --purge deletes it)'}`)
    // The profile cluster up saved for it would point at nothing (and at deleted CA/password files).
    const addresses = state
      ? [
          bootstrapServers(state),
          ...(state.security
            ? listenerClients(
                state.security,
                state.host,
                state.nodes.map((n) => n.brokerPort),
              ).map((l) => l.bootstrapServers)
            : []),
        ].flatMap((b) => b.split(','))
      : []
    const profileRemoved = purged && state !== undefined && (await removeClusterProfile(state.name, addresses))
    if (profileRemoved) this.note(`removed profile "${state!.name}"`)
    return {name: this.flags.name, nodes, purged, profileRemoved}
  }
}
