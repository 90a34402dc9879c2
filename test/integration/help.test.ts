import assert from 'node:assert/strict'
import {test} from 'node:test'
import {tmpdir} from 'node:os'
import {kfk} from '../helpers/cli.js'

/** Help and mistakes, as a new user meets them: the built CLI, no cluster needed. */
test('kfk help [COMMAND] shows help; -h and --help work on topics and commands', async () => {
  for (const args of [['help'], ['help', 'topics'], ['help', 'topics', 'create'], ['topics', '--help'], ['produce', '-h']]) {
    const r = await kfk(args, {cluster: false})
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`)
    assert.match(r.stdout, /USAGE/, args.join(' '))
  }
  const topics = await kfk(['help', 'topics'], {cluster: false})
  assert.match(topics.stdout, /topics create/)
})

test('an unknown command or flag is exit 2 with the closest one suggested', async () => {
  for (const [args, message, hint] of [
    [['produc', 't'], /unknown command 'produc'/, /did you mean `kfk produce`\?/],
    [['topics', 'lst'], /unknown command 'topics lst'/, /did you mean `kfk topics list`\?/],
    [['xyzzy'], /unknown command 'xyzzy'/, /See: kfk --help/],
    [['perf', 'produce', 'orders', '--num-records', '1'], /kfk perf produce takes no argument 'orders'/, /See: kfk perf produce --help/],
    [['topics', 'list', '--bootstrap', 'x:1'], /Nonexistent flag: --bootstrap/, /did you mean --bootstrap-server\?/],
    [['produce', 't', '--acsk', 'all'], /Nonexistent flag: --acsk/, /did you mean --acks\?/],
  ] as const) {
    const r = await kfk([...args], {cluster: false})
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`)
    assert.match(r.stderr, message)
    assert.match(r.stderr, hint)
    assert.equal(r.stdout, '')
  }
})

test('topics create checks names and counts before connecting: exit 2 naming the value and the limit', async () => {
  const unreachable = {env: {KAFKA_BOOTSTRAP_SERVERS: '127.0.0.1:1'}, cluster: false}
  for (const [args, message] of [
    [['topics', 'create', 'bad name!'], /topic name 'bad name!' contains ' '/],
    [
      ['topics', 'create', 'x', '-p', '2147483648'],
      /--partitions: Expected an integer less than or equal to 2147483647 but received: 2147483648/,
    ],
    [['topics', 'create', 'x', '-r', '40000'], /--replication-factor: Expected an integer less than or equal to 32767/],
  ] as const) {
    const r = await kfk([...args], unreachable)
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`)
    assert.match(r.stderr, message)
    assert.doesNotMatch(r.stderr, /cannot reach Kafka/)
  }
})

test("the Java tools' names point at kfk's commands; kfk help of an unknown command suggests, without oclif's text", async () => {
  const groups = await kfk(['consumer-groups', '--describe', '--group', 'g'], {cluster: false})
  assert.equal(groups.code, 2)
  assert.equal(
    groups.stderr,
    "error: kfk has no command 'consumer-groups'; its job is `kfk groups`\nhint: The Java tools' flags work there too: kfk groups --describe --group g\n",
  )
  for (const [name, command] of [
    ['kafka-topics.sh', 'topics'],
    ['console-consumer', 'consume'],
    ['console-producer', 'produce'],
    ['get-offsets', 'offsets'],
    ['delete-records', 'records delete'],
    ['reassign-partitions', 'partitions reassign'],
    ['leader-election', 'partitions elect-leaders'],
    ['metadata-quorum', 'cluster describe'],
  ]) {
    const r = await kfk([name!], {cluster: false})
    assert.equal(r.code, 2, name)
    assert.match(r.stderr, new RegExp(`its job is \`kfk ${command}\``), name)
  }
  const help = await kfk(['help', 'nosuch'], {cluster: false})
  assert.equal(help.code, 2)
  assert.equal(help.stderr, "error: kfk has no command 'nosuch' to show help for\nhint: See: kfk --help\n")
  const close = await kfk(['help', 'topic'], {cluster: false})
  assert.match(close.stderr, /did you mean `kfk help topics`\?/)
})

