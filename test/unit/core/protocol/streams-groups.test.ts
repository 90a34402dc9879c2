import assert from 'node:assert/strict'
import {test} from 'node:test'
import {streamsGroupDescribeOn} from '../../../../src/core/protocol/streams-group-describe.js'
import {CLIENT_ID, fakeBroker, frame, hex} from './wire.js'

// StreamsGroupDescribe (key 89) v0-1: flexible, from Kafka 4.4's StreamsGroupDescribe*.json.
const group1 = (v1: boolean) =>
  [
    '0000 00 03 6731', // ok, null message, "g1"
    '07 537461626c65', // "Stable"
    '00000003 00000002', // group epoch 3, assignment epoch 2
    '01 00000000', // topology present, epoch 0
    '02 02 30', // one subtopology "0"
    '02 02 74', // source topics ["t"]
    '02 02 72', // repartition sink topics ["r"]
    '02 02 63 00000003 ffff 01 00', // changelog topics [{"c", 3 partitions, RF -1, no configs}]
    '01 00 00', // no repartition source topics; subtopology tags; topology tags
    '02', // one member
    '03 6d31 00000003 00 00 02 63 03 2f68', // "m1", epoch 3, no instance, no rack, client "c", host "/h"
    '00000000 02 70', // topology epoch 0, process "p"
    '01 02 68 2328 00', // endpoint h:9000
    '02 02 6b 02 76 00', // client tags {k: v}
    '02 02 30 00000000 0000000000000005 00 01', // task offsets [0:0 @5]; no task end offsets
    '02 02 30 03 00000000 00000001 00 01 01 00', // assignment: active 0:[0,1]; no standby, warmup
    '01 02 02 30 02 00000002 00 01 00', // target: standby 0:[2]
    '00 00', // not classic; member tags
    '80000000', // authorized operations (not asked)
    v1 ? 'ff 00 07 737469636b79' : '', // v1: no topology description, status 0, assignor "sticky"
    '00', // group tags
  ].join(' ')
const group2 = (v1: boolean) => `0045 05 6e6f7065 03 6732 01 00000000 00000000 ff 01 80000000 ${v1 ? 'ff 00 00' : ''} 00` // GROUP_ID_NOT_FOUND "nope"

for (const version of [1, 0]) {
  test(`StreamsGroupDescribe v${version}: topology, members with tasks and endpoints; a group that is not a streams group carries its error`, async () => {
    const v1 = version === 1
    const {broker, sent} = fakeBroker(89, version, [hex('00', '00000000', '03', group1(v1), group2(v1), '00')])
    const [g1, g2] = await streamsGroupDescribeOn(broker, ['g1', 'g2'])
    // groups ["g1", "g2"], no authorized operations, (v1) no topology description, tags
    assert.deepEqual(sent[0]!.frame, frame(`0059 000${version} 00000001 ${CLIENT_ID} 00`, `03 03 6731 03 6732 00 ${v1 ? '00' : ''} 00`))
    assert.deepEqual([g1!.groupId, g1!.groupState, g1!.groupEpoch, g1!.assignmentEpoch, g1!.error], ['g1', 'Stable', 3, 2, null])
    assert.equal(g1!.assignorName, v1 ? 'sticky' : null)
    assert.deepEqual(g1!.topology, {
      epoch: 0,
      subtopologies: [
        {
          subtopologyId: '0',
          sourceTopics: ['t'],
          repartitionSinkTopics: ['r'],
          stateChangelogTopics: [{name: 'c', partitions: 3, replicationFactor: -1}],
          repartitionSourceTopics: [],
        },
      ],
    })
    assert.deepEqual(g1!.members, [
      {
        memberId: 'm1',
        memberEpoch: 3,
        instanceId: null,
        rackId: null,
        clientId: 'c',
        clientHost: '/h',
        topologyEpoch: 0,
        processId: 'p',
        userEndpoint: {host: 'h', port: 9000},
        clientTags: {k: 'v'},
        taskOffsets: [{subtopologyId: '0', partition: 0, offset: 5n}],
        taskEndOffsets: [],
        assignment: {activeTasks: [{subtopologyId: '0', partitions: [0, 1]}], standbyTasks: [], warmupTasks: []},
        targetAssignment: {activeTasks: [], standbyTasks: [{subtopologyId: '0', partitions: [2]}], warmupTasks: []},
        isClassic: false,
      },
    ])
    assert.equal(g2!.errorCode, 69)
    assert.equal(g2!.topology, null)
    assert.match(g2!.error!.message, /\(nope\)$/)
  })
}
