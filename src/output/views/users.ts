import type {ScramChange, ScramUser} from '../../core/users/scram.js'

export const SCRAM_HEAD = ['user', 'mechanism', 'iterations']

/** One row per credential; a user without any gets one row saying why. */
export function scramRows(users: readonly ScramUser[]): string[][] {
  return users.flatMap((u) =>
    u.error ? [[u.user, `(${u.error})`, '']] : u.credentials.map((c) => [u.user, c.mechanism, String(c.iterations)]),
  )
}

export const CHANGE_HEAD = ['user', 'mechanism', 'status']

export function changeRows(changes: readonly ScramChange[]): string[][] {
  return changes.map((c) => [
    c.user,
    c.mechanism,
    c.error ? `failed: ${c.error}` : c.action === 'set' ? `password set (${c.iterations} iterations)` : 'deleted',
  ])
}
