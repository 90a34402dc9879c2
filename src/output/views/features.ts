import type {FeatureChange, FeatureState} from '../../core/features/features.js'
import {levelName, METADATA_VERSION} from '../../core/features/metadata-versions.js'

export const FEATURES_HEAD = ['feature', 'supported min', 'supported max', 'finalized', 'epoch']

/** kafka-features describe's facts, one row a feature; metadata.version levels by release name. */
export function featureRows(states: readonly FeatureState[]): string[][] {
  return states.map((s) => [
    s.feature,
    levelName(s.feature, s.supportedMinVersion),
    levelName(s.feature, s.supportedMaxVersion),
    levelName(s.feature, s.finalizedVersionLevel),
    s.epoch === null ? '-' : String(s.epoch),
  ])
}

/** kafka-features' result lines: "group.version was upgraded to 1.", "Could not ... . why". */
export function changeLines(changes: readonly FeatureChange[], op: 'upgrade' | 'downgrade' | 'disable', dryRun: boolean): string[] {
  return [...changes]
    .sort((a, b) => a.feature.localeCompare(b.feature))
    .map((c) => {
      const what = op === 'disable' ? `disable ${c.feature}` : `${op} ${c.feature} to ${c.level}`
      if (c.error) return `${dryRun ? 'Can not' : 'Could not'} ${what}. ${c.error}`
      return `${c.feature} ${dryRun ? 'can be' : 'was'} ${op === 'disable' ? 'disabled.' : `${op}d to ${c.level}.`}`
    })
}

/** kafka-features version-mapping: "metadata.version=27 (4.1-IV1)", then each feature's level. */
export function mappingLines(levels: ReadonlyArray<{feature: string; level: number}>, release: string): string[] {
  return levels.map((l) => (l.feature === METADATA_VERSION ? `${l.feature}=${l.level} (${release})` : `${l.feature}=${l.level}`))
}
