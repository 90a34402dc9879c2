/**
 * The everyday scenarios of the version matrix: what an operator does on a
 * cluster, each checked on the data (counts, lag, offsets), not the exit code.
 * scripts/version-matrix.ts runs them on every release and mode of the range;
 * the compat tests run them on a few. A scenario that needs something an
 * older release lacks must then be refused in one line (see classify).
 */
import assert from 'node:assert/strict'
import {test} from 'node:test'
import {atLeast, type MetadataMode} from '../../src/cluster/releases.js'
import type {CliResult} from './cli.js'
import type {OwnCluster} from './own-cluster.js'

export interface Release {
  line: string
  version: string
  mode: MetadataMode
  /** The cluster runs an authorizer (cluster up --authorizer), and kfk connects as its super user. */
  authorizer?: boolean
}

export type Cell = 'works' | 'refused' | 'fails'

export interface Outcome {
  cell: Cell
  /** The refusal's line, or what failed. */
  detail: string
}

/** Runs kfk against the cluster under test. */
export type Kfk = (args: string[], input?: string) => Promise<CliResult>

interface Context {
  release: Release
  /** Runs kfk and returns stdout; a non-zero exit throws (classified as refused or failed). */
  ok(args: string[], input?: string): Promise<string>
  /** Runs kfk with --json among the args and parses stdout (JSON.parse's untyped value, as the tests read it). */
  json(args: string[]): Promise<ReturnType<typeof JSON.parse>>
}

export interface Scenario {
  name: string
  /** The matrix table's column. */
  column: string
  /** What the scenario needs beyond the oldest release: older releases (or the other mode) must refuse it in one line. */
  needs?: {since?: string; mode?: MetadataMode; kraftSince?: string; authorizer?: boolean}
  run(ctx: Context): Promise<void>
}

/** The password the users scenario sets, read from KFK_MATRIX_PASSWORD (a password never goes on a command line). */
export const MATRIX_PASSWORD = 'matrix-secret'
const RECORDS = 1000
const CODECS = ['none', 'gzip', 'snappy', 'lz4', 'zstd']
const TOPIC = 'matrix-data'
const GROUP = 'matrix-group'
const lines = (n: number, tag: string) => Array.from({length: n}, (_, i) => `${tag}-${i}`).join('\n') + '\n'
const total = RECORDS * CODECS.length

async function latestSum(ctx: Context, topic: string): Promise<number> {
  const r: {offsets: Array<{offset: number}>} = await ctx.json(['offsets', topic, '--json'])
  return r.offsets.reduce((sum, o) => sum + o.offset, 0)
}

async function groupLag(ctx: Context, group: string): Promise<number> {
  return (await ctx.json(['groups', 'describe', group, '--json'])).groups[0].totalLag
}

