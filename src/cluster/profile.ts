import {upsertProfile} from '../config/profiles.js'
import {bootstrapServers, type ClusterState} from './config.js'
import {listenerClients, profileKeys} from './security.js'

/**
 * The profile named after a local cluster, so `kfk COMMAND --profile NAME`
 * (or plain `kfk ...` when it is the active one) connects: the first secured
 * listener, or with an authorizer a SASL one (it must log in as the super
 * user), else the plaintext brokers.
 */
export async function saveClusterProfile(state: ClusterState): Promise<{created: boolean; active: boolean}> {
  const clients = state.security
    ? listenerClients(
        state.security,
        state.host,
        state.nodes.map((n) => n.brokerPort),
      )
    : []
  const first = state.security?.authorizer ? clients.find((c) => c.saslMechanism) : clients[0]
  return upsertProfile(state.name, first ? profileKeys(first) : {'bootstrap.servers': bootstrapServers(state)})
}
