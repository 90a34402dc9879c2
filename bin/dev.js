#!/usr/bin/env -S node --import tsx --no-warnings=ExperimentalWarning
// Runs kfk from src/ through tsx, without a build. The committed manifest
// points at dist/, so the root plugin is loaded with the manifest ignored.
import {fileURLToPath} from 'node:url'
import {Config, Plugin, execute} from '@oclif/core'

process.env.NODE_ENV ??= 'development'
const root = fileURLToPath(new URL('..', import.meta.url))
const plugin = new Plugin({root, isRoot: true, type: 'core', ignoreManifest: true})
await plugin.load()
const config = await Config.load({root, plugins: new Map([[plugin.name, plugin]])})
const {missingAction, rewriteActionFlags} = await import('../src/startup/action-flags.ts')
const missing = missingAction(process.argv.slice(2))
if (missing) {
  process.stderr.write(`error: ${missing.message}\nhint: ${missing.hint}\n`)
  process.exit(2)
}
await execute({development: true, dir: import.meta.url, loadOptions: config, args: rewriteActionFlags(process.argv.slice(2))})
process.exit()
