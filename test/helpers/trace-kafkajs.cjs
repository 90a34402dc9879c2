// Preloaded with --require: reports at exit whether kafkajs was loaded, so
// tests can prove that --help and --version stay lazy.
process.on('exit', () => {
  const loaded = Object.keys(require.cache).some((p) => p.includes('/node_modules/kafkajs/'))
  process.stderr.write(`\nKAFKAJS_LOADED=${loaded}\n`)
})