test('a long flag after one dash is refused with its spelling, never read as a short flag and a value', async () => {
  for (const [args, spelled] of [
    [['consume', 't', '-from-beginning'], '--from-beginning'],
    [['topics', 'list', '-bootstrap-server'], '--bootstrap-server'],
    [['topics', 'list', '-bootstrap-server=h:1'], '--bootstrap-server=h:1'],
  ] as const) {
    const r = await kfk([...args], {cluster: false})
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`)
    assert.match(r.stderr, new RegExp(`^error: '${args.at(-1)}' has one dash; long flags take two: ${spelled}$`, 'm'))
  }
})

test('unreadable files and bad positional values are usage errors (2) in one line, never a raw errno', async () => {
  const dir = tmpdir()
  for (const [args, message] of [
    [['produce', 't', '-F', dir, '-b', '127.0.0.1:1'], `--file ${dir} is a directory`],
    [['produce', 't', '-F', '/nonexistent-kfk-file', '-b', '127.0.0.1:1'], 'cannot read --file /nonexistent-kfk-file'],
    [['topics', 'list', '--command-config', dir], `cannot read config file ${dir}: it is a directory`],
    [['apply', '-f', dir, '--dry-run', '-b', '127.0.0.1:1'], `cannot read ${dir}: it is a directory`],
    [['cluster', 'stop-node', 'abc'], 'Expected an integer but received: abc'],
  ] as const) {
    const r = await kfk([...args], {cluster: false})
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`)
    assert.match(r.stderr, new RegExp(`^error: ${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'), args.join(' '))
    assert.doesNotMatch(r.stderr, /EISDIR|ENOENT/)
  }
})

test('empty values are usage errors, never a silent fall back to another source', async () => {
  for (const [args, message] of [
    [['topics', 'list', '-b', ''], /^error: -b\/--bootstrap-server is empty$/m],
    [['topics', 'list', '--command-property', 'bootstrap.servers='], /^error: bootstrap\.servers is empty$/m],
    [['consume', 't', '--group', '', '-b', '127.0.0.1:1'], /^error: --group is empty$/m],
    [['consume', 't', '--share-group', ' ', '-b', '127.0.0.1:1'], /^error: --share-group is empty$/m],
    [['consume', 't', '--json', '--format', '%v', '-b', '127.0.0.1:1'], /^error: --json and --format cannot be used together$/m],
  ] as const) {
    const r = await kfk([...args], {cluster: false})
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`)
    assert.match(r.stderr, message)
  }
})

test('a control character in a rejected value is shown escaped, never sent to the terminal', async () => {
  const esc = 'bad\u001b[31mname'
  for (const args of [['topics', 'create', esc, '-b', '127.0.0.1:1'], ['profile', 'add', esc, '-b', 'h:1'], [esc]]) {
    const r = await kfk(args, {cluster: false, env: {KFK_CONFIG_DIR: tmpdir()}})
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`)
    assert.ok(!r.stderr.includes('\u001b'), `raw ESC in: ${JSON.stringify(r.stderr)}`)
    assert.match(r.stderr, /bad\\x1b\[31mname/)
  }
})

test("a command's USAGE starts with its own flags, and --json says what it prints", async () => {
  const r = await kfk(['produce', '--help'], {cluster: false})
  assert.equal(r.code, 0, r.stderr)
  assert.match(r.stdout, /^ {2}\$ kfk produce \[TOPIC\] \[-t <value>\] \[-F <value>\]/m)
  const list = await kfk(['topics', 'list', '--help'], {cluster: false})
  assert.match(list.stdout, /--json\s+Print the command's result as one JSON document on stdout/)
})
