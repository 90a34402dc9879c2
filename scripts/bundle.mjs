// Bundles the commands people run most, and in pipelines (produce, consume),
// each into one CommonJS file in dist/fast/ with oclif and kafkajs inside:
// bin/run.js loads that (dist/startup/fast-start.js) instead of resolving some 300
// modules, and keeps V8's compiled code of it between runs, which CommonJS
// allows on Node 20 (vm.Script cachedData; ES modules would need Node 22's
// compile cache). kfk produce of nothing: 0.40 s (unbundled) -> 0.13 s.
// kafkajs's patches (dist/core/kafkajs/patches.js) are applied here, at build
// time. dist/fast/bundles.json holds each bundle's SHA-1: the code cache's key.
// Run by `npm run build`, after tsc.
import {build} from 'esbuild'
import {createHash} from 'node:crypto'
import {readFileSync, rmSync, writeFileSync} from 'node:fs'
import {KAFKAJS_PATCHES, patchKafkajsSource} from '../dist/core/kafkajs/patches.js'

const FAST = ['produce', 'consume']
const LOAD_REQUIRE = 'const require = createRequire(import.meta.url);\n'

/** kafkajs into the bundle: core/kafkajs/load.ts's runtime require goes (esbuild then bundles what it requires), patches applied. */
const bundleKafkajs = {
  name: 'kafkajs',
  setup(b) {
    b.onLoad({filter: /[/\\]dist[/\\]core[/\\]kafkajs[/\\]load\.js$/}, ({path}) => {
      const source = readFileSync(path, 'utf8')
      if (!source.includes(LOAD_REQUIRE)) throw new Error(`bundle: "${LOAD_REQUIRE.trim()}" not found in ${path}`)
      return {contents: source.replace(LOAD_REQUIRE, ''), loader: 'js'}
    })
    b.onLoad({filter: /[/\\]node_modules[/\\]kafkajs[/\\].*\.js$/}, ({path}) => {
      const id = Object.keys(KAFKAJS_PATCHES).find((id) => path.replaceAll('\\', '/').endsWith(`/node_modules/${id}`))
      if (!id) return undefined
      return {contents: patchKafkajsSource(id, readFileSync(path, 'utf8')), loader: 'js'}
    })
  },
}

rmSync('dist/fast', {recursive: true, force: true})
const hashes = {}
await Promise.all(
  FAST.map(async (name) => {
    const outfile = `dist/fast/${name}.cjs`
    await build({
      entryPoints: [`dist/commands/${name}.js`],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      // oclif reaches typescript only to run .ts commands in development; never from dist.
      external: ['typescript'],
      define: {__KFK_BUNDLE__: 'true', 'import.meta.url': '__kfkModuleUrl'},
      banner: {js: "var __kfkModuleUrl = require('node:url').pathToFileURL(__filename).href;"},
      plugins: [bundleKafkajs],
      logLevel: 'warning',
    })
    const code = readFileSync(outfile)
    hashes[name] = createHash('sha1').update(code).digest('hex')
  }),
)
writeFileSync('dist/fast/bundles.json', JSON.stringify(hashes, null, 2) + '\n')
console.error(`dist/fast: ${FAST.join(', ')} bundled`)
