/**
 * The ListGroups protocol module (src/core/protocol/list-groups.ts, v0-5) against
 * the real broker: state and type come back, filters work, each group is listed
 * by its coordinator only.
 */
import {createRawCluster} from '../../src/core/kafkajs/cluster.js'
import type {RawCluster} from '../../src/core/kafkajs/types.js'
import {kafkajs, type Admin} from '../../src/core/kafkajs/load.js'
import assert from 'node:assert/strict'
import {after, before, test} from 'node:test'
import {commitOffsets} from '../../src/core/groups/offsets.js'
import {listGroups, listGroupsOn} from '../../src/core/protocol/list-groups.js'
import {testBootstrap, uniqueName} from '../helpers/cli.js'
import {createTestTopic} from '../helpers/topics.js'

let cluster: RawCluster
let admin: Admin
const topic = uniqueName('kfk-it-lg')
const groupId = uniqueName('kfk-it-lg-group')

before(async () => {
  const {Kafka, logLevel} = kafkajs()
  const kafka = new Kafka({brokers: testBootstrap().split(','), clientId: 'kfk-list-groups-test', logLevel: logLevel.NOTHING})
  admin = kafka.admin()
  await admin.connect()
  await createTestTopic(topic, 1)
  cluster = createRawCluster(kafka)
  await cluster.connect()
  await cluster.refreshMetadata()
  // An Empty classic group, made by an admin-side commit.
  await commitOffsets(cluster, groupId, [{topic, partition: 0, offset: 0}])
})

after(async () => {
  await admin.deleteGroups([groupId]).catch(() => {})
  await admin.deleteTopics({topics: [topic]}).catch(() => {})
  await admin.disconnect()
  await cluster.disconnect()
})

test('ListGroups v5 returns state and type, and the broker-side filters apply', async () => {
  const all = await listGroups(cluster)
  const mine = all.filter((g) => g.groupId === groupId)
  assert.equal(mine.length, 1, 'listed once, by its coordinator')
  assert.equal(mine[0]!.groupState, 'Empty')
  assert.equal(mine[0]!.groupType, 'classic')
  const coordinator = await cluster.findGroupCoordinator({groupId})
  assert.equal(mine[0]!.coordinatorId, Number(coordinator.nodeId))

  assert.ok((await listGroups(cluster, {states: ['empty']})).some((g) => g.groupId === groupId))
  assert.ok(!(await listGroups(cluster, {states: ['Stable']})).some((g) => g.groupId === groupId))
  assert.ok(!(await listGroups(cluster, {types: ['consumer']})).some((g) => g.groupId === groupId))
  assert.ok((await listGroups(cluster, {types: ['classic'], states: ['Empty']})).some((g) => g.groupId === groupId))

  // The coordinator alone lists it.
  const onCoordinator = await listGroupsOn(coordinator)
  assert.ok(onCoordinator.some((g) => g.groupId === groupId))
})