export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'topics create/list/describe/alter/delete',
    column: 'topics',
    async run(ctx) {
      await ctx.ok(['topics', 'create', 'matrix-topic', '-p', '3', '--config', 'retention.ms=3600000'])
      assert.ok((await ctx.ok(['topics', 'list'])).split('\n').includes('matrix-topic'))
      const described = await ctx.json(['topics', 'describe', 'matrix-topic', '--json'])
      assert.equal(described.topics[0].partitionDetails.length, 3)
      await ctx.ok(['topics', 'alter', 'matrix-topic', '--partitions', '4'])
      assert.equal((await ctx.json(['topics', 'describe', 'matrix-topic', '--json'])).topics[0].partitionDetails.length, 4)
      await ctx.ok(['topics', 'delete', 'matrix-topic', '--yes'])
    },
  },
  {
    name: 'produce with every codec',
    column: 'produce',
    async run(ctx) {
      await ctx.ok(['topics', 'create', TOPIC, '-p', '3'])
      for (const codec of CODECS) await ctx.ok(['produce', TOPIC, '--compression', codec], lines(RECORDS, codec))
      assert.equal(await latestSum(ctx, TOPIC), total)
    },
  },
  {
    name: 'consume to the end, --json',
    column: 'consume',
    async run(ctx) {
      const text = await ctx.ok(['consume', TOPIC, '--from-beginning', '-e'])
      assert.equal(text.split('\n').filter(Boolean).length, total)
      for (const codec of CODECS) assert.ok(text.includes(`${codec}-${RECORDS - 1}\n`), codec)
      const json = await ctx.ok(['consume', TOPIC, '--from-beginning', '-e', '-n', '10', '--json'])
      assert.equal(JSON.parse(json).records.length, 10)
    },
  },
  {
    name: 'group consume (classic)',
    column: 'group',
    async run(ctx) {
      const text = await ctx.ok(['consume', TOPIC, '--group', GROUP, '--from-beginning', '-e'])
      assert.equal(text.split('\n').filter(Boolean).length, total)
      assert.equal(await groupLag(ctx, GROUP), 0)
    },
  },
  {
    name: 'group consume (consumer protocol)',
    column: 'group 848',
    needs: {since: '4.0', mode: 'kraft'},
    async run(ctx) {
      const text = await ctx.ok(['consume', TOPIC, '--group', 'matrix-848', '--group-protocol', 'consumer', '--from-beginning', '-e'])
      assert.equal(text.split('\n').filter(Boolean).length, total)
      assert.equal(await groupLag(ctx, 'matrix-848'), 0)
    },
  },
  {
    name: 'groups list and every describe view',
    column: 'groups views',
    async run(ctx) {
      assert.ok((await ctx.ok(['groups', 'list'])).includes(GROUP))
      // Filters by type (--consumer: classic or KIP-848, whichever the default protocol made) and state;
      // on brokers before ListGroups v5 (types) kfk filters what they list.
      assert.ok((await ctx.ok(['groups', 'list', '--consumer', '--state', 'Empty'])).includes(GROUP))
      assert.ok(!(await ctx.ok(['groups', 'list', '--type', 'share'])).includes(GROUP))
      for (const view of [[], ['--members'], ['--state'], ['--offsets'], ['--members', '--verbose']])
        assert.notEqual(await ctx.ok(['groups', 'describe', GROUP, ...view]), '')
    },
  },
  {
    name: 'groups reset-offsets, delete-offsets, delete',
    column: 'groups reset/delete',
    async run(ctx) {
      await ctx.ok(['groups', 'reset-offsets', '--group', GROUP, '--topic', TOPIC, '--to-earliest', '--execute'])
      assert.equal(await groupLag(ctx, GROUP), total)
      await ctx.ok(['groups', 'delete-offsets', GROUP, '--topic', `${TOPIC}:0`, '--yes'])
      await ctx.ok(['groups', 'delete', GROUP, '--yes'])
      assert.ok(!(await ctx.ok(['groups', 'list'])).includes(GROUP))
    },
  },
  {
    name: 'offsets (earliest, latest, a time)',
    column: 'offsets',
    async run(ctx) {
      assert.equal(await latestSum(ctx, TOPIC), total)
      const earliest = await ctx.json(['offsets', TOPIC, '--time', 'earliest', '--json'])
      assert.deepEqual(
        earliest.offsets.map((o: {offset: number}) => o.offset),
        [0, 0, 0],
      )
      await ctx.ok(['offsets', TOPIC, '--time', new Date(Date.now() - 3_600_000).toISOString()])
    },
  },
  {
    name: 'offsets --time max-timestamp',
    column: 'max-timestamp',
    needs: {since: '3.0'},
    async run(ctx) {
      await ctx.ok(['offsets', TOPIC, '--time', 'max-timestamp'])
    },
  },
  {
    name: 'records delete',
    column: 'records delete',
    async run(ctx) {
      // Records without keys go where the sticky partitioner put them: delete in the partition holding the most.
      const latest = (await ctx.json(['offsets', TOPIC, '--json'])).offsets as Array<{partition: number; offset: number}>
      const fullest = latest.reduce((a, b) => (b.offset > a.offset ? b : a))
      await ctx.ok(['records', 'delete', TOPIC, '--partition', String(fullest.partition), '--before-offset', '10', '--yes'])
      const earliest = await ctx.json(['offsets', `${TOPIC}:${fullest.partition}`, '--time', 'earliest', '--json'])
      assert.equal(earliest.offsets[0].offset, 10)
    },
  },
  {
    name: 'configs: topic, broker (dynamic), quotas',
    column: 'configs, quotas',
    async run(ctx) {
      await ctx.ok(['configs', 'alter', '--entity-type', 'topics', '--entity-name', TOPIC, '--add-config', 'retention.ms=7200000'])
      assert.match(await ctx.ok(['configs', 'describe', '--entity-type', 'topics', '--entity-name', TOPIC]), /retention\.ms\s+7200000/)
      await ctx.ok(['configs', 'alter', '--broker', '1', '--add-config', 'log.cleaner.threads=2'])
      assert.match(await ctx.ok(['configs', 'describe', '--broker', '1']), /log\.cleaner\.threads\s+2/)
      await ctx.ok(['configs', 'alter', '--broker', '1', '--delete-config', 'log.cleaner.threads'])
      await ctx.ok(['configs', 'alter', '--user', 'matrix-user', '--add-config', 'producer_byte_rate=1048576'])
      assert.match(await ctx.ok(['configs', 'describe', '--user', 'matrix-user']), /producer_byte_rate[=\s]+1048576/)
    },
  },
  {
    name: 'users (SCRAM)',
    column: 'users',
    needs: {kraftSince: '3.5'},
    async run(ctx) {
      await ctx.ok(['users', 'set-password', 'matrix-user', '--mechanism', 'SCRAM-SHA-256', '--password-env', 'KFK_MATRIX_PASSWORD'])
      assert.match(await ctx.ok(['users', 'describe', 'matrix-user']), /SCRAM-SHA-256/)
      await ctx.ok(['users', 'delete', 'matrix-user', '--mechanism', 'SCRAM-SHA-256', '--yes'])
    },
  },
  {
    name: 'log-dirs',
    column: 'log-dirs',
    async run(ctx) {
      const dirs = await ctx.json(['log-dirs', '--json'])
      assert.ok(dirs.brokers[0].logDirs[0].replicas.some((r: {topic: string}) => r.topic === TOPIC))
    },
  },
  {
    name: 'reassign --list, elect-leaders',
    column: 'reassign, elect',
    async run(ctx) {
      await ctx.ok(['partitions', 'reassign', '--list'])
      await ctx.ok(['partitions', 'elect-leaders', '--election-type', 'preferred', '--all-topic-partitions', '--yes'])
    },
  },
  {
    name: 'transactions list, describe-producers',
    column: 'transactions',
    needs: {since: '3.0'},
    async run(ctx) {
      await ctx.ok(['transactions', 'list'])
      // A record written to partition 1 now, so that partition surely has a producer to describe.
      await ctx.ok(['produce', TOPIC, '-p', '1'], 'producer-probe\n')
      const producers = await ctx.json(['transactions', 'describe-producers', '--topic', TOPIC, '--partition', '1', '--json'])
      assert.ok(producers.producers.length > 0, JSON.stringify(producers))
    },
  },
  {
    name: 'perf produce, perf consume',
    column: 'perf',
    async run(ctx) {
      await ctx.ok(['topics', 'create', 'matrix-perf', '-p', '2'])
      const produced = await ctx.json([
        'perf',
        'produce',
        '--topic',
        'matrix-perf',
        '--num-records',
        '10000',
        '--record-size',
        '100',
        '--throughput',
        '-1',
        '--json',
      ])
      assert.equal(produced.total.records, 10000)
      const consumed = await ctx.json(['perf', 'consume', '--topic', 'matrix-perf', '--messages', '10000', '--json'])
      assert.equal(consumed.messages, 10000)
    },
  },
  {
    name: 'cluster describe, api-versions, features',
    column: 'cluster, features',
    async run(ctx) {
      const cluster = await ctx.json(['cluster', 'describe', '--json'])
      assert.equal(cluster.brokers.length, 1)
      assert.equal(cluster.controller, 1)
      await ctx.ok(['cluster', 'api-versions'])
      await ctx.ok(['features', 'describe'])
    },
  },
  {
    name: 'acls add, list, remove (AclAuthorizer in ZooKeeper mode, StandardAuthorizer in KRaft)',
    column: 'acls',
    needs: {authorizer: true},
    async run(ctx) {
      const acl = ['--topic', TOPIC, '--operation', 'Read']
      await ctx.ok(['acls', 'add', '--allow-principal', 'User:matrix-reader', ...acl])
      const listed = await ctx.json(['acls', 'list', '--topic', TOPIC, '--json'])
      assert.deepEqual(
        listed.acls.map((a: {principal: string; operation: string}) => [a.principal, a.operation]),
        [['User:matrix-reader', 'READ']],
      )
      await ctx.ok(['acls', 'remove', '--allow-principal', 'User:matrix-reader', ...acl, '--yes'])
      assert.deepEqual((await ctx.json(['acls', 'list', '--topic', TOPIC, '--json'])).acls, [])
    },
  },
  {
    name: 'share groups',
    column: 'share',
    needs: {since: '4.1', mode: 'kraft'},
    async run(ctx) {
      // A share group starts at the latest offset unless its config says otherwise (as Java's).
      await ctx.ok(['configs', 'alter', '--group', 'matrix-share', '--add-config', 'share.auto.offset.reset=earliest'])
      const text = await ctx.ok(['consume', TOPIC, '--share-group', 'matrix-share', '-n', '100', '--timeout-ms', '20000'])
      assert.equal(text.split('\n').filter(Boolean).length, 100)
    },
  },
]

