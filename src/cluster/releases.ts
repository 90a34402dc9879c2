import {KfkError} from '../errors.js'

/**
 * The Apache Kafka releases kfk supports: one row per release line, with the
 * newest patch release on Maven Central. `kfk cluster up` runs these; the
 * README's range and the version matrix read this table.
 */
export interface ReleaseLine {
  /** major.minor */
  line: string
  /** The newest patch release of the line on Maven Central. */
  latest: string
}

export const RELEASE_LINES: readonly ReleaseLine[] = [
  {line: '3.7', latest: '3.7.2'},
  {line: '3.8', latest: '3.8.1'},
  {line: '3.9', latest: '3.9.2'},
  {line: '4.0', latest: '4.0.2'},
  {line: '4.1', latest: '4.1.2'},
  {line: '4.2', latest: '4.2.2'},
  {line: '4.3', latest: '4.3.2'},
  {line: '4.4', latest: '4.4.0'},
]

/** "3.7 to 4.4" */
export function supportedRange(): string {
  return `${RELEASE_LINES[0]!.line} to ${RELEASE_LINES.at(-1)!.line}`
}

/**
 * Refuses a release outside the range before anything is fetched or started:
 * kfk could not talk to it, and a cluster that cannot answer would only hang.
 */
export function checkSupportedRelease(version: string, from?: string): void {
  const line = /^(\d+\.\d+)\./.exec(version)?.[1]
  if (line && RELEASE_LINES.some((r) => r.line === line)) return
  throw new KfkError(`Apache Kafka ${version}${from ? ` (${from})` : ''} is not supported: kfk supports ${supportedRange()}`, {
    exit: 2,
    hint: `Run a supported release, for example --kafka-version ${RELEASE_LINES.at(-1)!.latest} or ${RELEASE_LINES[0]!.latest}.`,
  })
}
