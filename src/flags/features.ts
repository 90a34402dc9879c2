import {Flags} from '@oclif/core'
import {usageError} from '../cli/errors.js'
import type {FeatureChange, UpgradeType} from '../core/features/features.js'
import {featureLevelsAt, knownReleases, METADATA_VERSION, releaseLevel} from '../core/features/metadata-versions.js'

export const releaseVersionFlag = Flags.string({
  helpValue: 'RELEASE',
  description: 'A Kafka release, e.g. 4.1 or 4.1-IV1: metadata.version and every other feature at their levels for it.',
})

/** kafka-features upgrade/downgrade: --feature name=level (repeatable), --release-version, the deprecated --metadata. */
export const changeFlags = {
  feature: Flags.string({
    multiple: true,
    helpValue: 'NAME=LEVEL',
    description: 'A feature and its new level, e.g. group.version=1 (repeatable).',
    exclusive: ['release-version'],
  }),
  'release-version': {...releaseVersionFlag, exclusive: ['feature', 'metadata']},
  metadata: Flags.string({
    helpValue: 'RELEASE',
    description: 'Deprecated in kafka-features: metadata.version as a release, e.g. 4.1-IV1.',
    exclusive: ['release-version'],
  }),
  'dry-run': Flags.boolean({description: 'Ask the controller whether it would apply the change, and change nothing.'}),
}

export function metadataLevelOf(release: string, flag: string): number {
  const level = releaseLevel(release)
  if (level === null) throw usageError(`${flag} '${release}' is not a known release`, `Known: ${knownReleases()}.`)
  return level
}

/**
 * The changes asked for. With --release-version every production feature goes
 * to its level at that release, as kafka-features does: an upgrade leaves out
 * features whose level there is 0, a downgrade includes them.
 */
export function changesFrom(
  f: {feature?: string[]; 'release-version'?: string; metadata?: string},
  upgradeType: UpgradeType,
  op: string,
): FeatureChange[] {
  if (f['release-version']) {
    const levels = featureLevelsAt(metadataLevelOf(f['release-version'], '--release-version'))
    return levels.filter((l) => upgradeType !== 'upgrade' || l.level > 0).map((l) => ({...l, upgradeType}))
  }
  const changes: FeatureChange[] = []
  if (f.metadata) changes.push({feature: METADATA_VERSION, level: metadataLevelOf(f.metadata, '--metadata'), upgradeType})
  for (const spec of f.feature ?? []) {
    const match = /^\s*([^=\s]+)\s*=\s*(-?\d+)\s*$/.exec(spec)
    if (!match) throw usageError(`--feature '${spec}' is not NAME=LEVEL`, 'For example: --feature group.version=1')
    const level = Number(match[2])
    if (level < 0 || level > 32767) throw usageError(`--feature '${spec}': the level must be 0 to 32767`)
    if (changes.some((c) => c.feature === match[1])) throw usageError(`feature ${match[1]} is given more than once`)
    changes.push({feature: match[1]!, level, upgradeType})
  }
  if (changes.length === 0) throw usageError(`no feature to ${op}`, 'Give --feature NAME=LEVEL (repeatable) or --release-version RELEASE.')
  return changes
}
