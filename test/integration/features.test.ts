import assert from 'node:assert/strict'
import {test} from 'node:test'
import {kfk, testBootstrap} from '../helpers/cli.js'
import {javaTool} from '../helpers/java-tools.js'

/**
 * Feature flags and API versions on the suite cluster, each fact against
 * Apache's kafka-features and kafka-broker-api-versions on the same brokers.
 * The one real change disables and re-enables eligible.leader.replicas.version,
 * which no other test relies on.
 */
const ELR = 'eligible.leader.replicas.version'

async function javaFeatures(args: string[]): Promise<{code: number | null; stdout: string; stderr: string}> {
  return javaTool('org.apache.kafka.tools.FeatureCommand', ['--bootstrap-server', testBootstrap(), ...args])
}

/** kafka-features describe: per feature "min|max|finalized|epoch". */
async function javaDescribe(): Promise<Map<string, string>> {
  const r = await javaFeatures(['describe'])
  assert.equal(r.code, 0, r.stderr)
  const out = new Map<string, string>()
  for (const line of r.stdout.split('\n')) {
    // Tab-separated up to Kafka 4.1; later releases pad the columns with spaces.
    const m =
      /^Feature: (\S+)\s+SupportedMinVersion: (\S+)\s+SupportedMaxVersion: (\S+)\s+FinalizedVersionLevel: (\S+)\s+Epoch: (\S+)\s*$/.exec(
        line,
      )
    if (m) out.set(m[1]!, `${m[2]}|${m[3]}|${m[4]}|${m[5]}`)
  }
  assert.ok(out.size > 0, r.stdout)
  return out
}

interface Feature {
  feature: string
  supportedMinVersion: number
  supportedMaxVersion: number
  finalizedVersionLevel: number
  epoch: number | null
}

async function kfkDescribe(): Promise<Feature[]> {
  const r = await kfk(['features', 'describe', '--json'])
  assert.equal(r.code, 0, r.stderr)
  return (JSON.parse(r.stdout) as {features: Feature[]}).features
}

test('features describe: the same features, supported ranges, finalized levels and epoch as kafka-features', async () => {
  const [ours, java] = [await kfkDescribe(), await javaDescribe()]
  const table = await kfk(['features', 'describe'])
  assert.equal(table.code, 0, table.stderr)
  assert.deepEqual(ours.map((f) => f.feature).sort(), [...java.keys()].sort())
  for (const f of ours) {
    const [min, max, finalized, epoch] = java.get(f.feature)!.split('|')
    // The epoch is the metadata log offset of what the broker read, which moves on (no-op records)
    // between the two tools' calls: kfk asked first, so its epoch is not newer.
    assert.ok(f.epoch !== null && BigInt(f.epoch) <= BigInt(epoch!), `${f.feature}: epoch ${f.epoch} vs ${epoch}`)
    if (f.feature === 'metadata.version') {
      // kafka-features prints metadata.version levels by release name; so does kfk's table.
      const row = table.stdout.split('\n').find((l) => l.includes('metadata.version'))!
      for (const name of [min, max, finalized]) assert.ok(row.includes(name!), `${row} lacks ${name}`)
    } else {
      assert.deepEqual(
        [f.supportedMinVersion, f.supportedMaxVersion, f.finalizedVersionLevel].map(String),
        [min, max, finalized],
        f.feature,
      )
    }
  }
})

test('features upgrade/downgrade --dry-run: the controller answers as it does to kafka-features, and nothing changes', async () => {
  const before = await kfkDescribe()
  const mv = before.find((f) => f.feature === 'metadata.version')!
  const ok = await kfk(['features', 'upgrade', '--feature', `metadata.version=${mv.finalizedVersionLevel}`, '--dry-run'])
  assert.equal(ok.code, 0, ok.stderr)
  assert.equal(ok.stdout.trim(), `metadata.version can be upgraded to ${mv.finalizedVersionLevel}.`)

  // A downgrade that would lose metadata, and an upgrade to a lower level: refused, each in the
  // controller's words, in the line kafka-features prints.
  for (const [op, spec] of [
    ['downgrade', 'metadata.version=7'],
    ['upgrade', 'transaction.version=1'],
  ]) {
    const refused = await kfk(['features', op!, '--feature', spec!, '--dry-run'])
    const java = await javaFeatures([op!, '--feature', spec!, '--dry-run'])
    assert.equal(refused.code, 1, refused.stderr)
    const javaLine = java.stdout.split('\n').find((l) => l.startsWith('Can not'))
    assert.ok(javaLine, java.stdout + java.stderr)
    assert.equal(refused.stdout.trim(), javaLine)
    assert.match(refused.stderr, /^error: The update failed .*feature had an error/m)
  }

  const levels = (features: Feature[]) => features.map((f) => `${f.feature}=${f.finalizedVersionLevel}`)
  assert.deepEqual(levels(await kfkDescribe()), levels(before))
})