/** Whether a release has what a scenario needs. */
export function releaseHas(release: Release, needs: Scenario['needs']): boolean {
  if (!needs) return true
  if (needs.mode && needs.mode !== release.mode) return false
  if (needs.authorizer && !release.authorizer) return false
  if (needs.kraftSince && release.mode === 'kraft' && !atLeast(release.line, needs.kraftSince)) return false
  return !needs.since || atLeast(release.line, needs.since)
}

class CommandFailed extends Error {
  constructor(
    readonly args: string[],
    readonly result: CliResult,
  ) {
    super(`kfk ${args.join(' ')} exited ${result.code}: ${result.stderr.trim()}`)
  }
}

/**
 * A refusal is an exit of 1 or 2 with one `error:` line (a hint may follow)
 * that names the problem in words: never a raw protocol error, a bare API
 * key or a stack trace.
 */
export function isRefusal(result: CliResult): boolean {
  const lines = result.stderr.split('\n').filter((l) => l.startsWith('error:'))
  return (
    (result.code === 1 || result.code === 2) &&
    lines.length === 1 &&
    // Never a raw protocol error name with the broker's text ("INVALID_REQUEST: Unexpected ..."), a bare API key, a stack.
    !/Kafka request failed|\b[A-Z]+(_[A-Z]+)+: |no common version|API key \d|^\s+at |TypeError|Error:/m.test(
      result.stderr.replace(/^error:/m, ''),
    )
  )
}

