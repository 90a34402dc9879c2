import {homedir} from 'node:os'
import {join} from 'node:path'

/** Where kfk keeps running clusters' state: KFK_STATE_DIR, else $XDG_STATE_HOME/kfk, else ~/.local/state/kfk. */
export function stateRoot(env = process.env): string {
  if (env.KFK_STATE_DIR) return env.KFK_STATE_DIR
  return join(env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'kfk')
}

/** Where provisioned Kafka jars live, shared by every cluster: KFK_CACHE_DIR, else $XDG_CACHE_HOME/kfk, else ~/.cache/kfk. */
export function cacheRoot(env = process.env): string {
  if (env.KFK_CACHE_DIR) return env.KFK_CACHE_DIR
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'kfk')
}

export function clusterDir(name: string, env = process.env): string {
  return join(stateRoot(env), 'clusters', name)
}
