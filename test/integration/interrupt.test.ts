/**
 * Ctrl-C ends every command with 130, in every phase: here while it is still
 * connecting to a "broker" that accepts TCP and never answers (a hung broker,
 * a port behind a half-dead proxy). The commands that flush on Ctrl-C
 * (produce, consume, perf) must not wait out their connection timeouts.
 */
import assert from 'node:assert/strict'
import {spawn} from 'node:child_process'
import {createServer, type Socket} from 'node:net'
import {after, before, test} from 'node:test'
import {ROOT} from '../helpers/cli.js'

const sockets = new Set<Socket>()
const silent = createServer((socket) => {
  sockets.add(socket)
  socket.on('error', () => {})
  socket.on('close', () => sockets.delete(socket))
})
let bootstrap = ''
before(async () => {
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
  bootstrap = `127.0.0.1:${(silent.address() as {port: number}).port}`
})
after(() => {
  for (const s of sockets) s.destroy()
  silent.close()
})

/** Runs kfk, sends SIGINT once it has connected, and returns its exit code (null: still running 15 s later, then killed). */
async function interrupted(args: string[], input?: string): Promise<{code: number | null; stderr: string}> {
  const child = spawn(process.execPath, [`${ROOT}/bin/run.js`, ...args, '-b', bootstrap, '--timeout', '60000'], {
    env: {...process.env, NO_COLOR: '1'},
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (d: Buffer) => void (stderr += d.toString()))
  child.stdout.resume()
  if (input !== undefined) child.stdin.write(input)
  const closed = new Promise<number | null>((resolve) => child.on('close', resolve))
  const connected = sockets.size
  for (let i = 0; i < 100 && sockets.size === connected; i++) await new Promise((r) => setTimeout(r, 50))
  await new Promise((r) => setTimeout(r, 300))
  child.kill('SIGINT')
  const killer = setTimeout(() => child.kill('SIGKILL'), 15_000)
  const code = await closed
  clearTimeout(killer)
  child.stdin.destroy()
  return {code, stderr}
}

const commands: Array<{args: string[]; input?: string}> = [
  {args: ['produce', 'orders'], input: 'a\nb\n'},
  {args: ['consume', 'orders']},
  {args: ['consume', 'orders', '--group', 'g']},
  {args: ['perf', 'produce', '--topic', 'orders', '--num-records', '10', '--record-size', '10', '--throughput', '-1']},
  {args: ['perf', 'consume', '--topic', 'orders', '--messages', '10']},
  {args: ['groups', 'describe', 'g']},
  {args: ['topics', 'list']},
]

for (const {args, input} of commands) {
  test(`kfk ${args.join(' ')}: Ctrl-C while connecting to a broker that never answers exits 130`, {timeout: 60_000}, async () => {
    const r = await interrupted(args, input)
    assert.equal(r.code, 130, `exit ${r.code}: ${r.stderr}`)
    assert.doesNotMatch(r.stderr, /error:/, r.stderr)
  })
}
