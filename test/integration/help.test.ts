import assert from 'node:assert/strict'
import {test} from 'node:test'
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
