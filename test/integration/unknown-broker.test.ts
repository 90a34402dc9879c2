/**
 * A broker id that is not in the cluster is named as such ("no broker 99",
 * with the ids that exist), exit 1: never "cannot reach Kafka", never an empty
 * answer that reads as "nothing wrong".
 */
import assert from 'node:assert/strict'
import {after, before, test} from 'node:test'
import {kfk, uniqueName} from '../helpers/cli.js'
import {createTestTopic} from '../helpers/topics.js'

let topic = ''
before(async () => {
  topic = await createTestTopic(uniqueName('nobroker'), 1)
})
after(async () => {
  await kfk(['topics', 'delete', topic, '--yes'])
})

const commands = (): string[][] => [
  ['configs', 'describe', '--broker', '99'],
  ['configs', 'describe', '--entity-type', 'brokers', '--entity-name', '99', '--all'],
  ['configs', 'describe', '--broker-logger', '99'],
  ['configs', 'alter', '--broker', '99', '--add-config', 'log.cleaner.threads=2'],
  ['transactions', 'find-hanging', '--broker-id', '99'],
  ['transactions', 'describe-producers', '--topic', topic, '--partition', '0', '--broker-id', '99'],
  ['log-dirs', '--broker-list', '99'],
]

test('a broker id that does not exist: "no broker 99 in the cluster", the ids that do, exit 1', async () => {
  for (const args of commands()) {
    const r = await kfk(args, {timeoutMs: 60_000})
    assert.equal(r.code, 1, `kfk ${args.join(' ')}: ${r.stderr}`)
    assert.match(
      r.stderr,
      /^error: no broker 99 in the cluster\nhint: Its brokers are \d+(, \d+)* \(kfk cluster describe\)\.$/m,
      args.join(' '),
    )
    assert.equal(r.stdout, '', args.join(' '))
  }
})
