/**
 * One JSON style: every data command run with --json on the suite cluster
 * prints one document whose top-level keys are the ones docs/json.md
 * documents for it (optional ones may be absent, nothing undocumented), and
 * no offset, count, lag or byte count in it is a string.
 */
import assert from 'node:assert/strict'
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {before, test} from 'node:test'
import {kfk, testBootstrap, uniqueName} from '../helpers/cli.js'
import {documentedShapes, shapeFor, stringNumbers} from '../helpers/json-doc.js'

const topic = uniqueName('json-walk')
const group = uniqueName('json-walk-group')
const dir = mkdtempSync(join(tmpdir(), 'kfk-json-walk-'))
const configDir = join(dir, 'config')
const env = {KFK_CONFIG_DIR: configDir}

before(async () => {
  assert.equal((await kfk(['topics', 'create', topic, '-p', '3'])).code, 0)
  assert.equal((await kfk(['produce', topic, '-K', ':'], {input: 'a:1\nb:2\nc:3\nd:4\n'})).code, 0)
  assert.equal((await kfk(['produce', topic, '-p', '0'], {input: 'p0\np0\n'})).code, 0)
  assert.equal((await kfk(['consume', topic, '--group', group, '--from-beginning', '-e'])).code, 0)
  assert.equal((await kfk(['profile', 'add', 'walk', '--bootstrap-server', testBootstrap()], {env})).code, 0)
})

/** Each command as a user runs it; each exits 0 but the missing group, which prints its document and exits 1. */
const commands = (): string[][] => [
  ['cluster', 'describe'],
  ['cluster', 'api-versions'],
  ['topics', 'list'],
  ['topics', 'describe', topic],
  ['topics', 'create', `${topic}-new`, '-p', '1'],
  ['topics', 'alter', `${topic}-new`, '--partitions', '2'],
  ['topics', 'delete', `${topic}-new`, '--yes'],
  ['topics', 'export', topic],
  ['configs', 'describe', '--topic', topic],
  ['configs', 'alter', '--topic', topic, '--add-config', 'retention.ms=86400000'],
  ['offsets', topic],
  ['produce', topic],
  ['consume', topic, '--from-beginning', '-e'],
  ['consume', topic, '--count'],
  ['groups', 'list'],
  ['groups', 'describe', group],
  ['groups', 'describe', group, `${group}-missing`],
  ['groups', 'reset-offsets', '--group', group, '--topic', topic, '--to-earliest'],
  ['streams', 'reset', group],
  ['groups', 'delete-offsets', '--group', group, '--topic', topic, '--yes'],
  ['groups', 'delete', group, '--yes'],
  ['records', 'delete', topic, '--partition', '0', '--before-offset', '1', '--yes'],
  ['features', 'describe'],
  ['features', 'version-mapping'],
  ['log-dirs'],
  ['partitions', 'elect-leaders', '--topic', topic],
  ['partitions', 'reassign', '--list'],
  ['partitions', 'reassign', '--generate', '--topic', topic, '--broker-list', '1,2,3'],
  ['transactions', 'list'],
  ['transactions', 'find-hanging', '--broker-id', '1'],
  ['profile', 'list'],
  ['profile', 'show', 'walk'],
  ['profile', 'use', 'walk'],
]

test('every documented command prints its documented keys, and numbers as numbers', async () => {
  const shapes = documentedShapes()
  const problems: string[] = []
  for (const args of commands()) {
    const shape = shapeFor(args, shapes)
    if (!shape) {
      problems.push(`${args.join(' ')}: no row in docs/json.md`)
      continue
    }
    const r = await kfk([...args, '--json'], {env, input: args[0] === 'produce' ? 'x\ny\n' : undefined})
    if (r.code !== (args.includes(`${group}-missing`) ? 1 : 0)) {
      problems.push(`${args.join(' ')}: exit ${r.code}: ${r.stderr.trim().split('\n')[0]}`)
      continue
    }
    let doc: Record<string, unknown>
    try {
      doc = JSON.parse(r.stdout) as Record<string, unknown>
    } catch {
      problems.push(`${args.join(' ')}: stdout is not one JSON document: ${r.stdout.slice(0, 80)}`)
      continue
    }
    const documented = new Set(shape.keys.map((k) => k.name))
    const absent = shape.keys.filter((k) => !k.optional && !(k.name in doc)).map((k) => k.name)
    const extra = Object.keys(doc).filter((k) => !documented.has(k))
    if (absent.length > 0) problems.push(`${args.join(' ')}: documented but absent: ${absent.join(', ')}`)
    if (extra.length > 0) problems.push(`${args.join(' ')}: printed but not documented: ${extra.join(', ')}`)
    for (const s of stringNumbers(doc)) problems.push(`${args.join(' ')}: a number as a string at ${s}`)
  }
  assert.deepEqual(problems, [])
})

test('groups describe of a missing group prints the documented shape with exists: false, then exit 1', async () => {
  const r = await kfk(['groups', 'describe', `${group}-nobody`, '--json'])
  assert.equal(r.code, 1, r.stderr)
  assert.match(r.stderr, /does not exist/)
  const g = (JSON.parse(r.stdout) as {groups: Array<{groupId: string; exists: boolean; members: unknown[]}>}).groups[0]!
  assert.deepEqual([g.groupId, g.exists, g.members], [`${group}-nobody`, false, []])
})
