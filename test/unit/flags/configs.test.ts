import assert from 'node:assert/strict'
import {test} from 'node:test'
import {KfkError} from '../../../src/cli/errors.js'
import {configChanges, configTarget} from '../../../src/flags/configs.js'
import {quotaOps} from '../../../src/core/quotas/quotas.js'

const usage = (fn: () => unknown, re: RegExp) =>
  assert.throws(fn, (e: unknown) => e instanceof KfkError && e.exit === 2 && re.test(e.message), String(re))

test('entity flags as kafka-configs pairs them: types with names by position, --entity-default, shorthands', () => {
  assert.deepEqual(configTarget({'entity-type': ['topics'], 'entity-name': ['a', 'b']}, 'describe'), {
    kind: 'resource',
    type: 'topics',
    names: ['a', 'b'],
  })
  assert.deepEqual(configTarget({'entity-type': ['brokers'], 'entity-default': true}, 'alter'), {
    kind: 'resource',
    type: 'brokers',
    names: [''],
  })
  assert.deepEqual(configTarget({'broker-defaults': true}, 'alter'), {kind: 'resource', type: 'brokers', names: ['']})
  assert.deepEqual(configTarget({'broker-logger': '2'}, 'alter'), {kind: 'resource', type: 'broker-loggers', names: ['2']})
  assert.deepEqual(configTarget({'entity-type': ['brokers']}, 'describe'), {kind: 'resource', type: 'brokers', names: []})
  assert.deepEqual(configTarget({user: 'alice', 'client-defaults': true}, 'alter'), {
    kind: 'quota',
    parts: [
      {type: 'user', match: 'alice'},
      {type: 'client-id', match: null},
    ],
  })
  assert.deepEqual(configTarget({user: 'alice', client: 'app'}, 'alter').kind, 'quota')
  assert.deepEqual(configTarget({'entity-type': ['clients']}, 'describe'), {kind: 'quota', parts: [{type: 'client-id', match: undefined}]})
  assert.deepEqual(configTarget({'ip-defaults': true}, 'alter'), {kind: 'quota', parts: [{type: 'ip', match: null}]})
})

test('entity flags that do not go together are usage errors', () => {
  usage(() => configTarget({}, 'describe'), /no entity given/)
  usage(() => configTarget({'entity-type': ['users', 'clients'], 'entity-name': ['app'], 'entity-default': true}, 'alter'), /ambiguous/)
  usage(() => configTarget({topic: 't', broker: '1'}, 'describe'), /one entity type at a time/)
  usage(() => configTarget({topic: 't', user: 'u'}, 'describe'), /do not mix/)
  usage(() => configTarget({ip: '1.2.3.4', user: 'u'}, 'alter'), /ips take quotas alone/)
  usage(() => configTarget({'entity-type': ['users']}, 'alter'), /name the entity/)
  usage(() => configTarget({'entity-type': ['topics'], 'entity-default': true}, 'alter'), /--entity-default applies to brokers/)
  usage(() => configTarget({'entity-type': ['brokers'], 'entity-name': ['one']}, 'describe'), /'one' is not a broker id/)
  usage(() => configTarget({'entity-type': ['users', 'users'], 'entity-name': ['a', 'b']}, 'alter'), /one name per entity type/)
})

test('an inline SCRAM password is refused without being echoed; changes parse as kafka-configs lists', () => {
  assert.throws(
    () => configChanges({'add-config': ['producer_byte_rate=5,SCRAM-SHA-512=[iterations=8192,password=pa55-word]']}),
    (e: unknown) =>
      e instanceof KfkError && e.exit === 2 && /SCRAM-SHA-512/.test(e.message) && !`${e.message}${e.hint}`.includes('pa55-word'),
  )
  assert.deepEqual(configChanges({'add-config': ['a=1,b=[x,y]'], 'delete-config': ['c,d']}), {set: {a: '1', b: 'x,y'}, del: ['c', 'd']})
  usage(() => configChanges({}), /nothing to change/)
})

test('quota keys and values are checked per entity type', () => {
  const user = [{type: 'user' as const, name: 'u'}]
  assert.deepEqual(quotaOps(user, {producer_byte_rate: '1024', request_percentage: '12.5'}, ['consumer_byte_rate']), {
    producer_byte_rate: 1024,
    request_percentage: 12.5,
    consumer_byte_rate: null,
  })
  assert.deepEqual(quotaOps([{type: 'ip', name: null}], {connection_creation_rate: '10'}, []), {connection_creation_rate: 10})
  usage(() => quotaOps(user, {producer_byte_rate: '1.5'}, []), /producer_byte_rate=1.5 is not a whole number/)
  usage(() => quotaOps(user, {request_percentage: '-1'}, []), /request_percentage=-1 is not a number of 0 or more/)
  usage(() => quotaOps(user, {connection_creation_rate: '1'}, []), /connection_creation_rate is not a quota of user-principal 'u'/)
  usage(() => quotaOps([{type: 'ip', name: '1.2.3.4'}], {}, ['producer_byte_rate']), /not a quota of ip '1.2.3.4'/)
})
