import assert from 'node:assert/strict'
import {spawn, type ChildProcessWithoutNullStreams} from 'node:child_process'
import {kfk, ROOT, testBootstrap} from './cli.js'

/** The value kfk writes for record `i` of partition `p` in these tests: checkable and ~40 bytes. */
export const valueOf = (p: number, i: number) => `p${p}-r${String(i).padStart(9, '0')}-${'x'.repeat(24)}`

/** Fills each partition with `perPartition` records through kfk produce -p. */
export async function fillPartitions(topic: string, partitions: number, perPartition: number, env: NodeJS.ProcessEnv = {}): Promise<void> {
  for (let p = 0; p < partitions; p++) {
    const lines: string[] = []
    for (let i = 0; i < perPartition; i++) lines.push(valueOf(p, i))
    const r = await kfk(['produce', topic, '-p', String(p)], {input: lines.join('\n') + '\n', env})
    assert.equal(r.code, 0, r.stderr)
  }
}

/**
 * Checks `%p %o %v` lines: every record of every partition exactly once, in
 * offset order per partition, with the value that was written at that offset.
 */
export function assertEveryRecordOnce(text: string, partitions: number, perPartition: number): void {
  const next = new Array<number>(partitions).fill(0)
  for (const line of text.split('\n')) {
    if (line === '') continue
    const [p, o, v] = line.split(' ') as [string, string, string]
    const part = Number(p)
    assert.equal(Number(o), next[part], `partition ${p}: expected offset ${next[part]}, got ${o} (a skip or a repeat)`)
    assert.equal(v, valueOf(part, Number(o)))
    next[part]!++
  }
  assert.deepEqual(next, new Array<number>(partitions).fill(perPartition), 'records per partition')
}

/** kfk as a child whose stdout the test reads when it chooses (a paused reader fills the pipe). */
export function spawnKfk(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  options: {pauseAtFirstData?: boolean} = {},
): {child: ChildProcessWithoutNullStreams; stdout: Buffer[]; stderr: Buffer[]; exit: Promise<number | null>} {
  const child = spawn(process.execPath, [`${ROOT}/bin/run.js`, ...args], {
    cwd: ROOT,
    env: {...process.env, NO_COLOR: '1', KAFKA_BOOTSTRAP_SERVERS: testBootstrap(), ...env},
  })
  const stdout: Buffer[] = []
  const stderr: Buffer[] = []
  child.stdout.on('data', (d: Buffer) => {
    if (options.pauseAtFirstData && stdout.length === 0) child.stdout.pause()
    stdout.push(d)
  })
  child.stderr.on('data', (d: Buffer) => stderr.push(d))
  const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
  return {child, stdout, stderr, exit}
}