test('features disable and upgrade: eligible.leader.replicas.version off and on again, as kafka-features then sees it', async () => {
  const elr = (await kfkDescribe()).find((f) => f.feature === ELR)
  assert.ok(elr, 'the cluster supports ELR')
  assert.equal(elr.finalizedVersionLevel, 1)

  const off = await kfk(['features', 'disable', '--feature', ELR])
  assert.equal(off.code, 0, off.stderr)
  assert.equal(off.stdout.trim(), `${ELR} was disabled.`)
  // kfk returned once every broker reports the change: Java, on any broker, sees it at once.
  assert.equal((await javaDescribe()).get(ELR)!.split('|')[2], '0')

  const on = await kfk(['features', 'upgrade', '--feature', `${ELR}=1`, '--json'])
  assert.equal(on.code, 0, on.stderr)
  assert.deepEqual(JSON.parse(on.stdout), {dryRun: false, changes: [{feature: ELR, level: 1, upgradeType: 'upgrade'}]})
  assert.equal((await javaDescribe()).get(ELR)!.split('|')[2], '1')
})

test('features: bad input is refused before anything is sent, exit 2, naming the value', async () => {
  for (const [args, named] of [
    [['upgrade', '--feature', 'foo.version=1'], /unknown feature 'foo\.version'/],
    [['upgrade', '--feature', 'group.version=99'], /group\.version level 99 .*not supported/],
    [['upgrade', '--feature', 'group.version'], /--feature 'group\.version' is not NAME=LEVEL/],
    [['upgrade', '--release-version', '9.9'], /--release-version '9\.9' is not a known release/],
    [['upgrade'], /no feature to upgrade/],
    [['upgrade', '--feature', 'group.version=1', '--feature', 'group.version=1'], /group\.version is given more than once/],
    [['version-mapping', '--release-version', '2.8'], /'2\.8' is not a known release/],
  ] as const) {
    const r = await kfk(['features', ...args])
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`)
    assert.match(r.stderr, named)
    assert.equal(r.stdout, '')
  }
})

test('features version-mapping: the levels kafka-features gives for each release both know', async () => {
  for (const release of ['3.3', '3.9', '4.0-IV1', '4.1-IV1']) {
    const ours = await kfk(['features', 'version-mapping', '--release-version', release], {cluster: false})
    const java = await javaFeatures(['version-mapping', '--release-version', release])
    assert.equal(ours.code, 0, ours.stderr)
    assert.equal(java.code, 0, java.stderr)
    assert.deepEqual(ours.stdout.trim().split('\n'), java.stdout.trim().split('\n'), release)
  }
})

test('cluster api-versions: every broker’s ranges as kafka-broker-api-versions reports them', async () => {
  const r = await kfk(['cluster', 'api-versions', '--json'])
  assert.equal(r.code, 0, r.stderr)
  const brokers = (
    JSON.parse(r.stdout) as {
      brokers: Array<{
        id: number
        apis: Array<{apiKey: number; name: string; minVersion: number | null; maxVersion: number | null; usedByKfk: boolean}>
      }>
    }
  ).brokers
  assert.deepEqual(
    brokers.map((b) => b.id),
    [1, 2, 3],
  )
  const java = await javaTool('org.apache.kafka.tools.BrokerApiVersionsCommand', ['--bootstrap-server', testBootstrap()])
  assert.equal(java.code, 0, java.stderr)
  // "host:port (id: 1 rack: null ...) -> (" then "\tProduce(0): 3 to 12 [usable: 12]," or "\tName(key): UNSUPPORTED".
  const javaBrokers = java.stdout.split(/\n(?=\S)/).filter((b) => /\(id: \d+/.test(b))
  assert.equal(javaBrokers.length, 3, java.stdout)
  for (const text of javaBrokers) {
    const id = Number(/\(id: (\d+)/.exec(text)![1])
    const ours = brokers.find((b) => b.id === id)!
    let compared = 0
    for (const m of text.matchAll(/\t(\w+)\((\d+)\): (?:(\d+)(?: to (\d+))?|UNSUPPORTED)/g)) {
      const api = ours.apis.find((a) => a.apiKey === Number(m[2]))
      if (!api) continue // a key newer than one of the two tables
      assert.equal(api.name, m[1])
      assert.deepEqual([api.minVersion, api.maxVersion], m[3] === undefined ? [null, null] : [Number(m[3]), Number(m[4] ?? m[3])], m[0])
      compared++
    }
    assert.ok(compared > 60, `broker ${id}: ${compared} APIs compared`)
  }
  const produce = brokers[0]!.apis.find((a) => a.apiKey === 0)!
  assert.equal(produce.usedByKfk, true)
  assert.equal(brokers[0]!.apis.find((a) => a.name === 'DescribeDelegationToken')!.usedByKfk, false)

  const table = await kfk(['cluster', 'api-versions'])
  assert.equal(table.code, 0, table.stderr)
  assert.match(table.stdout, /Produce\(0\)\s.*\d+-\d+.*yes/)
})
