/**
 * kfk topics export / kfk apply on the shared test cluster: create, grow,
 * config changes, refusals that change nothing, idempotence, bad files.
 * (--delete-missing and the cross-cluster round trip run in failover.test.ts,
 * on a cluster of their own.)
 */
import assert from 'node:assert/strict'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {after, test} from 'node:test'
import {kfk, uniqueName} from '../helpers/cli.js'

const dir = mkdtempSync(join(tmpdir(), 'kfk-apply-'))
const a = uniqueName('kfk-apply-a')
const b = uniqueName('kfk-apply-b')
after(async () => {
  await kfk(['topics', 'delete', a, b, '--if-exists', '--yes'])
})

function file(name: string, text: string): string {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

async function describe(topic: string) {
  const r = await kfk(['topics', 'describe', topic, '--json'])
  assert.equal(r.code, 0, r.stderr)
  return JSON.parse(r.stdout).topics[0] as {partitions: number; replicationFactor: number; configs: Record<string, string>}
}

async function overrides(topic: string): Promise<Record<string, string>> {
  const r = await kfk(['configs', 'describe', '--entity-type', 'topics', '--entity-name', topic, '--json'])
  return Object.fromEntries(JSON.parse(r.stdout).entities[0].configs.map((c: {name: string; value: string}) => [c.name, c.value]))
}

test('apply creates, grows and reconfigures; a second run plans nothing; export reproduces the file', async () => {
  const v1 = file(
    'v1.yaml',
    `topics:\n  - name: ${a}\n    partitions: 2\n    replicationFactor: 3\n    configs:\n      retention.ms: 86400000\n      cleanup.policy: compact\n  - name: ${b}\n    partitions: 1\n`,
  )
  const dry = await kfk(['apply', '-f', v1, '--dry-run'])
  assert.equal(dry.code, 0, dry.stderr)
  assert.match(dry.stdout, new RegExp(`\\+ create ${a} \\(2 partitions, replication 3, retention.ms=86400000, cleanup.policy=compact\\)`))
  assert.equal((await kfk(['topics', 'describe', a])).code, 1, 'dry run creates nothing')

  const unconfirmed = await kfk(['apply', '-f', v1])
  assert.equal(unconfirmed.code, 2, 'no terminal and no --yes: refused')
  assert.match(unconfirmed.stderr, /refusing to apply this plan without --yes \(no terminal to ask on\); nothing was changed/)
  assert.equal((await kfk(['topics', 'describe', a])).code, 1, 'nothing created')
  const first = await kfk(['apply', '-f', v1, '--yes'])
  assert.equal(first.code, 0, first.stderr)
  assert.match(first.stdout, new RegExp(`created ${a}`))
  const da = await describe(a)
  assert.deepEqual([da.partitions, da.replicationFactor], [2, 3])
  assert.deepEqual(await overrides(a), {'cleanup.policy': 'compact', 'retention.ms': '86400000'})
  assert.equal((await describe(b)).partitions, 1)

  const again = await kfk(['apply', '-f', v1, '--json'])
  assert.equal(again.code, 0, again.stderr)
  const plan = JSON.parse(again.stdout)
  assert.equal(plan.plan.empty, true)
  assert.deepEqual(
    plan.plan.steps.map((s: {action: string}) => s.action),
    ['unchanged', 'unchanged'],
  )

  const v2 = file(
    'v2.yaml',
    `topics:\n  - name: ${a}\n    partitions: 4\n    replicationFactor: 3\n    configs:\n      retention.ms: 3600000\n  - name: ${b}\n    partitions: 1\n    configs:\n      max.message.bytes: 500000\n`,
  )
  const second = await kfk(['apply', '-f', v2, '--yes'])
  assert.equal(second.code, 0, second.stderr)
  assert.match(second.stdout, new RegExp(`~ update ${a}: partitions 2 -> 4, set retention.ms=3600000, unset cleanup.policy`))
  assert.equal((await describe(a)).partitions, 4)
  assert.deepEqual(await overrides(a), {'retention.ms': '3600000'})
  assert.deepEqual(await overrides(b), {'max.message.bytes': '500000'})

  const exported = await kfk(['topics', 'export', a, b, '-o', join(dir, 'out.yaml')])
  assert.equal(exported.code, 0, exported.stderr)
  const fromExport = await kfk(['apply', '-f', join(dir, 'out.yaml')])
  assert.equal(fromExport.code, 0, fromExport.stderr)
  assert.doesNotMatch(fromExport.stdout, /^[+~-] /m, 'the export describes the cluster exactly')
  const piped = await kfk(['apply', '-f', '-', '--dry-run'], {input: (await kfk(['topics', 'export', a])).stdout})
  assert.equal(piped.code, 0, piped.stderr)
  assert.match(piped.stdout, new RegExp(`= unchanged ${a}`))
})

test('apply refuses shrinking and replication changes, changing nothing', async () => {
  const t = uniqueName('kfk-apply-r')
  assert.equal((await kfk(['topics', 'create', t, '-p', '3', '-r', '2'])).code, 0)
  try {
    const shrink = file(
      'shrink.yaml',
      `topics:\n  - name: ${t}\n    partitions: 2\n    configs:\n      retention.ms: 1000\n  - name: ${t}-other\n    partitions: 1\n`,
    )
    const r = await kfk(['apply', '-f', shrink, '--yes'])
    assert.equal(r.code, 1)
    assert.match(r.stdout, new RegExp(`! refused ${t}: has 3 partitions, the file asks for 2; Kafka cannot remove partitions`))
    assert.match(r.stderr, /nothing was changed/)
    assert.equal((await kfk(['topics', 'describe', `${t}-other`])).code, 1, 'the other topic was not created')
    assert.deepEqual(await overrides(t), {})
    const rf = file('rf.yaml', `topics:\n  - name: ${t}\n    replicationFactor: 3\n`)
    const r2 = await kfk(['apply', '-f', rf])
    assert.equal(r2.code, 1)
    assert.match(r2.stdout, /replication factor 2, the file asks for 3/)
    const tooMany = file('many.yaml', `topics:\n  - name: ${t}-x\n    replicationFactor: 9\n`)
    const r3 = await kfk(['apply', '-f', tooMany])
    assert.equal(r3.code, 2)
    assert.match(r3.stderr, /replication-factor 9 is larger than the number of brokers/)
  } finally {
    await kfk(['topics', 'delete', t, '--yes'])
  }
})

test('bad files: line and field named, exit 2', async () => {
  const cases: Array<[string, RegExp]> = [
    ['topics:\n  - name: x\n    partitons: 3\n', /bad\.yaml:3: topics\[0\]\.partitons: unknown field/],
    [
      'topics:\n  - name: x\n    configs:\n      retention.ms: soon\n',
      /bad\.yaml:4: topics\[0\]\.configs\.retention\.ms: .*'soon' is not a whole number/,
    ],
    ['topics:\n  - name: x\n    partitions: [1\n', /bad\.yaml:\d+: not valid YAML/],
    ['topics:\n  - name: "no spaces"\n', /bad\.yaml:2: topics\[0\]\.name: topic name 'no spaces'/],
  ]
  for (const [text, message] of cases) {
    const r = await kfk(['apply', '-f', file('bad.yaml', text)])
    assert.equal(r.code, 2, r.stderr)
    assert.match(r.stderr, message)
  }
  const missing = await kfk(['apply', '-f', join(dir, 'nope.yaml')])
  assert.equal(missing.code, 2)
  assert.match(missing.stderr, /nope\.yaml: no such file/)
})
