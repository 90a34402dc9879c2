/**
 * SCRAM users (KIP-554): list, describe, set a password, delete credentials.
 * A password is turned into a salted credential here, as Java's admin client
 * does; only the salt and Hi(password) reach the broker.
 */
import {anyBroker} from '../kafkajs/cluster.js'
import type {RawCluster} from '../kafkajs/types.js'
import {errorType} from '../kafkajs/load.js'
import {pbkdf2Sync, randomBytes} from 'node:crypto'
import {KfkError} from '../../cli/errors.js'
import type {KafkaClient} from '../kafkajs/client.js'
import {untilEveryBroker} from '../read-your-writes.js'
import {alterUserScramCredentials} from '../protocol/alter-user-scram-credentials.js'
import {isKafkaError} from '../protocol/kafka-errors.js'
import {describeUserScramCredentials, SCRAM_MECHANISMS, type ScramMechanism} from '../protocol/describe-user-scram-credentials.js'

export {SCRAM_MECHANISMS, type ScramMechanism}

/** Kafka's bounds for SCRAM iterations (ScramMechanism.minIterations; the controller refuses more than 16384). */
export const MIN_ITERATIONS = 4096
export const MAX_ITERATIONS = 16384

export interface ScramUser {
  user: string
  credentials: Array<{mechanism: string; iterations: number}>
  /** Set when the user could not be described (e.g. it has no SCRAM credentials). */
  error?: string
}

export interface ScramChange {
  user: string
  mechanism: ScramMechanism
  action: 'set' | 'deleted'
  iterations?: number
  error?: string
}

/** Every user with SCRAM credentials, sorted by name. */
export async function listScramUsers(client: KafkaClient): Promise<ScramUser[]> {
  return (await describeScramUsers(client, null)).sort((a, b) => a.user.localeCompare(b.user))
}

/** The SCRAM credentials of each named user (null: every user); a user without any has `error`. */
export async function describeScramUsers(client: KafkaClient, users: readonly string[] | null): Promise<ScramUser[]> {
  const results = await client.run('describe SCRAM users', async () =>
    describeUserScramCredentials(await anyBroker(await client.cluster()), users),
  )
  return results.map((r) => ({
    user: r.user,
    credentials: r.credentials
      .map((c) => ({mechanism: c.mechanism, iterations: c.iterations}))
      .sort((a, b) => a.mechanism.localeCompare(b.mechanism)),
    ...(r.error ? {error: isKafkaError(r.errorCode, 'RESOURCE_NOT_FOUND') ? 'no SCRAM credentials' : r.error.message} : {}),
  }))
}

/** Hi(password, salt, i) of RFC 5802 for a SCRAM mechanism: PBKDF2 with the mechanism's hash, one block. */
export function saltedPassword(mechanism: ScramMechanism, password: string, salt: Buffer, iterations: number): Buffer {
  const hash = mechanism === 'SCRAM-SHA-512' ? 'sha512' : 'sha256'
  return pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, hash === 'sha512' ? 64 : 32, hash)
}

/**
 * Sets `user`'s password for each mechanism (creating the user), then waits
 * until every broker knows the credentials. One request per mechanism: the
 * controller refuses two changes of one user in a request (DUPLICATE_RESOURCE).
 */
export async function setScramPassword(
  client: KafkaClient,
  change: {user: string; mechanisms: ScramMechanism[]; iterations: number; password: string},
): Promise<ScramChange[]> {
  const cluster = await client.cluster()
  const outcome: ScramChange[] = []
  for (const mechanism of change.mechanisms) {
    const salt = randomBytes(32)
    const upsertion = {
      user: change.user,
      mechanism,
      iterations: change.iterations,
      salt,
      saltedPassword: saltedPassword(mechanism, change.password, salt, change.iterations),
    }
    const [result] = await client.run('set a SCRAM password', async () =>
      alterUserScramCredentials(await anyBroker(cluster), {upsertions: [upsertion]}),
    )
    outcome.push({
      user: change.user,
      mechanism,
      action: 'set',
      iterations: change.iterations,
      ...(result?.error ? {error: explain(result.error)} : {}),
    })
  }
  const set = outcome.filter((c) => !c.error).map((c) => c.mechanism)
  await untilApplied(client, cluster, change.user, (c) =>
    set.every((m) => c.some((x) => x.mechanism === m && x.iterations === change.iterations)),
  )
  return outcome
}

/** Deletes `user`'s credentials for each mechanism (one request each), then waits until every broker has dropped them. */
export async function deleteScramCredentials(client: KafkaClient, user: string, mechanisms: ScramMechanism[]): Promise<ScramChange[]> {
  const cluster = await client.cluster()
  const outcome: ScramChange[] = []
  for (const mechanism of mechanisms) {
    const [result] = await client.run('delete SCRAM credentials', async () =>
      alterUserScramCredentials(await anyBroker(cluster), {deletions: [{user, mechanism}]}),
    )
    outcome.push({user, mechanism, action: 'deleted', ...(result?.error ? {error: explain(result.error)} : {})})
  }
  const deleted = outcome.filter((c) => !c.error).map((c) => c.mechanism)
  await untilApplied(client, cluster, user, (c) => !c.some((x) => deleted.includes(x.mechanism as ScramMechanism)))
  return outcome
}

function explain(error: Error): string {
  const type = errorType(error)
  return type ? `${type}: ${error.message}` : error.message
}

/** Until every broker's view of `user`'s credentials passes `done`. */
function untilApplied(
  client: KafkaClient,
  cluster: RawCluster,
  user: string,
  done: (credentials: Array<{mechanism: string; iterations: number}>) => boolean,
): Promise<void> {
  return untilEveryBroker(
    cluster,
    client.settings.timeoutMs,
    async (broker) => (await describeUserScramCredentials(broker, [user]))[0]?.credentials ?? [],
    done,
  )
}

/** --iterations, within Kafka's bounds. */
export function checkIterations(iterations: number): number {
  if (!Number.isInteger(iterations) || iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS)
    throw new KfkError(`--iterations ${iterations} is out of range`, {exit: 2, hint: `Kafka takes ${MIN_ITERATIONS} to ${MAX_ITERATIONS}.`})
  return iterations
}
