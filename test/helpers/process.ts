import {spawn} from 'node:child_process'

export interface ProcessResult {
  code: number | null
  stdout: string
  stderr: string
  /** stdout as raw bytes, for byte-exact checks. */
  stdoutBytes: Buffer
  ms: number
}

/** Runs a program to completion, feeding `input` on stdin; killed after `timeoutMs` (code null). */
export function runProcess(
  command: string,
  args: string[],
  options: {input?: string | Buffer; env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number} = {},
): Promise<ProcessResult> {
  const started = Date.now()
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {cwd: options.cwd, env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe']})
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (d: Buffer) => out.push(d))
    child.stderr.on('data', (d: Buffer) => err.push(d))
    const timer = options.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs) : undefined
    child.on('error', reject)
    child.on('close', (code) => {
      if (timer) clearTimeout(timer)
      const stdoutBytes = Buffer.concat(out)
      resolve({
        code,
        stdout: stdoutBytes.toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        stdoutBytes,
        ms: Date.now() - started,
      })
    })
    child.stdin.on('error', () => {})
    child.stdin.end(options.input ?? '')
  })
}
