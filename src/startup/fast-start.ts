import {mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import vm from 'node:vm'
import {cacheRoot} from '../cluster/paths.js'

/**
 * Starts produce or consume from its bundle (dist/fast/NAME.cjs, made by
 * scripts/bundle.mjs: the command with oclif and kafkajs in one file), with
 * V8's compiled code of the bundle kept between runs. Parsing and compiling
 * the 1.8 MB bundle was most of what is left of their start (kfk produce of
 * nothing: 0.20 s without the cache, 0.13 s with it; `node -e 0` is 0.07 s).
 * Node 20 has no compile cache for ES modules (22 does), hence CommonJS and
 * vm.Script's cachedData. The cache lives in the cache dir (cluster/paths.ts),
 * keyed by the bundle's SHA-1 (dist/fast/bundles.json) and Node's version; V8
 * refuses a cache made by another V8 or with other flags, and then it is made
 * again. Every failure to read or write it is silent: it only saves time.
 */
export interface FastCommand {
  id: string
  run(argv: string[], config: string): Promise<unknown>
}

const FAST = new URL('../fast/', import.meta.url)

/** The bundled command `name`, or undefined when the build made no bundle for it. */
export function loadFastCommand(name: string): {command: FastCommand; saveCodeCache(): void} | undefined {
  let hash: string | undefined
  let source: string
  const file = fileURLToPath(new URL(`${name}.cjs`, FAST))
  try {
    hash = (JSON.parse(readFileSync(new URL('bundles.json', FAST), 'utf8')) as Record<string, string>)[name]
    source = readFileSync(file, 'utf8')
  } catch {
    return undefined
  }
  const cacheFile = hash ? join(cacheRoot(), 'code', `${name}-${hash.slice(0, 16)}-${process.version}-${process.arch}.bin`) : undefined
  let cachedData: Buffer | undefined
  try {
    if (cacheFile) cachedData = readFileSync(cacheFile)
  } catch {
    // None yet: this run makes it.
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    cachedData,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  })
  const module = {exports: {} as {default?: FastCommand}}
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file))
  const command = module.exports.default
  if (!command) return undefined
  return {
    command,
    // After a run, so the cache holds the functions the run compiled too, not only the bundle's top level.
    saveCodeCache() {
      if (!cacheFile || (cachedData && !script.cachedDataRejected)) return
      try {
        const dir = dirname(cacheFile)
        mkdirSync(dir, {recursive: true})
        // Older bundles' caches go; a whole file appears at once (another kfk may be reading it).
        for (const old of readdirSync(dir)) if (old.startsWith(`${name}-`)) rmSync(join(dir, old), {force: true})
        const partial = `${cacheFile}.${process.pid}`
        writeFileSync(partial, script.createCachedData())
        renameSync(partial, cacheFile)
      } catch {
        // A read-only or full cache dir: the next run compiles again.
      }
    },
  }
}
