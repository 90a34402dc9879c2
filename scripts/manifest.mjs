// Regenerates oclif.manifest.json from the built commands in dist/, so help
// and command lookup never load every command file. Run by `npm run build`.
import {rmSync, writeFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {Config} from '@oclif/core'

const root = fileURLToPath(new URL('..', import.meta.url))
const file = new URL('../oclif.manifest.json', import.meta.url)
rmSync(file, {force: true}) // otherwise oclif would read the old one back
const config = await Config.load({root, devPlugins: false, userPlugins: false})
const plugin = config.getPluginsList().find((p) => p.root === config.root)
// Commands sorted by id, so the file only changes when the commands do.
const commands = Object.fromEntries(Object.entries(plugin.manifest.commands).sort(([a], [b]) => a.localeCompare(b)))
const manifest = {...plugin.manifest, commands}
writeFileSync(file, JSON.stringify(manifest, null, 2) + '\n')
console.error(`oclif.manifest.json: ${Object.keys(manifest.commands).length} commands`)
