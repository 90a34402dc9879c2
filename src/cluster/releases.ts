import {KfkError} from '../cli/errors.js'

/**
 * The Apache Kafka releases kfk supports: one row per release line, with the
 * newest patch release on Maven Central and the metadata modes it runs in.
 * `kfk cluster up` runs these; the README's range and the version matrix
 * (scripts/version-matrix.mjs) read this table.
 */
export interface ReleaseLine {
  /** major.minor */
  line: string
  /** The newest patch release of the line on Maven Central. */
  latest: string
  /** Brokers keep metadata in ZooKeeper (2.8-3.9; removed in 4.0). */
  zookeeper: boolean
  /** Brokers keep metadata in a KRaft quorum (production-ready from 3.3). */
  kraft: boolean
}

export type MetadataMode = 'kraft' | 'zookeeper'

export const RELEASE_LINES: readonly ReleaseLine[] = [
  {line: '2.8', latest: '2.8.2', zookeeper: true, kraft: false},
  {line: '3.0', latest: '3.0.2', zookeeper: true, kraft: false},
  {line: '3.1', latest: '3.1.2', zookeeper: true, kraft: false},
  {line: '3.2', latest: '3.2.3', zookeeper: true, kraft: false},
  {line: '3.3', latest: '3.3.2', zookeeper: true, kraft: true},
  {line: '3.4', latest: '3.4.1', zookeeper: true, kraft: true},
  {line: '3.5', latest: '3.5.2', zookeeper: true, kraft: true},
  {line: '3.6', latest: '3.6.2', zookeeper: true, kraft: true},
  {line: '3.7', latest: '3.7.2', zookeeper: true, kraft: true},
  {line: '3.8', latest: '3.8.1', zookeeper: true, kraft: true},
  {line: '3.9', latest: '3.9.2', zookeeper: true, kraft: true},
  {line: '4.0', latest: '4.0.2', zookeeper: false, kraft: true},
  {line: '4.1', latest: '4.1.2', zookeeper: false, kraft: true},
  {line: '4.2', latest: '4.2.2', zookeeper: false, kraft: true},
  {line: '4.3', latest: '4.3.2', zookeeper: false, kraft: true},
  {line: '4.4', latest: '4.4.0', zookeeper: false, kraft: true},
]

/** "2.8 to 4.4" */
export function supportedRange(mode?: MetadataMode): string {
  const lines = RELEASE_LINES.filter((r) => !mode || r[mode])
  return `${lines[0]!.line} to ${lines.at(-1)!.line}`
}

/** Whether `version` (3.9.2) is of release line `line` (3.5) or newer. */
export function atLeast(version: string, line: string): boolean {
  const [am = 0, an = 0] = version.split('.').map(Number)
  const [bm = 0, bn = 0] = line.split('.').map(Number)
  return am > bm || (am === bm && an >= bn)
}

export function releaseLine(version: string): ReleaseLine | undefined {
  const line = /^(\d+\.\d+)\./.exec(version)?.[1]
  return RELEASE_LINES.find((r) => r.line === line)
}

/**
 * Refuses a release outside the range, or a mode the release does not run in,
 * before anything is fetched or started: kfk could not talk to it, and a
 * cluster that cannot answer would only hang.
 */
export function checkSupportedRelease(version: string, from?: string, mode?: MetadataMode): void {
  const release = releaseLine(version)
  if (!release) {
    throw new KfkError(`Apache Kafka ${version}${from ? ` (${from})` : ''} is not supported: kfk supports ${supportedRange()}`, {
      exit: 2,
      hint: `Run a supported release, for example --kafka-version ${RELEASE_LINES.at(-1)!.latest} or ${RELEASE_LINES[0]!.latest} --zookeeper.`,
    })
  }
  if (mode === 'zookeeper' && !release.zookeeper)
    throw new KfkError(`Apache Kafka ${version} has no ZooKeeper mode (removed in 4.0)`, {
      exit: 2,
      hint: `Drop --zookeeper for a KRaft cluster, or run a ZooKeeper-mode release (${supportedRange('zookeeper')}), for example --kafka-version 3.9.2 --zookeeper.`,
    })
  if (mode === 'kraft' && !release.kraft)
    throw new KfkError(`Apache Kafka ${version} runs only in ZooKeeper mode (KRaft is production-ready from 3.3)`, {
      exit: 2,
      hint: `Add --zookeeper, or run a KRaft release (${supportedRange('kraft')}).`,
    })
}
