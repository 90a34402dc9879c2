import {setTimeout as sleep} from 'node:timers/promises'
import {spawn} from 'node:child_process'
import {closeSync, openSync, readFileSync} from 'node:fs'
import {createServer} from 'node:net'
import {join} from 'node:path'

/** The system property that marks a java process as node N (or the ZooKeeper) of cluster NAME (checked before signalling a pid). */
export function processMarker(cluster: string, nodeId: number | 'zookeeper'): string {
  return `-Dkfk.node=${cluster}/${nodeId}`
}

/** Starts a detached java process whose output goes to `logPath`; returns its pid. */
export function startJava(java: string, args: string[], logPath: string, cwd: string): number {
  const fd = openSync(logPath, 'a')
  try {
    const child = spawn(java, args, {cwd, detached: true, stdio: ['ignore', fd, fd]})
    if (child.pid === undefined) throw new Error(`could not start ${java}`)
    child.unref()
    return child.pid
  } finally {
    closeSync(fd)
  }
}

/** True when `pid` is alive and is the process carrying `marker` (guards against pid reuse). */
export function isRunning(pid: number | undefined, marker: string): boolean {
  if (!pid) return false
  try {
    process.kill(pid, 0)
  } catch {
    return false
  }
  try {
    const cmdline = readFileSync(join('/proc', String(pid), 'cmdline'), 'utf8')
    if (!cmdline.split('\0').includes(marker)) return false
    const stat = readFileSync(join('/proc', String(pid), 'stat'), 'utf8')
    return !/^\d+ \(.*\) Z /.test(stat) // a zombie is gone
  } catch {
    // No /proc (macOS): trust the signal check.
    return true
  }
}

/** SIGTERM, then SIGKILL once `graceMs` has passed; resolves when the process is gone. */
export async function stopProcess(pid: number, marker: string, graceMs: number): Promise<'stopped' | 'killed' | 'not-running'> {
  if (!isRunning(pid, marker)) return 'not-running'
  signal(pid, 'SIGTERM')
  const deadline = Date.now() + graceMs
  while (Date.now() < deadline) {
    await sleep(100)
    if (!isRunning(pid, marker)) return 'stopped'
  }
  signal(pid, 'SIGKILL')
  for (let i = 0; i < 50 && isRunning(pid, marker); i++) await sleep(100)
  return 'killed'
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig)
  } catch {
    // already gone
  }
}

/** Runs a program to its end, stdout and stderr together in `output`; `spawnError` when it could not start (code 127). */
export function runCollecting(
  command: string,
  args: string[],
  cwd?: string,
): Promise<{code: number; output: string; spawnError?: NodeJS.ErrnoException}> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {cwd, stdio: ['ignore', 'pipe', 'pipe']})
    let output = ''
    child.stdout.on('data', (d) => (output += d))
    child.stderr.on('data', (d) => (output += d))
    child.on('error', (error) => resolve({code: 127, output: String(error), spawnError: error}))
    child.on('close', (code) => resolve({code: code ?? 1, output}))
  })
}

/** Resolves true when nothing listens on host:port. */
export function portIsFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
    server.once('error', () => resolve(false))
    server.listen({port, host, exclusive: true}, () => server.close(() => resolve(true)))
  })
}

/** The last `lines` lines of a file, or '' when it cannot be read. */
export function tail(path: string, lines: number): string {
  try {
    const text = readFileSync(path, 'utf8')
    return text
      .split('\n')
      .slice(-lines - 1)
      .join('\n')
      .trimEnd()
  } catch {
    return ''
  }
}
