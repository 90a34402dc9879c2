import {runProcess, type ProcessResult} from './process.js'
import {join} from 'node:path'

/**
 * Runs one of Apache Kafka's own Java tools (TopicCommand, ConsoleConsumer ...)
 * from the jars `kfk cluster up` provisioned, for side-by-side checks.
 */
export function kafkaLibs(): string {
  const libs = process.env.KFK_TEST_KAFKA_LIBS
  if (!libs) throw new Error('KFK_TEST_KAFKA_LIBS is not set: run the suite with `npm test`')
  return libs
}

export function javaTool(
  mainClass: string,
  args: string[],
  options: {input?: string | Buffer; timeoutMs?: number} = {},
): Promise<ProcessResult> {
  const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java'
  const jvm = ['-Xmx256m', '-XX:TieredStopAtLevel=1', '-cp', join(kafkaLibs(), '*'), '-Dlog4j2.level=WARN']
  return runProcess(java, [...jvm, mainClass, ...args], {input: options.input, timeoutMs: options.timeoutMs ?? 60_000})
}
