/**
 * The one error type kfk shows to people: a plain sentence, an optional hint,
 * and the process exit code. Everything else is mapped into it before display.
 */
export const EXIT = {ok: 0, failed: 1, usage: 2, interrupted: 130} as const
export type ExitCode = (typeof EXIT)[keyof typeof EXIT]

/** Whether `error` is Ctrl-C at a prompt (then 130 and nothing more to say): inquirer's ExitPromptError or readline's "Aborted with Ctrl+C". */
export function isPromptInterrupt(error: unknown): boolean {
  const e = error as {name?: string; code?: string; cause?: unknown} | undefined
  if (!e) return false
  return e.name === 'ExitPromptError' || e.code === 'ABORT_ERR' || (e.cause !== undefined && isPromptInterrupt(e.cause))
}

export class KfkError extends Error {
  readonly hint?: string
  readonly exit: ExitCode
  /** What the operation did before it failed (a command with --json prints it). */
  readonly data?: unknown

  constructor(message: string, options: {hint?: string; exit?: ExitCode; cause?: unknown; data?: unknown} = {}) {
    super(message, options.cause === undefined ? undefined : {cause: options.cause})
    this.name = 'KfkError'
    this.hint = options.hint
    this.exit = options.exit ?? EXIT.failed
    this.data = options.data
  }
}

/** A mistake in what the user typed: exit 2. */
export function usageError(message: string, hint?: string): KfkError {
  return new KfkError(message, {hint, exit: EXIT.usage})
}

/** Why a file given on the command line could not be read, in words ("no such file", not ENOENT). */
export function fileProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  if (code === 'ENOENT') return 'no such file'
  if (code === 'EISDIR') return 'it is a directory'
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied'
  return code ?? String((error as Error)?.message ?? error)
}

/** Text as typed, with control characters shown as escapes (\\x1b), so echoing a rejected value cannot drive the terminal. */
export function visible(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this escapes
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
}
