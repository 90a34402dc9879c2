import assert from 'node:assert/strict'
import {test} from 'node:test'
import type {FeatureChange, FeatureState} from '../../../../src/core/features/features.js'
import {changeLines, FEATURES_HEAD, featureRows, mappingLines} from '../../../../src/output/views/features.js'
import {plainTable} from '../../../helpers/plain-table.js'

// A Kafka 4.1 broker's answer: metadata.version by release name, other features by number, one disabled.
const states: FeatureState[] = [
  {feature: 'metadata.version', supportedMinVersion: 7, supportedMaxVersion: 27, finalizedVersionLevel: 25, epoch: 412},
  {feature: 'group.version', supportedMinVersion: 0, supportedMaxVersion: 1, finalizedVersionLevel: 1, epoch: 412},
  {feature: 'share.version', supportedMinVersion: 0, supportedMaxVersion: 1, finalizedVersionLevel: 0, epoch: null},
]

test('features describe: supported range and finalized level, metadata.version as release names; - for an unknown epoch', () => {
  assert.deepEqual(featureRows(states), [
    ['metadata.version', '3.3-IV3', '4.1-IV1', '4.0-IV3', '412'],
    ['group.version', '0', '1', '1', '412'],
    ['share.version', '0', '1', '0', '-'],
  ])
  assert.deepEqual(plainTable(FEATURES_HEAD, featureRows(states)), [
    'FEATURE           SUPPORTED MIN  SUPPORTED MAX  FINALIZED  EPOCH',
    'metadata.version  3.3-IV3        4.1-IV1        4.0-IV3    412',
    'group.version     0              1              1          412',
    'share.version     0              1              0          -',
  ])
})

test('features upgrade, downgrade, disable: kafka-features’ result lines, by feature name, dry runs say can', () => {
  const changes: FeatureChange[] = [
    {feature: 'share.version', level: 1, upgradeType: 'upgrade'},
    {feature: 'group.version', level: 1, upgradeType: 'upgrade', error: 'The feature group.version is already finalized at 1.'},
  ]
  assert.deepEqual(changeLines(changes, 'upgrade', false), [
    'Could not upgrade group.version to 1. The feature group.version is already finalized at 1.',
    'share.version was upgraded to 1.',
  ])
  assert.deepEqual(changeLines(changes, 'upgrade', true), [
    'Can not upgrade group.version to 1. The feature group.version is already finalized at 1.',
    'share.version can be upgraded to 1.',
  ])
  assert.deepEqual(changeLines([{feature: 'metadata.version', level: 24, upgradeType: 'safe-downgrade'}], 'downgrade', false), [
    'metadata.version was downgraded to 24.',
  ])
  assert.deepEqual(changeLines([{feature: 'share.version', level: 0, upgradeType: 'unsafe-downgrade'}], 'disable', false), [
    'share.version was disabled.',
  ])
  assert.deepEqual(
    changeLines([{feature: 'share.version', level: 0, upgradeType: 'safe-downgrade', error: 'Invalid update.'}], 'disable', true),
    ['Can not disable share.version. Invalid update.'],
  )
})

test('version-mapping: metadata.version with its release, then each feature’s level', () => {
  assert.deepEqual(
    mappingLines(
      [
        {feature: 'metadata.version', level: 27},
        {feature: 'kraft.version', level: 1},
        {feature: 'group.version', level: 1},
      ],
      '4.1-IV1',
    ),
    ['metadata.version=27 (4.1-IV1)', 'kraft.version=1', 'group.version=1'],
  )
})
