import {Flags} from '@oclif/core'
import {readFile} from 'node:fs/promises'
import {usageError} from '../cli/errors.js'
import {SCRAM_MECHANISMS, type ScramMechanism} from '../core/users/scram.js'
import {askNewPassword, canPrompt} from '../cli/prompts.js'

export const mechanismFlag = Flags.string({
  multiple: true,
  options: Object.keys(SCRAM_MECHANISMS),
  helpValue: 'SCRAM-SHA-256|SCRAM-SHA-512',
  description: 'SCRAM mechanism (repeatable; default both).',
})

/** Where a new password comes from: never the command line. */
export const passwordFlags = {
  'password-file': Flags.string({
    helpValue: 'FILE',
    exclusive: ['password-env'],
    description: 'Read the new password from this file (first line).',
  }),
  'password-env': Flags.string({
    helpValue: 'VAR',
    exclusive: ['password-file'],
    description: 'Read the new password from this environment variable.',
  }),
}

export function mechanismsOf(flag: string[] | undefined): ScramMechanism[] {
  return flag?.length ? ([...new Set(flag)] as ScramMechanism[]) : (Object.keys(SCRAM_MECHANISMS) as ScramMechanism[])
}

/** The new password from --password-file, --password-env, or a prompt on a terminal; never echoed. */
export async function newPassword(f: {'password-file'?: string; 'password-env'?: string}, user: string, json: boolean): Promise<string> {
  let password: string | undefined
  if (f['password-file']) {
    const text = await readFile(f['password-file'], 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw usageError(`--password-file ${f['password-file']} cannot be read (${error.code ?? error.message})`)
    })
    password = text.split(/\r?\n/)[0]
  } else if (f['password-env']) {
    password = process.env[f['password-env']]
    if (password === undefined) throw usageError(`--password-env ${f['password-env']}: no such environment variable`)
  } else if (canPrompt(json)) {
    password = await askNewPassword(`user ${user}`)
  } else {
    throw usageError(
      'no password given (and no terminal to ask on)',
      'Give --password-file FILE or --password-env VAR; a password is never taken from the command line.',
    )
  }
  if (!password) throw usageError('the new password is empty')
  return password
}
