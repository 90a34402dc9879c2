// Bundles the commands people run most, and in pipelines (produce, consume),
// each into one file in dist/fast/ with oclif: bin/run.js loads that instead
// of resolving some 300 modules, which was most of their start time
// (kfk produce of nothing: 0.40 -> 0.31 s). kafkajs stays a runtime require
// (lazy: loaded when a command connects). Run by `npm run build`.
import {build} from 'esbuild'

const FAST = ['produce', 'consume']
await Promise.all(
  FAST.map((name) =>
    build({
      entryPoints: [`dist/commands/${name}.js`],
      outfile: `dist/fast/${name}.js`,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      // oclif reaches typescript only to run .ts commands in development; never from dist.
      external: ['typescript'],
      // Bundled CommonJS (oclif's) calls require: give it one that resolves from dist/fast.
      banner: {js: "import {createRequire as __kfkRequire} from 'node:module'; const require = __kfkRequire(import.meta.url);"},
      logLevel: 'warning',
    }),
  ),
)
console.error(`dist/fast: ${FAST.join(', ')} bundled`)
