import type {RawBroker, RawCluster} from '../../../src/core/kafkajs/types.js'
import assert from 'node:assert/strict'
import {test} from 'node:test'
import {Coordinator, TRANSACTION_COORDINATOR} from '../../../src/core/coordinator.js'

/** A cluster whose FindCoordinator answers node 1, then 2, ...: each lookup is counted. */
function cluster() {
  const lookups: Array<{groupId: string; coordinatorType?: number}> = []
  const fake = {
    findGroupCoordinator: async (args: {groupId: string; coordinatorType?: number}) => {
      lookups.push(args)
      return {nodeId: lookups.length} as unknown as RawBroker
    },
  } as unknown as RawCluster
  return {fake, lookups}
}

const protocolError = (type: string) => Object.assign(new Error(type), {name: 'KafkaJSProtocolError', type})

test('the coordinator is found once and kept while requests succeed', async () => {
  const {fake, lookups} = cluster()
  const c = new Coordinator(fake, 'g1')
  assert.equal(c.known, undefined)
  for (let i = 0; i < 3; i++) assert.equal(await c.call(async (b) => (b as unknown as {nodeId: number}).nodeId), 1)
  assert.deepEqual(lookups, [{groupId: 'g1'}])
  assert.equal((c.known as unknown as {nodeId: number}).nodeId, 1)
})

test('NOT_COORDINATOR and a lost connection: found again (the next node) and asked again', async () => {
  const {fake, lookups} = cluster()
  const c = new Coordinator(fake, 'g1')
  const asked: number[] = []
  const answer = await c.call(async (b) => {
    const node = (b as unknown as {nodeId: number}).nodeId
    asked.push(node)
    if (node === 1) throw protocolError('NOT_COORDINATOR')
    if (node === 2) throw Object.assign(new Error('Connection error: connect ECONNREFUSED'), {name: 'KafkaJSConnectionError'})
    return 'committed'
  })
  assert.equal(answer, 'committed')
  assert.deepEqual(asked, [1, 2, 3])
  assert.equal(lookups.length, 3)
})

test("an error that is not the coordinator's is thrown at once, with no second lookup", async () => {
  const {fake, lookups} = cluster()
  const c = new Coordinator(fake, 'g1')
  await assert.rejects(
    c.call(async () => {
      throw protocolError('GROUP_AUTHORIZATION_FAILED')
    }),
    /GROUP_AUTHORIZATION_FAILED/,
  )
  assert.equal(lookups.length, 1)
})

test('an answer that says the coordinator moved is retried; after the last attempt it is returned as it is', async () => {
  const {fake, lookups} = cluster()
  const c = new Coordinator(fake, 'txn-1', TRANSACTION_COORDINATOR)
  const code = await c.call(async () => 15 /* COORDINATOR_NOT_AVAILABLE */, {attempts: 2, moved: (answer) => answer === 15})
  assert.equal(code, 15)
  assert.equal(lookups.length, 3)
  assert.deepEqual(lookups[0], {groupId: 'txn-1', coordinatorType: TRANSACTION_COORDINATOR})
})

test('forget() makes the next request look the coordinator up again', async () => {
  const {fake, lookups} = cluster()
  const c = new Coordinator(fake, 'g1')
  await c.find()
  c.forget()
  assert.equal(c.known, undefined)
  assert.equal(((await c.find()) as unknown as {nodeId: number}).nodeId, 2)
  assert.equal(lookups.length, 2)
})
