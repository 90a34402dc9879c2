import {chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync} from 'node:fs'
import {homedir} from 'node:os'
import {join} from 'node:path'
import {KfkError, usageError, visible} from '../cli/errors.js'
import {closest} from '../startup/suggest.js'
import {SECURITY_KEYS} from './security.js'

/**
 * Named connection profiles, one YAML file in the user's config directory:
 *
 *   active: prod
 *   profiles:
 *     prod:
 *       bootstrap.servers: kafka-1.example.com:9093
 *       security.protocol: SASL_SSL
 *       sasl.mechanism: SCRAM-SHA-512
 *       sasl.username: alice
 *       sasl.password.env: PROD_KAFKA_PASSWORD
 *       ssl.ca.location: /etc/kafka/ca.pem
 *
 * The file may hold passwords, so it is written 0600, atomically.
 */
export type Profile = Record<string, string>

export interface ProfileFile {
  active?: string
  profiles: Record<string, Profile>
}

/** KFK_CONFIG_DIR, else $XDG_CONFIG_HOME/kfk, else ~/.config/kfk. */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.KFK_CONFIG_DIR) return env.KFK_CONFIG_DIR
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'kfk')
}

export function profilesPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(configDir(env), 'profiles.yaml')
}

export interface LoadedProfiles {
  file: ProfileFile
  path: string
  /** Set when the file is readable by others than its owner. */
  warning?: string
}

export async function loadProfiles(env: NodeJS.ProcessEnv = process.env): Promise<LoadedProfiles> {
  const {parse} = await import('yaml')
  return loadProfilesWith(parse, env)
}

/** Synchronous load for settings resolution (the yaml module is passed in by the caller). */
export function loadProfilesWith(parse: (text: string) => unknown, env: NodeJS.ProcessEnv = process.env): LoadedProfiles {
  const path = profilesPath(env)
  if (!existsSync(path)) return {file: {profiles: {}}, path}
  let raw: unknown
  try {
    raw = parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new KfkError(`the profiles file ${path} is unreadable: ${(error as Error).message.split('\n')[0]}`, {
      hint: 'Fix or remove it (kfk profile add recreates it).',
    })
  }
  const file = normalize(raw, path)
  let warning: string | undefined
  const mode = statSync(path).mode & 0o777
  if (mode & 0o077) {
    warning = `the profiles file ${path} is readable by others (mode ${mode.toString(8).padStart(4, '0')}); it may hold passwords. Fix with: chmod 600 ${path}`
  }
  return {file, path, warning}
}

function normalize(raw: unknown, path: string): ProfileFile {
  if (raw === null || raw === undefined) return {profiles: {}}
  const obj = raw as {active?: unknown; profiles?: unknown}
  if (typeof obj !== 'object' || (obj.profiles !== undefined && (typeof obj.profiles !== 'object' || obj.profiles === null))) {
    throw new KfkError(`the profiles file ${path} does not have the expected shape (active:, profiles:)`, {hint: 'Fix or remove it.'})
  }
  const profiles: Record<string, Profile> = {}
  for (const [name, value] of Object.entries((obj.profiles ?? {}) as Record<string, unknown>)) {
    const profile: Profile = {}
    for (const [k, v] of Object.entries((value ?? {}) as Record<string, unknown>)) {
      if (v !== null && v !== undefined) profile[k] = String(v)
    }
    profiles[name] = profile
  }
  return {active: typeof obj.active === 'string' ? obj.active : undefined, profiles}
}

/** Writes the file 0600 through a temporary file and a rename, so a crash never leaves half a file. */
export async function saveProfiles(file: ProfileFile, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const {stringify} = await import('yaml')
  const dir = configDir(env)
  mkdirSync(dir, {recursive: true, mode: 0o700})
  const path = profilesPath(env)
  const tmp = `${path}.${process.pid}.tmp`
  const body = {...(file.active ? {active: file.active} : {}), profiles: file.profiles}
  writeFileSync(tmp, '# kfk connection profiles (kfk profile add|use|remove). Keep this file private: chmod 600.\n' + stringify(body), {
    mode: 0o600,
  })
  chmodSync(tmp, 0o600)
  renameSync(tmp, path)
  return path
}

export function validateProfileName(name: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/.test(name)) {
    throw usageError(`profile name "${visible(name)}" is not allowed`, 'Use letters, digits, ".", "_" and "-" (for example: prod-eu).')
  }
  return name
}

/** The keys a profile may hold: the connection's Java client properties that kfk reads. */
export const PROFILE_KEYS: readonly string[] = ['bootstrap.servers', 'client.id', 'request.timeout.ms', ...SECURITY_KEYS]

/** The profile of that name; an `active:` naming no profile is refused as `--profile nosuch` is. */
export function requireProfile(file: ProfileFile, name: string, path?: string, how: 'named' | 'active' = 'named'): Profile {
  const profile = file.profiles[name]
  if (!profile) {
    const known = Object.keys(file.profiles)
    const where =
      how === 'active' ? `the active profile "${name}" (active: in ${path}) does not exist` : `there is no profile named "${name}"`
    throw usageError(
      where,
      known.length > 0
        ? `Known profiles: ${known.join(', ')} (kfk profile list; kfk profile use NAME).`
        : 'Create one with: kfk profile add NAME -b HOST:PORT',
    )
  }
  return profile
}

/**
 * The profile a command connects with. A typo in the file (`bootstrap-servers:`, `sasl.mechansim:`)
 * or an `active:` naming no profile would otherwise leave kfk on localhost:9092 with defaults, silently.
 */
export function connectionProfile(file: ProfileFile, name: string, path: string, how: 'named' | 'active'): Profile {
  const profile = requireProfile(file, name, path, how)
  const unknown = Object.keys(profile).filter((k) => !PROFILE_KEYS.includes(k))
  if (unknown.length > 0) {
    const key = unknown[0]!
    const guess = closest(key.replaceAll('-', '.').replaceAll('_', '.'), PROFILE_KEYS) ?? closest(key, PROFILE_KEYS)
    throw usageError(
      `profile "${name}" has an unknown key "${visible(key)}" (in ${path})`,
      guess ? `Did you mean "${guess}"? Fix the key in that file.` : `Known keys: ${PROFILE_KEYS.join(', ')}.`,
    )
  }
  return profile
}

/** Creates or replaces a profile; makes it the active one when none is. */
export async function upsertProfile(
  name: string,
  profile: Profile,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{path: string; created: boolean; active: boolean}> {
  const {file} = await loadProfiles(env)
  const created = !file.profiles[name]
  file.profiles[name] = profile
  if (!file.active || !file.profiles[file.active]) file.active = name
  const path = await saveProfiles(file, env)
  return {path, created, active: file.active === name}
}

/**
 * Removes the profile `cluster up` made for a cluster that is being purged,
 * when it still points at that cluster (a profile the user re-pointed stays).
 */
export async function removeClusterProfile(name: string, addresses: string[], env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const {file} = await loadProfiles(env)
  const profile = file.profiles[name]
  const first = profile?.['bootstrap.servers']?.split(',')[0]?.trim()
  if (!first || !addresses.includes(first)) return false
  delete file.profiles[name]
  if (file.active === name) file.active = undefined
  await saveProfiles(file, env)
  return true
}
