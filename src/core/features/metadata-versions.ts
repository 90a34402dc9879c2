/**
 * Kafka's metadata.version levels and release names, and the level each other
 * feature takes by default at a release (MetadataVersion and Feature in
 * server-common, as of Kafka 4.4.0; dumped from its jar). `kfk features
 * describe` names levels with it, and `--release-version` turns a release
 * into feature levels with it, as kafka-features does.
 */

export const METADATA_VERSION = 'metadata.version'

/** Release names by metadata.version level; 1-6 are gone from Kafka 4 but 3.x brokers still report them. */
const RELEASES: ReadonlyArray<readonly [level: number, name: string]> = [
  [1, '3.0-IV1'],
  [2, '3.1-IV0'],
  [3, '3.2-IV0'],
  [4, '3.3-IV0'],
  [5, '3.3-IV1'],
  [6, '3.3-IV2'],
  [7, '3.3-IV3'],
  [8, '3.4-IV0'],
  [9, '3.5-IV0'],
  [10, '3.5-IV1'],
  [11, '3.5-IV2'],
  [12, '3.6-IV0'],
  [13, '3.6-IV1'],
  [14, '3.6-IV2'],
  [15, '3.7-IV0'],
  [16, '3.7-IV1'],
  [17, '3.7-IV2'],
  [18, '3.7-IV3'],
  [19, '3.7-IV4'],
  [20, '3.8-IV0'],
  [21, '3.9-IV0'],
  [22, '4.0-IV0'],
  [23, '4.0-IV1'],
  [24, '4.0-IV2'],
  [25, '4.0-IV3'],
  [26, '4.1-IV0'],
  [27, '4.1-IV1'],
  [28, '4.2-IV0'],
  [29, '4.2-IV1'],
  [30, '4.3-IV0'],
  [31, '4.4-IV0'],
  [32, '4.4-IV1'],
  [33, '4.4-IV2'],
]

/** The lowest level a cluster can be formatted or set to (MetadataVersion.MINIMUM_VERSION). */
const MINIMUM_LEVEL = 7
/** The newest production level kfk knows (4.4-IV2). */
export const LATEST_PRODUCTION_LEVEL = 33

/**
 * The level from which each production feature takes each default level
 * (Feature.defaultLevel(MetadataVersion)); below the first, its default is 0.
 */
const FEATURE_DEFAULTS: ReadonlyArray<readonly [feature: string, steps: ReadonlyArray<readonly [fromLevel: number, level: number]>]> = [
  ['kraft.version', [[21, 1]]],
  ['transaction.version', [[24, 2]]],
  ['group.version', [[22, 1]]],
  ['eligible.leader.replicas.version', [[26, 1]]],
  [
    'share.version',
    [
      [28, 1],
      [31, 2],
    ],
  ],
  ['streams.version', [[29, 1]]],
]

/** A level as kafka-features prints it: a release name for metadata.version, the number otherwise. */
export function levelName(feature: string, level: number): string {
  if (feature !== METADATA_VERSION) return String(level)
  return RELEASES.find(([l]) => l === level)?.[1] ?? `UNKNOWN ${level}`
}

/**
 * The metadata.version level of a release: "4.1-IV1" exactly, or "4.1" for the
 * last level of that release, as MetadataVersion.fromVersionString; null if unknown.
 */
export function releaseLevel(release: string): number | null {
  const known = RELEASES.filter(([level]) => level >= MINIMUM_LEVEL && level <= LATEST_PRODUCTION_LEVEL)
  const exact = known.find(([, name]) => name === release)
  if (exact) return exact[0]
  const ofRelease = known.filter(([, name]) => name.split('-')[0] === release)
  return ofRelease.at(-1)?.[0] ?? null
}

/** The release names `--release-version` accepts, for a hint. */
export function knownReleases(): string {
  return `${levelName(METADATA_VERSION, MINIMUM_LEVEL)} to ${levelName(METADATA_VERSION, LATEST_PRODUCTION_LEVEL)}`
}

/** Every production feature's level at a metadata.version level, metadata.version first (kafka-features version-mapping). */
export function featureLevelsAt(metadataLevel: number): Array<{feature: string; level: number}> {
  return [
    {feature: METADATA_VERSION, level: metadataLevel},
    ...FEATURE_DEFAULTS.map(([feature, steps]) => ({
      feature,
      level: steps.filter(([from]) => metadataLevel >= from).at(-1)?.[1] ?? 0,
    })),
  ]
}
