import assert from 'node:assert/strict'
import {test} from 'node:test'
import {missingAction, rewriteActionFlags} from '../../../src/startup/action-flags.js'

test('action flags of kafka-topics, kafka-configs, kafka-consumer-groups and kafka-acls name the subcommand', () => {
  const cases: Array<[string, string]> = [
    ['topics --list', 'topics list'],
    ['topics --bootstrap-server b:9092 --describe --topic t', 'topics describe --bootstrap-server b:9092 --topic t'],
    ['topics --create --topic t --partitions 3', 'topics create --topic t --partitions 3'],
    ['topics --delete --topic t', 'topics delete --topic t'],
    ['topics --alter --topic t --partitions 6', 'topics alter --topic t --partitions 6'],
    ['configs --describe --entity-type topics --entity-name t', 'configs describe --entity-type topics --entity-name t'],
    ['configs --alter --topic t --add-config retention.ms=1', 'configs alter --topic t --add-config retention.ms=1'],
    ['groups --list', 'groups list'],
    ['groups --describe --group g --members', 'groups describe --group g --members'],
    ['groups --reset-offsets --group g --to-earliest --all-topics', 'groups reset-offsets --group g --to-earliest --all-topics'],
    ['groups --delete-offsets --group g --topic t', 'groups delete-offsets --group g --topic t'],
    ['groups --delete --group g', 'groups delete --group g'],
    ['acls --add --allow-principal User:a --topic t --operation Read', 'acls add --allow-principal User:a --topic t --operation Read'],
    ['acls --list', 'acls list'],
    ['acls --remove --topic t', 'acls remove --topic t'],
  ]
  for (const [from, to] of cases) assert.deepEqual(rewriteActionFlags(from.split(' ')), to.split(' '), from)
})

test('argv without action flags, or with a subcommand already, stays as it is', () => {
  for (const argv of [
    'topics list --describe',
    'topics describe --topic t',
    'produce t --list',
    'topics',
    'groups --help',
    '--version',
    '',
  ])
    assert.deepEqual(rewriteActionFlags(argv.split(' ').filter(Boolean)), argv.split(' ').filter(Boolean), argv)
})

test('flags after an action-flag topic with no action among them: a usage error, with the closest action', () => {
  assert.deepEqual(missingAction(['topics', '--lsit']), {
    message: "unknown flag '--lsit' for kfk topics",
    hint: 'Did you mean --list (kfk topics list)? See: kfk topics --help',
  })
  assert.equal(
    missingAction(['groups', '--describ', '--group', 'g'])?.hint.startsWith('Did you mean --describe (kfk groups describe)?'),
    true,
  )
  assert.equal(
    missingAction(['topics', '-b', 'h:9092'])?.message,
    'kfk topics needs an action: --list, --describe, --create, --delete, --alter (or a subcommand)',
  )
  for (const argv of [
    'topics --list',
    'topics --help',
    'topics -h',
    'topics',
    'topics list --lsit',
    'produce t --lsit',
    'topics -b h:1 list',
  ])
    assert.equal(missingAction(argv.split(' ')), undefined, argv)
})
