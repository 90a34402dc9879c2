// The version matrix: a one-node cluster of every release line and mode kfk
// supports (src/cluster/releases.ts), each started through `kfk cluster up`,
// and the everyday scenarios (test/helpers/version-scenarios.ts) run on each.
// Prints a table, release x scenario: works, refused in one line, or fails;
// exits 1 when a cell is not what the release should give.
//
//   npm run test:versions                      # everything (about 30 minutes)
//   npm run test:versions -- --only 2.8,3.9    # some release lines
//   npm run test:versions -- --markdown        # the table as the README shows it
//   npm run test:versions -- --no-authorizer   # clusters without ACLs (the acls column is then refused)
// Each cluster runs an authorizer (cluster up --authorizer) and kfk connects as
// its super user through the profile cluster up saves, so ACLs are covered too.
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {RELEASE_LINES} from '../src/cluster/releases.js'
import {runProcess} from '../test/helpers/process.js'
import {ROOT} from '../test/helpers/cli.js'
import {expectedCell, MATRIX_PASSWORD, type Outcome, type Release, runScenario, SCENARIOS} from '../test/helpers/version-scenarios.js'

const arg = (name: string) => {
  const at = process.argv.indexOf(name)
  return at > 0 ? process.argv[at + 1] : undefined
}
const only = arg('--only')?.split(',')
const onlyMode = arg('--mode')
const markdown = process.argv.includes('--markdown')
const PORT = arg('--port') ?? '24092'
const authorizer = !process.argv.includes('--no-authorizer')

const releases: Release[] = RELEASE_LINES.filter((r) => !only || only.includes(r.line)).flatMap((r) =>
  (['zookeeper', 'kraft'] as const)
    .filter((mode) => r[mode] && (!onlyMode || onlyMode === mode))
    .map((mode) => ({line: r.line, version: r.latest, mode, authorizer})),
)

const stateDir = mkdtempSync(join(tmpdir(), 'kfk-matrix-'))
const env = {...process.env, NO_COLOR: '1', KFK_STATE_DIR: stateDir, KFK_CONFIG_DIR: stateDir, KFK_MATRIX_PASSWORD: MATRIX_PASSWORD}
const run = (args: string[], extra: NodeJS.ProcessEnv = {}, input?: string) =>
  runProcess(process.execPath, [join(ROOT, 'bin/run.js'), ...args], {env: {...env, ...extra}, input, timeoutMs: 180_000})

const started = Date.now()
const results: Array<{release: Release; outcomes: Outcome[]; expected: string[]}> = []
let wrong = 0
try {
  for (const release of releases) {
    const label = `${release.version} ${release.mode}`
    const mode = release.mode === 'zookeeper' ? ['--zookeeper'] : []
    const withAcls = authorizer ? ['--authorizer'] : []
    const up = await run([
      'cluster',
      'up',
      '--name',
      'matrix',
      '--port',
      PORT,
      '--kafka-version',
      release.version,
      ...mode,
      ...withAcls,
      '--json',
    ])
    if (up.code !== 0) {
      console.error(`${label}: cluster up failed\n${up.stderr}`)
      results.push({release, outcomes: SCENARIOS.map(() => ({cell: 'fails', detail: 'cluster up failed'})), expected: []})
      wrong++
      continue
    }
    // As the super user through the saved profile, or plainly to the brokers.
    const connect = authorizer ? {KFK_PROFILE: 'matrix'} : {KAFKA_BOOTSTRAP_SERVERS: JSON.parse(up.stdout).bootstrapServers}
    const outcomes: Outcome[] = []
    const expected: string[] = []
    for (const scenario of SCENARIOS) {
      const t0 = Date.now()
      const outcome = await runScenario(scenario, release, (args, input) => run(args, connect, input))
      const want = expectedCell(scenario, release)
      outcomes.push(outcome)
      expected.push(want)
      const mark = outcome.cell === want ? '' : `  <-- expected ${want}`
      if (outcome.cell !== want) wrong++
      console.error(`${label}  ${scenario.name}: ${outcome.cell} (${((Date.now() - t0) / 1000).toFixed(1)} s)${mark}`)
      if (outcome.detail && (outcome.cell !== 'works' || mark)) console.error(`    ${outcome.detail.replaceAll('\n', '\n    ')}`)
    }
    results.push({release, outcomes, expected})
    await run(['cluster', 'down', '--name', 'matrix', '--purge'])
  }
} finally {
  await run(['cluster', 'down', '--name', 'matrix', '--purge'])
  rmSync(stateDir, {recursive: true, force: true})
}

const symbol = {works: markdown ? '✓' : 'works', refused: markdown ? '–' : 'refused', fails: markdown ? '✗' : 'FAILS'}
const head = ['release', ...SCENARIOS.map((s) => s.column)]
const rows = results.map(({release, outcomes}) => [
  `${release.version} ${release.mode === 'zookeeper' ? 'ZooKeeper' : 'KRaft'}`,
  ...outcomes.map((o) => symbol[o.cell]),
])
if (markdown) {
  console.log(`| ${head.join(' | ')} |`)
  console.log(`|${head.map(() => '---').join('|')}|`)
  for (const row of rows) console.log(`| ${row.join(' | ')} |`)
} else {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  for (const row of [head, ...rows]) console.log(row.map((c, i) => c.padEnd(widths[i]!)).join('  '))
}
const minutes = ((Date.now() - started) / 60_000).toFixed(1)
console.error(`${results.length} release(s) x ${SCENARIOS.length} scenarios in ${minutes} min; ${wrong} cell(s) not as expected`)
process.exit(wrong === 0 ? 0 : 1)
