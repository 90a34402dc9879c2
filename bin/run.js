#!/usr/bin/env node
// kcat's and kaf's habit: connection flags before the command (`kfk -b host:9092 topics list`,
// `kfk --profile prod groups list`) go after it, where oclif reads a command's flags.
const LEADING_FLAGS = new Set(['-b', '--bootstrap-server', '--profile', '--command-config'])
function leadingFlagsLast(args) {
  let i = 0
  while (i < args.length) {
    if (LEADING_FLAGS.has(args[i]) && i + 1 < args.length) i += 2
    else if ([...LEADING_FLAGS].some((f) => f.startsWith('--') && args[i].startsWith(`${f}=`))) i += 1
    else break
  }
  return i === 0 ? args : [...args.slice(i), ...args.slice(0, i)]
}

// Fast path: `kfk --version` answers without loading oclif (startup is a feature).
const argv = leadingFlagsLast(process.argv.slice(2))
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v' || argv[0] === 'version')) {
  const {readFileSync} = await import('node:fs')
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
  process.stdout.write(`${pkg.name}/${pkg.version} ${process.platform}-${process.arch} node-${process.version}\n`)
} else {
  // A stdout that fails (a full disk) is one line and exit 1 for every command; a
  // closed pipe (`| head`) is a quiet end. Commands that watch stdout themselves
  // (consume's RecordWriter) add their own listener and report it their way.
  const onStdoutError = (error) => {
    if (process.stdout.listenerCount('error') > 1 || error.code === 'EPIPE' || process.exitCode) return
    process.stderr.write(`error: cannot write to stdout: ${error.message}\n`)
    process.exitCode = 1
  }
  process.stdout.on('error', onStdoutError)
  // oclif rethrows every stdout error but EPIPE from a listener: a crash with a stack trace.
  const dropOclifStdoutListeners = () => {
    for (const listener of process.stdout.listeners('error'))
      if (listener !== onStdoutError) process.stdout.removeListener('error', listener)
  }
  // Node 22.1+ caches compiled code between runs (a no-op on Node 20, which lacks it).
  const {default: module} = await import('node:module')
  module.enableCompileCache?.()
  const manifest = new URL('../oclif.manifest.json', import.meta.url)
  // Shell completion (a TAB) answers from the manifest without oclif.
  if (argv[0] === '__complete') {
    const {runCompletion} = await import('../dist/completion/run.js')
    await runCompletion(argv.slice(1), manifest)
    process.exit()
  }
  // The root help (`kfk`, `kfk --help`, `-h`, `help`) comes from a file when oclif rendered it before
  // for this manifest and terminal; other commands do not load that module.
  let rootHelp
  if (argv.length === 0 || (argv.length === 1 && ['--help', '-h', 'help'].includes(argv[0]))) {
    const help = await import('../dist/startup/root-help-cache.js')
    const cached = help.cachedRootHelp(manifest)
    if (cached !== undefined) {
      await new Promise((resolve) => process.stdout.write(cached, resolve))
      process.exit()
    }
    rootHelp = help.captureRootHelp(manifest)
  }
  // produce and consume (the data path, often run in loops and pipelines) start from one bundled
  // file each with oclif and kafkajs inside (dist/fast, made by the build; see dist/startup/fast-start.js);
  // their help goes through oclif as usual.
  const fast = ['produce', 'consume'].includes(argv[0]) && !argv.some((a) => ['--help', '-h', 'help'].includes(a))
  const bundled = fast ? (await import('../dist/startup/fast-start.js')).loadFastCommand(argv[0]) : undefined
  if (bundled) {
    dropOclifStdoutListeners()
    bundled.command.id = argv[0]
    await bundled.command.run(argv.slice(1), new URL('../package.json', import.meta.url).href)
    bundled.saveCodeCache()
  } else {
    const {execute} = await import('@oclif/core')
    dropOclifStdoutListeners()
    // kafka-*.sh's action flags (`kfk topics --list`) name the subcommand.
    const {missingAction, rewriteActionFlags} = await import('../dist/startup/action-flags.js')
    const missing = missingAction(argv)
    if (missing) {
      process.stderr.write(`error: ${missing.message}\nhint: ${missing.hint}\n`)
      process.exit(2)
    }
    await execute({dir: import.meta.url, args: rewriteActionFlags(argv)})
    rootHelp?.save()
  }
  // A finished command exits now: kafkajs can keep idle sockets and retry
  // timers alive for seconds after disconnect (kafkajs#1606). But first stdout
  // drains: a pipe to a slow reader may still hold megabytes in the process.
  // (Also lets a pending stdout error event run, so a failed write is reported.)
  if (!process.stdout.destroyed) await new Promise((resolve) => process.stdout.write('', resolve))
  await new Promise((resolve) => setImmediate(resolve))
  process.exit()
}