export async function runScenario(scenario: Scenario, release: Release, kfk: Kfk): Promise<Outcome> {
  const ok = async (args: string[], input?: string) => {
    const r = await kfk(args, input)
    if (r.code !== 0) throw new CommandFailed(args, r)
    return r.stdout
  }
  const ctx: Context = {release, ok, json: async (args) => JSON.parse(await ok(args))}
  try {
    await scenario.run(ctx)
    return {cell: 'works', detail: ''}
  } catch (error) {
    if (error instanceof CommandFailed && isRefusal(error.result))
      return {cell: 'refused', detail: error.result.stderr.split('\n').find((l) => l.startsWith('error:'))!}
    return {cell: 'fails', detail: (error as Error).message.split('\n').slice(0, 6).join('\n')}
  }
}

/** The cell a release should show: works where it has what the scenario needs, else refused. */
export function expectedCell(scenario: Scenario, release: Release): Cell {
  return releaseHas(release, scenario.needs) ? 'works' : 'refused'
}

/**
 * The scenarios as tests, in order, on a cluster of the test file's own running `release`;
 * `columns` picks some (the produce scenario, which writes the data the others read, always runs).
 */
export function scenarioTests(release: Release, cluster: OwnCluster, columns?: readonly string[]): void {
  for (const scenario of SCENARIOS.filter((s) => !columns || s.column === 'produce' || columns.includes(s.column))) {
    const expected = expectedCell(scenario, release)
    test(`${scenario.name} ${expected === 'works' ? 'works' : 'is refused in one line'}`, async () => {
      const outcome = await runScenario(scenario, release, (args, input) =>
        cluster.onCluster(args, {input, env: {KFK_MATRIX_PASSWORD: MATRIX_PASSWORD}}),
      )
      assert.equal(outcome.cell, expected, outcome.detail)
    })
  }
}
