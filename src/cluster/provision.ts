import {existsSync, mkdirSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import {join, resolve} from 'node:path'
import {KfkError} from '../cli/errors.js'
import {findMvn} from './java.js'
import {runCollecting} from './process.js'
import {cacheRoot} from './paths.js'
import {checkSupportedRelease, type MetadataMode} from './releases.js'

/** The Kafka release kfk runs when none is asked for. Pinned: a cluster should not change under a user. */
export const DEFAULT_KAFKA_VERSION = '4.4.0'
/** The log4j2 line kafka-run-class.sh puts beside the broker for Kafka 4.x (SLF4J 1.7 binding). */
const LOG4J_VERSION = '2.24.3'

export interface KafkaRuntime {
  version: string
  /** Directory of jars; the classpath is `${libDir}/*`. */
  libDir: string
  source: 'cache' | 'kafka-home'
}

/**
 * Finds Kafka's jars: an unpacked distribution (--kafka-home / KAFKA_HOME), or
 * the per-user cache, filled once from Maven Central with the machine's mvn.
 */
export async function ensureKafka(options: {
  version?: string
  kafkaHome?: string
  /** The mode the cluster will run in: a release without it is refused before anything is fetched. */
  mode?: MetadataMode
  onProgress?: (line: string) => void
}): Promise<KafkaRuntime> {
  if (options.kafkaHome) return fromKafkaHome(options.kafkaHome, options.mode)
  const version = options.version ?? DEFAULT_KAFKA_VERSION
  if (!/^\d+\.\d+\.\d+$/.test(version)) {
    throw new KfkError(`--kafka-version ${version} is not a Kafka release number`, {
      exit: 2,
      hint: `For example: --kafka-version ${DEFAULT_KAFKA_VERSION}`,
    })
  }
  checkSupportedRelease(version, undefined, options.mode)
  const dir = join(cacheRoot(), `kafka-${version}`)
  const libDir = join(dir, 'libs')
  if (existsSync(join(dir, '.complete'))) return {version, libDir, source: 'cache'}

  options.onProgress?.(`fetching Apache Kafka ${version} jars from Maven Central (once; cached in ${dir})`)
  await fetchJars(
    dir,
    `Apache Kafka ${version}`,
    pom('kafka-runtime', version, [
      ['org.apache.kafka', 'kafka_2.13', version],
      ['org.apache.kafka', 'kafka-tools', version],
    ]),
    (libDir) => hasBrokerJar(libDir),
  )
  return {version, libDir, source: 'cache'}
}

/**
 * The jars a Kafka Streams application needs (kafka-streams and what it pulls
 * in, log4j2), fetched once beside the broker's: `streams up`'s demo runs on
 * them. Kept apart from the broker's jars so a cluster never needs them.
 */
export async function ensureKafkaStreams(version: string, onProgress?: (line: string) => void): Promise<string> {
  const dir = join(cacheRoot(), `kafka-${version}`, 'streams')
  const libDir = join(dir, 'libs')
  if (existsSync(join(dir, '.complete'))) return libDir
  onProgress?.(`fetching Kafka Streams ${version} jars from Maven Central (once; cached in ${dir})`)
  await fetchJars(
    dir,
    `Kafka Streams ${version}`,
    pom('kafka-streams-runtime', version, [['org.apache.kafka', 'kafka-streams', version]]),
    (libDir) => readdirSync(libDir).some((f) => f.startsWith('kafka-streams-')),
  )
  return libDir
}

/** Fills `${dir}/libs` with a pom's runtime jars through the machine's mvn; `${dir}/.complete` marks it done. */
async function fetchJars(dir: string, what: string, pomText: string, complete: (libDir: string) => boolean): Promise<void> {
  const libDir = join(dir, 'libs')
  const mvn = findMvn()
  if (!mvn) {
    throw new KfkError(`${what} is not in kfk's cache (${dir}) and mvn, which fetches it from Maven Central, was not found`, {
      hint: 'Install Maven (apt-get install -y maven), or unpack a Kafka 4.x download and pass --kafka-home DIR (or set KAFKA_HOME).',
    })
  }
  rmSync(libDir, {recursive: true, force: true})
  mkdirSync(dir, {recursive: true})
  writeFileSync(join(dir, 'pom.xml'), pomText)
  const mvnRun = await runMvn(mvn, dir)
  if (mvnRun.code !== 0 || !existsSync(libDir) || !complete(libDir)) {
    const tail = mvnRun.output.trim().split('\n').slice(-8).join('\n')
    throw new KfkError(`could not fetch ${what} from Maven Central with mvn (exit ${mvnRun.code})`, {
      hint: `Check the version exists and Maven can reach its repository, or pass --kafka-home DIR.\n${tail}`,
    })
  }
  writeFileSync(join(dir, '.complete'), new Date().toISOString() + '\n')
}

function fromKafkaHome(home: string, mode?: MetadataMode): KafkaRuntime {
  const libDir = join(resolve(home), 'libs')
  const brokerJar = existsSync(libDir) ? readdirSync(libDir).find((f) => /^kafka_2\.\d+-[\d.]+\.jar$/.test(f)) : undefined
  if (!brokerJar) {
    throw new KfkError(`${home} is not an unpacked Kafka distribution (no libs/kafka_2.13-*.jar)`, {
      exit: 2,
      hint: 'Point --kafka-home (or KAFKA_HOME) at the folder a Kafka .tgz unpacks to.',
    })
  }
  const version = /^kafka_2\.\d+-([\d.]+)\.jar$/.exec(brokerJar)![1]!
  checkSupportedRelease(version, `in ${home}`, mode)
  return {version, libDir, source: 'kafka-home'}
}

function hasBrokerJar(libDir: string): boolean {
  return existsSync(libDir) && readdirSync(libDir).some((f) => f.startsWith('kafka_2.13-'))
}

function runMvn(mvn: string, dir: string) {
  return runCollecting(
    mvn,
    ['-B', '-q', '-f', join(dir, 'pom.xml'), 'dependency:copy-dependencies', '-DoutputDirectory=libs', '-DincludeScope=runtime'],
    dir,
  )
}

/** A pom whose runtime dependencies are `artifacts` and a log4j2 SLF4J binding, as bin/kafka-run-class.sh puts beside Kafka 4.x. */
function pom(name: string, version: string, artifacts: ReadonlyArray<[string, string, string]>): string {
  const dep = ([g, a, v]: [string, string, string]) =>
    `    <dependency><groupId>${g}</groupId><artifactId>${a}</artifactId><version>${v}</version></dependency>`
  const all: Array<[string, string, string]> = [
    ...artifacts,
    ['org.apache.logging.log4j', 'log4j-slf4j-impl', LOG4J_VERSION],
    ['org.apache.logging.log4j', 'log4j-core', LOG4J_VERSION],
  ]
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by kfk: the jars of ${name} ${version} -->
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>kfk.local</groupId>
  <artifactId>${name}</artifactId>
  <version>${version}</version>
  <packaging>pom</packaging>
  <dependencies>
${all.map(dep).join('\n')}
  </dependencies>
</project>
`
}
