import {spawnSync} from 'node:child_process'
import {join} from 'node:path'
import {KfkError} from '../cli/errors.js'

/** The java binary: $JAVA_HOME/bin/java when set, else java on PATH. Kafka 4 brokers need Java 17+. */
export function findJava(env = process.env): string {
  const java = env.JAVA_HOME ? join(env.JAVA_HOME, 'bin', 'java') : 'java'
  const result = spawnSync(java, ['-version'], {encoding: 'utf8'})
  if (result.error) {
    throw new KfkError(`Java 17 or newer is needed to run Kafka, and ${java} was not found`, {
      hint: 'Install a JDK 17+ (for example: apt-get install -y openjdk-17-jre-headless) or set JAVA_HOME.',
    })
  }
  const major = parseJavaMajor(`${result.stderr}${result.stdout}`)
  if (major !== undefined && major < 17) {
    throw new KfkError(`Kafka 4 needs Java 17 or newer, and ${java} is Java ${major}`, {hint: 'Set JAVA_HOME to a JDK 17+.'})
  }
  return java
}

/** `openjdk version "17.0.15"` -> 17; `java version "1.8.0_392"` -> 8. */
export function parseJavaMajor(versionText: string): number | undefined {
  const m = /version "(\d+)(?:\.(\d+))?/.exec(versionText)
  if (!m) return undefined
  const first = Number(m[1])
  return first === 1 && m[2] ? Number(m[2]) : first
}

export function findMvn(): string | undefined {
  const result = spawnSync('mvn', ['-v'], {encoding: 'utf8'})
  return result.error || result.status !== 0 ? undefined : 'mvn'
}
