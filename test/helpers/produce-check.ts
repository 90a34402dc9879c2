/**
 * Input for produce tests and the check of what landed: lines `k<key>:<i> <pad>`
 * with i = 0..n-1, so each record names its input line. Read back with kcat,
 * each record must appear once and each partition must hold its records in
 * input order.
 */
import {spawn, type ChildProcess} from 'node:child_process'
import {kfk} from './cli.js'
import {sumOffsets} from './topics.js'
import {runProcess, type ProcessResult} from './process.js'

export function keyedLines(n: number, keys = 997, pad = 40): string {
  const padding = 'x'.repeat(pad)
  const out: string[] = new Array(n)
  for (let i = 0; i < n; i++) out[i] = `k${i % keys}:${i} ${padding}`
  return out.join('\n') + '\n'
}

/** A node one-liner that writes keyedLines(n) at about `perSecond` lines a second (so a test can act mid-stream). */
export function feederScript(n: number, perSecond: number, keys = 997): string {
  const chunk = Math.max(1, Math.round(perSecond / 20))
  return `node -e 'const pad="x".repeat(40);let i=0;const n=${n};const tick=()=>{let s="";for(let j=0;j<${chunk}&&i<n;j++,i++)s+="k"+(i%${keys})+":"+i+" "+pad+"\\n";process.stdout.write(s);if(i<n)setTimeout(tick,50)};tick()'`
}

export interface ReadBack {
  total: number
  missing: number[]
  duplicates: number[]
  /** Partitions where a record's line number is lower than the one before it. */
  outOfOrder: Array<{partition: number; before: number; after: number}>
}

/**
 * Reads the whole topic with kcat and checks lines 0..n-1 are each there once,
 * in order per partition. It first waits for the high watermarks to reach n:
 * with acks=1 a record is acknowledged before its followers have it, and a
 * reader sees it only once they do.
 */
export async function readBackWithKcat(bootstrap: string, topic: string, n: number): Promise<ReadBack> {
  for (let i = 0; i < 150; i++) {
    const o = await kfk(['offsets', topic, '--json'], {env: {KAFKA_BOOTSTRAP_SERVERS: bootstrap}})
    if (o.code === 0 && sumOffsets(o.stdout) >= n) break
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  const r = await runProcess('kcat', ['-C', '-b', bootstrap, '-t', topic, '-e', '-q', '-f', '%p %s\n'], {timeoutMs: 300_000})
  if (r.code !== 0) throw new Error(`kcat failed (${r.code}): ${r.stderr}`)
  return checkLines(r.stdout, n)
}

export function checkLines(text: string, n: number): ReadBack {
  const seen = new Uint8Array(n)
  const last = new Map<number, number>()
  const duplicates: number[] = []
  const outOfOrder: ReadBack['outOfOrder'] = []
  let total = 0
  for (const line of text.split('\n')) {
    if (line === '') continue
    total++
    const space = line.indexOf(' ')
    const partition = Number(line.slice(0, space))
    const i = Number(line.slice(space + 1, line.indexOf(' ', space + 1)))
    if (seen[i]) duplicates.push(i)
    seen[i] = 1
    const before = last.get(partition) ?? -1
    if (i < before && outOfOrder.length < 10) outOfOrder.push({partition, before, after: i})
    last.set(partition, i)
  }
  const missing: number[] = []
  for (let i = 0; i < n; i++) if (!seen[i]) missing.push(i)
  return {total, missing, duplicates, outOfOrder}
}

/** Runs a shell pipeline in the background; `done` settles with its result. */
export function background(script: string, env: NodeJS.ProcessEnv): {child: ChildProcess; done: Promise<ProcessResult>} {
  const started = Date.now()
  const child = spawn('bash', ['-o', 'pipefail', '-c', script], {env, stdio: ['ignore', 'pipe', 'pipe']})
  const out: Buffer[] = []
  const err: Buffer[] = []
  child.stdout!.on('data', (d: Buffer) => out.push(d))
  child.stderr!.on('data', (d: Buffer) => err.push(d))
  const done = new Promise<ProcessResult>((resolve) =>
    child.on('close', (code) => {
      const stdoutBytes = Buffer.concat(out)
      resolve({
        code,
        stdout: stdoutBytes.toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        stdoutBytes,
        ms: Date.now() - started,
      })
    }),
  )
  return {child, done}
}

export {runProcess}
