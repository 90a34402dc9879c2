import {mkdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {cacheRoot} from '../cluster/paths.js'

/**
 * `kfk`, `kfk --help`, `kfk -h`, `kfk help`: the root help, as oclif rendered
 * it the last time, from a file. Loading oclif alone takes longer than Node's
 * whole startup (about 150 ms); the root help is the page people open first
 * and most often. The file is keyed by what the rendering depends on: the
 * command manifest (its size and time), the terminal width and the colour
 * settings; anything else renders afresh through oclif and refreshes it.
 * (bin/run.js decides what is the root help and loads this module only then.)
 */

function cacheFile(manifest: URL): string | undefined {
  try {
    const m = statSync(manifest)
    const out = process.stdout
    const color = [out.isTTY ? 'tty' : 'pipe', process.env.NO_COLOR ?? '', process.env.FORCE_COLOR ?? '', process.env.TERM ?? ''].join(',')
    const key = [m.size, Math.round(m.mtimeMs), out.isTTY ? out.columns : 0, process.env.OCLIF_COLUMNS ?? '', color].join('-')
    return join(cacheRoot(), 'help', `root-${key.replace(/[^\w.,-]/g, '_')}.txt`)
  } catch {
    return undefined
  }
}

/** The cached root help for this manifest and terminal, if there is one. */
export function cachedRootHelp(manifest: URL): string | undefined {
  const file = cacheFile(manifest)
  if (!file) return undefined
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return undefined
  }
}

/** Records what is written to stdout from now on; save() keeps it as the cached root help (best effort). */
export function captureRootHelp(manifest: URL): {save(): void} {
  const chunks: string[] = []
  const write = process.stdout.write.bind(process.stdout)
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'))
    return write(chunk, ...rest)
  }) as typeof process.stdout.write
  return {
    save() {
      process.stdout.write = write
      const file = cacheFile(manifest)
      if (!file || chunks.length === 0 || process.exitCode) return
      try {
        mkdirSync(join(file, '..'), {recursive: true})
        writeFileSync(file, chunks.join(''))
      } catch {
        // A read-only cache only costs speed.
      }
    },
  }
}
