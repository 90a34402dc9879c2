import {spawn} from 'node:child_process'
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

export function javaTool(mainClass: string, args: string[], options: {input?: string | Buffer; timeoutMs?: number} = {}): Promise<{code: number | null; stdout: string; stderr: string; stdoutBytes: Buffer}> {
  const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java'
  return new Promise((resolve, reject) => {
    const child = spawn(java, ['-Xmx256m', '-XX:TieredStopAtLevel=1', '-cp', join(kafkaLibs(), '*'), '-Dlog4j2.level=WARN', mainClass, ...args], {stdio: ['pipe', 'pipe', 'pipe']})
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (d: Buffer) => out.push(d))
    child.stderr.on('data', (d: Buffer) => err.push(d))
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      const stdoutBytes = Buffer.concat(out)
      resolve({code, stdout: stdoutBytes.toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), stdoutBytes})
    })
    child.stdin.on('error', () => {})
    child.stdin.end(options.input ?? '')
  })
}
