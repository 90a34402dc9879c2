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

/**
 * Tools that moved from the Scala core to the tools jar in newer releases
 * (TopicCommand 3.5+, ConsumerGroupCommand 3.7+, AclCommand 4.0+, ConfigCommand 4.2+): a test
 * names the old class and runs on any release.
 */
const MOVED: Record<string, string> = {
  'kafka.admin.ConfigCommand': 'org.apache.kafka.tools.ConfigCommand',
  'kafka.admin.ConsumerGroupCommand': 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand',
  'kafka.admin.TopicCommand': 'org.apache.kafka.tools.TopicCommand',
  'kafka.admin.AclCommand': 'org.apache.kafka.tools.AclCommand',
}

export async function javaTool(
  mainClass: string,
  args: string[],
  options: {input?: string | Buffer; timeoutMs?: number; libs?: string} = {},
): Promise<ProcessResult> {
  const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java'
  const jvm = ['-Xmx256m', '-XX:TieredStopAtLevel=1', '-cp', join(options.libs ?? kafkaLibs(), '*'), '-Dlog4j2.level=WARN']
  const run = (main: string) => runProcess(java, [...jvm, main, ...args], {input: options.input, timeoutMs: options.timeoutMs ?? 60_000})
  const r = await run(mainClass)
  const moved = MOVED[mainClass]
  return moved && /Could not find or load main class/.test(r.stderr) ? run(moved) : r
}

/** A Java client's properties (a --command-config file) for SASL_PLAINTEXT with PLAIN or SCRAM. */
export function saslClientProperties(mechanism: string, username: string, password: string): string {
  const module = mechanism === 'PLAIN' ? 'plain.PlainLoginModule' : 'scram.ScramLoginModule'
  return (
    [
      'security.protocol=SASL_PLAINTEXT',
      `sasl.mechanism=${mechanism}`,
      `sasl.jaas.config=org.apache.kafka.common.security.${module} required username="${username}" password="${password}";`,
    ].join('\n') + '\n'
  )
}
