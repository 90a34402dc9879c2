import assert from 'node:assert/strict'
import {test} from 'node:test'
import {kfk, uniqueName} from '../helpers/cli.js'

/** kafka-*.sh habits: the action-flag style runs the same command as kfk's subcommand, one case per Java tool. */
test('kafka-topics style: --create, --list, --describe --topic, --alter, --delete', async () => {
  const topic = uniqueName('action')
  const created = await kfk(['topics', '--create', '--topic', topic, '--partitions', '2', '--replication-factor', '1'])
  assert.equal(created.code, 0, created.stderr)
  const listed = await kfk(['topics', '--list'])
  assert.equal(listed.code, 0, listed.stderr)
  assert.ok(listed.stdout.split('\n').includes(topic))
  const [java, ours] = await Promise.all([
    kfk(['topics', '--describe', '--topic', topic, '--json']),
    kfk(['topics', 'describe', topic, '--json']),
  ])
  assert.equal(java.code, 0, java.stderr)
  assert.deepEqual(JSON.parse(java.stdout), JSON.parse(ours.stdout))
  assert.equal((await kfk(['topics', '--alter', '--topic', topic, '--partitions', '3'])).code, 0)
  assert.equal(JSON.parse((await kfk(['topics', 'describe', topic, '--json'])).stdout).topics[0].partitions, 3)
  const deleted = await kfk(['topics', '--delete', '--topic', topic, '--yes'])
  assert.equal(deleted.code, 0, deleted.stderr)
})

test('kafka-configs style: --alter and --describe with --topic', async () => {
  const topic = uniqueName('action-configs')
  assert.equal((await kfk(['topics', 'create', topic, '-p', '1', '-r', '1'])).code, 0)
  const altered = await kfk(['configs', '--alter', '--topic', topic, '--add-config', 'retention.ms=123456'])
  assert.equal(altered.code, 0, altered.stderr)
  const described = await kfk(['configs', '--describe', '--topic', topic])
  assert.equal(described.code, 0, described.stderr)
  assert.match(described.stdout, /retention\.ms\s+123456/)
})

test('kafka-consumer-groups and kafka-acls style: --list, --describe --group; an action that fails names the real command', async () => {
  const topic = uniqueName('action-groups')
  const group = uniqueName('action-group')
  assert.equal((await kfk(['topics', 'create', topic, '-p', '1', '-r', '1'])).code, 0)
  assert.equal((await kfk(['produce', topic], {input: 'a\nb\n'})).code, 0)
  assert.equal((await kfk(['consume', topic, '--group', group, '--from-beginning', '-e'])).code, 0)
  const listed = await kfk(['groups', '--list', '--json'])
  assert.equal(listed.code, 0, listed.stderr)
  assert.ok((JSON.parse(listed.stdout).groups as Array<{groupId: string}>).some((g) => g.groupId === group))
  const described = await kfk(['groups', '--describe', '--group', group, '--json'])
  assert.equal(described.code, 0, described.stderr)
  assert.equal(JSON.parse(described.stdout).groups[0].totalLag, 0)
  // The suite cluster has no authorizer: kafka-acls --list reaches `acls list`, which says so.
  const acls = await kfk(['acls', '--list'])
  assert.equal(acls.code, 1, acls.stderr)
  assert.doesNotMatch(acls.stderr, /Nonexistent flag|Usage|USAGE/)
})

test("Kafka 4.2's KIP-1147 spellings: --reader-property and --command-property (producer), --formatter-property (consumer)", async () => {
  const topic = uniqueName('kip1147')
  assert.equal((await kfk(['topics', 'create', topic, '-p', '1', '-r', '1'])).code, 0)
  const produced = await kfk(
    ['produce', topic, '--reader-property', 'parse.key=true', '--reader-property', 'key.separator=:', '--command-property', 'acks=1'],
    {input: 'k1:v1\nk2:v2\n'},
  )
  assert.equal(produced.code, 0, produced.stderr)
  assert.doesNotMatch(produced.stderr, /unknown propert/)
  const consumed = await kfk([
    'consume',
    topic,
    '--from-beginning',
    '-e',
    '--formatter-property',
    'print.key=true',
    '--formatter-property',
    'key.separator==',
  ])
  assert.equal(consumed.code, 0, consumed.stderr)
  assert.equal(consumed.stdout, 'k1=v1\nk2=v2\n')
})

test('a mistyped action flag is a usage error with the closest action, not help with exit 0; --jsno gets --json', async () => {
  const lsit = await kfk(['topics', '--lsit'], {cluster: false})
  assert.equal(lsit.code, 2, lsit.stderr)
  assert.equal(lsit.stdout, '')
  assert.equal(
    lsit.stderr,
    "error: unknown flag '--lsit' for kfk topics\nhint: Did you mean --list (kfk topics list)? See: kfk topics --help\n",
  )
  const describ = await kfk(['groups', '--describ', '--group', 'g'], {cluster: false})
  assert.equal(describ.code, 2, describ.stderr)
  assert.match(describ.stderr, /Did you mean --describe \(kfk groups describe\)\?/)
  const help = await kfk(['topics', '--help'], {cluster: false})
  assert.equal(help.code, 0, help.stderr)
  const jsno = await kfk(['topics', 'list', '--jsno'], {cluster: false})
  assert.equal(jsno.code, 2)
  assert.match(jsno.stderr, /^hint: did you mean --json\? /m)
})
