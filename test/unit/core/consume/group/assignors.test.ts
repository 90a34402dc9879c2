import assert from 'node:assert/strict'
import {test} from 'node:test'
import {cooperativeStickyAssign, rangeAssign, type GroupMember} from '../../../../../src/core/consume/group/assignors.js'

const member = (
  memberId: string,
  topics: string[],
  owned: Record<string, number[]> = {},
  generationId = 1,
  groupInstanceId: string | null = null,
): GroupMember => ({
  memberId,
  groupInstanceId,
  subscription: {topics, userData: null, ownedPartitions: new Map(Object.entries(owned)), generationId},
})
const flat = (a: Map<string, Map<string, number[]>>) => Object.fromEntries([...a].map(([m, o]) => [m, Object.fromEntries(o)]))

test('range: contiguous ranges per topic in member order, the first members one extra (as Java)', () => {
  const a = rangeAssign(
    new Map([
      ['t', 7],
      ['u', 2],
    ]),
    [member('c', ['t']), member('a', ['t', 'u']), member('b', ['t', 'u'])],
  )
  assert.deepEqual(flat(a), {c: {t: [5, 6]}, a: {t: [0, 1, 2], u: [0]}, b: {t: [3, 4], u: [1]}})
})

test('range: static members come first, by instance id', () => {
  const a = rangeAssign(new Map([['t', 3]]), [member('a', ['t']), member('b', ['t'], {}, 1, 'z'), member('c', ['t'], {}, 1, 'y')])
  assert.deepEqual(flat(a), {c: {t: [0]}, b: {t: [1]}, a: {t: [2]}})
})

test('cooperative-sticky: a new group is balanced', () => {
  const a = cooperativeStickyAssign(new Map([['t', 6]]), [member('a', ['t']), member('b', ['t']), member('c', ['t'])])
  const counts = [...a.values()].map((o) => o.get('t')?.length ?? 0)
  assert.deepEqual(counts, [2, 2, 2])
  assert.deepEqual([...a.values()].flatMap((o) => o.get('t') ?? []).sort(), [0, 1, 2, 3, 4, 5])
})

test('cooperative-sticky: owners keep what balance allows; a moving partition is withheld until its owner revokes it', () => {
  const members = [member('a', ['t'], {t: [0, 1, 2, 3, 4, 5]}), member('b', ['t'])]
  const first = cooperativeStickyAssign(new Map([['t', 6]]), members)
  assert.deepEqual(first.get('a')!.get('t'), [0, 1, 2])
  assert.equal(first.get('b')!.get('t'), undefined)
  // Next round: a owns 0-2 only, so b gets the rest.
  const second = cooperativeStickyAssign(new Map([['t', 6]]), [member('a', ['t'], {t: [0, 1, 2]}, 2), member('b', ['t'], {}, 2)])
  assert.deepEqual(flat(second), {a: {t: [0, 1, 2]}, b: {t: [3, 4, 5]}})
})

test('cooperative-sticky: the newer generation wins a double claim; partitions of deleted topics are dropped', () => {
  const a = cooperativeStickyAssign(new Map([['t', 2]]), [
    member('a', ['t', 'gone'], {t: [0], gone: [0]}, 3),
    member('b', ['t'], {t: [0, 1]}, 2),
  ])
  assert.deepEqual(flat(a), {a: {t: [0]}, b: {t: [1]}})
})
