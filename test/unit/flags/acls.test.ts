import assert from 'node:assert/strict'
import {test} from 'node:test'
import {KfkError} from '../../../src/cli/errors.js'
import {bindingsToAdd, filtersToList, filtersToRemove} from '../../../src/flags/acls.js'
import {parseOperation} from '../../../src/core/acls/model.js'

const base = {'resource-pattern-type': 'literal'}
const usage = (fn: () => unknown, re: RegExp) =>
  assert.throws(fn, (e: unknown) => e instanceof KfkError && e.exit === 2 && re.test(e.message), String(re))

test('--producer: Write, Describe, Create on each topic; --idempotent adds IdempotentWrite on the cluster (kafka-acls.sh)', () => {
  const bindings = bindingsToAdd({...base, producer: true, idempotent: true, topic: ['t'], 'allow-principal': ['User:app']})
  const seen = bindings.map((b) => `${b.resourceType}:${b.resourceName}:${b.operation}:${b.principal}:${b.host}:${b.permission}`)
  assert.deepEqual(seen.sort(), [
    'CLUSTER:kafka-cluster:IDEMPOTENT_WRITE:User:app:*:ALLOW',
    'TOPIC:t:CREATE:User:app:*:ALLOW',
    'TOPIC:t:DESCRIBE:User:app:*:ALLOW',
    'TOPIC:t:WRITE:User:app:*:ALLOW',
  ])
})

test('--consumer: Read, Describe on the topic and Read on the group; with --producer both roles', () => {
  const bindings = bindingsToAdd({...base, consumer: true, producer: true, topic: ['t'], group: ['g'], 'allow-principal': ['User:app']})
  const seen = bindings.map((b) => `${b.resourceType}:${b.operation}`)
  assert.deepEqual(seen.sort(), ['GROUP:READ', 'TOPIC:CREATE', 'TOPIC:DESCRIBE', 'TOPIC:READ', 'TOPIC:WRITE'])
})

test('principals x hosts x operations per resource, prefixed patterns, deny entries', () => {
  const bindings = bindingsToAdd({
    'resource-pattern-type': 'prefixed',
    topic: ['logs-'],
    'allow-principal': ['User:a', 'User:b'],
    'allow-host': ['10.0.0.1'],
    'deny-principal': ['User:c'],
    operation: ['Read', 'DESCRIBE', 'read'],
  })
  assert.equal(bindings.length, 6)
  assert.ok(bindings.every((b) => b.patternType === 'PREFIXED' && b.resourceName === 'logs-'))
  assert.deepEqual(
    bindings.filter((b) => b.permission === 'DENY').map((b) => [b.principal, b.host, b.operation]),
    [
      ['User:c', '*', 'READ'],
      ['User:c', '*', 'DESCRIBE'],
    ],
  )
  assert.ok(bindings.filter((b) => b.permission === 'ALLOW').every((b) => b.host === '10.0.0.1'))
})

test('operation names: Pascal, constant, dashes, any case; unknown ones are a usage error naming the value', () => {
  assert.equal(parseOperation('IdempotentWrite'), 'IDEMPOTENT_WRITE')
  assert.equal(parseOperation('describe_configs'), 'DESCRIBE_CONFIGS')
  assert.equal(parseOperation('alter-configs'), 'ALTER_CONFIGS')
  usage(() => parseOperation('Fly'), /--operation Fly/)
  usage(() => parseOperation('any'), /--operation any/)
})

test('bad input: exit 2 with one line naming the value', () => {
  const who = {'allow-principal': ['User:a']}
  usage(() => bindingsToAdd({...base, ...who}), /no resource given/)
  usage(() => bindingsToAdd({...base, topic: ['t']}), /no principal given/)
  usage(() => bindingsToAdd({...base, topic: ['t'], 'allow-principal': ['alice']}), /--allow-principal "alice" is not a principal/)
  usage(() => bindingsToAdd({...base, topic: ['t'], ...who, 'allow-host': ['db.example.com']}), /"db.example.com" is not an IP address/)
  usage(() => bindingsToAdd({...base, topic: ['t'], ...who, operation: ['IdempotentWrite']}), /IdempotentWrite does not apply to a topic/)
  usage(() => bindingsToAdd({'resource-pattern-type': 'match', topic: ['t'], ...who}), /match is a filter/)
  usage(() => bindingsToAdd({'resource-pattern-type': 'glob', topic: ['t'], ...who}), /glob is not a pattern type/)
  usage(() => bindingsToAdd({...base, consumer: true, topic: ['t'], ...who}), /--consumer needs --topic and --group/)
  usage(() => bindingsToAdd({...base, producer: true, group: ['g'], ...who}), /--producer needs --topic/)
  usage(() => bindingsToAdd({...base, producer: true, topic: ['t'], operation: ['Read'], ...who}), /choose the operations/)
  usage(() => bindingsToAdd({...base, idempotent: true, topic: ['t'], ...who}), /--idempotent goes with --producer/)
  usage(
    () => bindingsToAdd({'resource-pattern-type': 'prefixed', cluster: true, ...who}),
    /--cluster takes no --resource-pattern-type prefixed/,
  )
})

test('remove: a resource without principals means all its ACLs; list: everything, or resources x principals', () => {
  assert.deepEqual(filtersToRemove({...base, topic: ['t']}), [
    {resourceType: 'TOPIC', resourceName: 't', patternType: 'LITERAL', principal: null, host: null, operation: 'ANY', permission: 'ANY'},
  ])
  const removeOne = filtersToRemove({...base, topic: ['t'], 'allow-principal': ['User:a'], operation: ['Write']})
  assert.deepEqual(removeOne, [
    {
      resourceType: 'TOPIC',
      resourceName: 't',
      patternType: 'LITERAL',
      principal: 'User:a',
      host: '*',
      operation: 'WRITE',
      permission: 'ALLOW',
    },
  ])
  assert.deepEqual(filtersToList(base), [
    {resourceType: 'ANY', resourceName: null, patternType: 'ANY', principal: null, host: null, operation: 'ANY', permission: 'ANY'},
  ])
  const listed = filtersToList({'resource-pattern-type': 'match', topic: ['t'], group: ['g'], principal: ['User:a']})
  assert.deepEqual(
    listed.map((f) => [f.resourceType, f.resourceName, f.patternType, f.principal]),
    [
      ['TOPIC', 't', 'MATCH', 'User:a'],
      ['GROUP', 'g', 'MATCH', 'User:a'],
    ],
  )
})

test('--cluster in list and remove filters is the literal cluster resource, whatever pattern type the others use', () => {
  const [cluster] = filtersToList({'resource-pattern-type': 'match', cluster: true})
  assert.deepEqual([cluster!.resourceType, cluster!.resourceName, cluster!.patternType], ['CLUSTER', 'kafka-cluster', 'LITERAL'])
})
