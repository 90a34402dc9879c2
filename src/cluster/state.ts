import {existsSync, mkdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {KfkError} from '../cli/errors.js'
import type {ClusterState} from './config.js'
import {clusterDir} from './paths.js'

const STATE_FILE = 'cluster.json'

export function loadState(name: string): ClusterState | undefined {
  const file = join(clusterDir(name), STATE_FILE)
  if (!existsSync(file)) return undefined
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as ClusterState
  } catch (error) {
    throw new KfkError(`the state of cluster "${name}" (${file}) is unreadable: ${(error as Error).message}`, {
      hint: `Remove it with: kfk cluster down --name ${name} --purge`,
    })
  }
}

export function requireState(name: string): ClusterState {
  const state = loadState(name)
  if (!state) {
    throw new KfkError(`there is no local cluster named "${name}"`, {
      hint: name === 'local' ? 'Start one with: kfk cluster up' : `Start it with: kfk cluster up --name ${name}`,
    })
  }
  return state
}

/** Written atomically: a crash mid-write never leaves half a file. */
export function saveState(state: ClusterState): void {
  const dir = clusterDir(state.name)
  mkdirSync(dir, {recursive: true})
  const file = join(dir, STATE_FILE)
  writeFileSync(file + '.tmp', JSON.stringify(state, null, 2) + '\n')
  renameSync(file + '.tmp', file)
}

export function validateClusterName(name: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/.test(name)) {
    throw new KfkError(`cluster name "${name}" is not allowed`, {
      exit: 2,
      hint: 'Use letters, digits, ".", "_" and "-" (for example: --name dev).',
    })
  }
  return name
}
