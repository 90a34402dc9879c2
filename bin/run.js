#!/usr/bin/env node
// Fast path: `kfk --version` answers without loading oclif (startup is a feature).
const argv = process.argv.slice(2)
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v' || argv[0] === 'version')) {
  const {readFileSync} = await import('node:fs')
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
  process.stdout.write(`${pkg.name}/${pkg.version} ${process.platform}-${process.arch} node-${process.version}\n`)
} else {
  // Node 22.1+ caches compiled code between runs (a no-op on Node 20, which lacks it).
  const {default: module} = await import('node:module')
  module.enableCompileCache?.()
  const {execute} = await import('@oclif/core')
  await execute({dir: import.meta.url})
  // A finished command exits now: kafkajs can keep idle sockets and retry
  // timers alive for seconds after disconnect (kafkajs#1606). stdout and
  // stderr are synchronous for files and pipes on POSIX, so nothing is lost.
  process.exit()
}
