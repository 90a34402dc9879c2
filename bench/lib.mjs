// Shared helpers for the benchmark scripts: timing whole commands and printing a table.
import {spawnSync} from 'node:child_process'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {DEFAULT_KAFKA_VERSION} from '../scripts/default-kafka-version.mjs'

export const ROOT = fileURLToPath(new URL('..', import.meta.url))
export const KFK = join(ROOT, 'bin/run.js')

// Node 20 parses NODE_EXTRA_CA_CERTS's file at every process start, before any of kfk's code runs
// (nodejs/node#40524; ~70 ms of CPU with a 220 KB bundle). Where it is set, the benchmarks also
// time kfk without it, as on a machine that does not set it (kcat and the JVM do not read it).
export const EXTRA_CA_SET = Boolean(process.env.NODE_EXTRA_CA_CERTS)
/** Environment overrides for a run without it (child_process leaves out undefined values). */
export const WITHOUT_EXTRA_CA = {NODE_EXTRA_CA_CERTS: undefined}

/** Kafka's jars as `kfk cluster up` provisioned them (for the Java tools). */
export function kafkaLibs(version = DEFAULT_KAFKA_VERSION) {
  if (process.env.KFK_KAFKA_LIBS) return process.env.KFK_KAFKA_LIBS
  const cache = process.env.KFK_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(process.env.HOME, '.cache'), 'kfk')
  return join(cache, `kafka-${version}`, 'libs')
}

export function javaTool(mainClass, args) {
  return ['java', ['-cp', join(kafkaLibs(), '*'), mainClass, ...args]]
}

/** Median wall time in ms of `runs` runs of a command (after one warm-up run). */
export function medianMs(cmd, args, {runs = 11, env, input} = {}) {
  const times = []
  for (let i = 0; i <= runs; i++) {
    const started = process.hrtime.bigint()
    const r = spawnSync(cmd, args, {
      env: {...process.env, ...env},
      input,
      stdio: [input ? 'pipe' : 'ignore', 'ignore', 'pipe'],
      maxBuffer: 1 << 30,
    })
    const ms = Number(process.hrtime.bigint() - started) / 1e6
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`)
    if (i > 0) times.push(ms)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)]
}

export function printTable(head, rows) {
  const all = [head, ...rows.map((r) => r.map(String))]
  const widths = head.map((_, i) => Math.max(...all.map((r) => r[i].length)))
  for (const r of all)
    console.log(
      r
        .map((c, i) => c.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    )
}

export function argValue(name, fallback) {
  const i = process.argv.indexOf(name)
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback
}
