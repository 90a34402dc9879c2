import assert from 'node:assert/strict'
import {test} from 'node:test'
import {listGroupsOn} from '../../../../src/core/protocol/list-groups.js'
import {CLIENT_ID, fakeBroker, frame, hex} from './wire.js'

// ListGroups (key 16): v0-2 classic, 3+ flexible; v1 adds throttle_time_ms, v4 StatesFilter and
// ListedGroup.GroupState, v5 TypesFilter and ListedGroup.GroupType.
const header = (version: number) => `0010 000${version} 00000001 ${CLIENT_ID}${version >= 3 ? ' 00' : ''}`
const filter = {states: ['Stable'], types: ['consumer']}
const STABLE = '537461626c65' // 6 bytes
const CONSUMER = '636f6e73756d6572' // 8 bytes

test('ListGroups requests: empty in v0-2, tags only in v3, filters from v4/v5', async () => {
  const bodies: Record<number, string> = {
    0: '',
    2: '',
    3: '00',
    4: `02 07 ${STABLE} 00`,
    5: `02 07 ${STABLE} 02 09 ${CONSUMER} 00`,
  }
  const empty: Record<number, string> = {
    0: '0000 00000000',
    2: '00000000 0000 00000000',
    3: '00 00000000 0000 01 00',
    4: '00 00000000 0000 01 00',
    5: '00 00000000 0000 01 00',
  }
  for (const version of [0, 2, 3, 4, 5]) {
    const {broker, sent} = fakeBroker(16, version, [hex(empty[version]!)])
    assert.deepEqual(await listGroupsOn(broker, filter), [], `v${version} decodes an empty list`)
    assert.deepEqual(sent[0]!.frame, frame(header(version), bodies[version]!), `v${version} request`)
  }
})

test('ListGroups v5 response: state and type per group, the answering broker as coordinator, tags skipped', async () => {
  const raw = hex(
    '00', // response header tags
    '00000000 0000', // throttle_time_ms, error_code
    '03',
    `03 6731 09 ${CONSUMER} 07 ${STABLE} 09 ${CONSUMER} 00`, // g1 consumer Stable consumer
    `03 6732 01 06 456d707479 08 636c6173736963`, // g2 "" Empty classic
    '01 07 02 0000', // group tags: one unknown field (tag 7, 2 bytes)
    '00',
  )
  const {broker} = fakeBroker(16, 5, [raw])
  assert.deepEqual(await listGroupsOn(broker), [
    {groupId: 'g1', protocolType: 'consumer', groupState: 'Stable', groupType: 'consumer', coordinatorId: 7},
    {groupId: 'g2', protocolType: '', groupState: 'Empty', groupType: 'classic', coordinatorId: 7},
  ])
})

test('ListGroups v2 response: classic strings; a broker error is thrown', async () => {
  const ok = fakeBroker(16, 2, [hex('00000000 0000 00000001 0002 6731 0008', CONSUMER)])
  assert.deepEqual(await listGroupsOn(ok.broker), [{groupId: 'g1', protocolType: 'consumer', coordinatorId: 7}])
  const failing = fakeBroker(16, 2, [hex('00000000 000f 00000000')]) // COORDINATOR_NOT_AVAILABLE (15)
  await assert.rejects(listGroupsOn(failing.broker), {code: 15})
})
