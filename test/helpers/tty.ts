import {spawn} from 'node:child_process'
import {ROOT, testBootstrap} from './cli.js'

export interface TtyStep {
  /** Wait until the screen output (so far, after the previous step) contains this. */
  waitFor: string | RegExp
  /** Then type this (use \r for Enter, \u0004 for Ctrl-D). */
  send: string
}

/**
 * Runs kfk on a pseudo-terminal (util-linux `script`), as a person at a
 * terminal would: waits for each prompt and types the answer; stops it after
 * `stopAfterMs` if it has not ended.
 */
export function onTty(
  args: string[],
  options: {steps?: TtyStep[]; stopAfterMs?: number} = {},
): Promise<{code: number | null; out: string}> {
  const bin =
    process.env.KFK_TEST_CLI === 'dev'
      ? `'${process.execPath}' --import tsx '${ROOT}/bin/dev.js'`
      : `'${process.execPath}' '${ROOT}/bin/run.js'`
  const cmd = `${bin} ${args.map((a) => `'${a}'`).join(' ')}`
  const child = spawn('script', ['-qec', cmd, '/dev/null'], {
    cwd: ROOT,
    env: {...process.env, NO_COLOR: '1', KAFKA_BOOTSTRAP_SERVERS: testBootstrap()},
  })
  const steps = [...(options.steps ?? [])]
  let out = ''
  let seen = 0
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString()
    const step = steps[0]
    if (!step) return
    const fresh = out.slice(seen)
    if (typeof step.waitFor === 'string' ? fresh.includes(step.waitFor) : step.waitFor.test(fresh)) {
      steps.shift()
      seen = out.length
      child.stdin.write(step.send)
    }
  })
  const timer = setTimeout(() => child.kill('SIGTERM'), options.stopAfterMs ?? 60_000)
  return new Promise((resolve) => child.on('close', (code) => (clearTimeout(timer), resolve({code, out}))))
}
