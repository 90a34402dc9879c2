/**
 * List, add and remove ACLs (DescribeAcls, CreateAcls, DeleteAcls on kfk's own
 * protocol modules), with the Java tool's semantics plus what it lacks: adding
 * an ACL that exists is reported as such, and both add and remove wait until
 * every broker's authorizer has the change, so the next command (on any
 * broker) already sees it.
 */
import {anyBroker} from '../kafkajs/cluster.js'
import type {RawCluster} from '../kafkajs/types.js'
import {errorType} from '../kafkajs/load.js'
import {KfkError} from '../../cli/errors.js'
import type {KafkaClient} from '../kafkajs/client.js'
import {untilEveryBroker} from '../read-your-writes.js'
import {createAcls} from '../protocol/create-acls.js'
import {deleteAcls} from '../protocol/delete-acls.js'
import {describeAcls} from '../protocol/describe-acls.js'
import {exactFilter, sameBinding, type AclBinding, type AclFilter} from './model.js'

export type AddStatus = 'created' | 'exists' | 'would-create'
export type RemoveStatus = 'removed' | 'would-remove'

/** One ACL and what happened to it (the --json shape of add and remove: the ACL's fields, status, error). */
export type AclResult<S> = AclBinding & {status: S | 'failed'; error?: string}

/** Every ACL matching any of `filters`, each once, sorted by resource then principal and operation. */
export async function listAcls(client: KafkaClient, filters: readonly AclFilter[]): Promise<AclBinding[]> {
  return client.run('describe ACLs', async () => {
    const broker = await anyBroker(await client.cluster())
    const found = await Promise.all(filters.map((f) => describeAcls(broker, f).catch(explainSecurityDisabled)))
    return sortBindings(unique(found.flat()))
  })
}

/** Creates each binding that does not exist yet (`dryRun`: only says which it would create). */
export async function addAcls(client: KafkaClient, bindings: readonly AclBinding[], dryRun: boolean): Promise<AclResult<AddStatus>[]> {
  const existing = await listAcls(client, bindings.map(exactFilter))
  const results: AclResult<AddStatus>[] = bindings.map((binding) => ({
    ...binding,
    status: existing.some((e) => sameBinding(e, binding)) ? 'exists' : dryRun ? 'would-create' : 'created',
  }))
  const toCreate = results.filter((r) => r.status === 'created')
  if (toCreate.length === 0) return results
  const cluster = await client.cluster()
  const errors = await client.run('create ACLs', async () => createAcls(await anyBroker(cluster), toCreate.map(bindingOf)))
  toCreate.forEach((r, i) => failIf(r, errors[i]))
  await untilApplied(client, cluster, toCreate.filter((r) => r.status === 'created').map(bindingOf), true)
  return results
}

/** Deletes every ACL matching each filter (`dryRun`: only lists them). */
export async function removeAcls(client: KafkaClient, filters: readonly AclFilter[], dryRun: boolean): Promise<AclResult<RemoveStatus>[]> {
  if (dryRun) return (await listAcls(client, filters)).map((binding) => ({...binding, status: 'would-remove'}))
  const cluster = await client.cluster()
  const outcome = await client.run('delete ACLs', async () => deleteAcls(await anyBroker(cluster), filters))
  const results: AclResult<RemoveStatus>[] = []
  outcome.forEach((filter, i) => {
    if (filter.error) {
      if (errorType(filter.error) === 'SECURITY_DISABLED') explainSecurityDisabled(filter.error)
      // The other filters' deletions stand: this one is reported as failed, with what it would have matched.
      results.push(failIf({...filterAsBinding(filters[i]!), status: 'removed'}, filter.error))
      return
    }
    for (const match of filter.matches) {
      if (results.some((r) => sameBinding(r, match.binding))) continue
      const result: AclResult<RemoveStatus> = {...match.binding, status: 'removed'}
      results.push(failIf(result, match.error))
    }
  })
  await untilApplied(client, cluster, results.filter((r) => r.status === 'removed').map(bindingOf), false)
  return sortResults(results)
}

/** A filter shown as an ACL row, for a filter the broker refused ("*" where it matches anything). */
function filterAsBinding(f: AclFilter): AclBinding {
  const any = (v: string | null) => (v === null || v === 'ANY' ? '*' : v)
  return {
    resourceType: any(f.resourceType) as AclBinding['resourceType'],
    resourceName: any(f.resourceName),
    patternType: any(f.patternType) as AclBinding['patternType'],
    principal: any(f.principal),
    host: any(f.host),
    operation: any(f.operation) as AclBinding['operation'],
    permission: any(f.permission) as AclBinding['permission'],
  }
}

/** The ACL of a result, without its status. */
export function bindingOf({status: _s, error: _e, ...binding}: AclResult<string>): AclBinding {
  return binding
}

function failIf<S>(result: AclResult<S>, error: Error | null | undefined): AclResult<S> {
  if (!error) return result
  if (errorType(error) === 'SECURITY_DISABLED') throw explainSecurityDisabled(error)
  return Object.assign(result, {status: 'failed' as const, error: errorType(error) ?? error.message})
}

/** Until every broker reports the bindings (present) or none does (removed). */
function untilApplied(client: KafkaClient, cluster: RawCluster, bindings: AclBinding[], present: boolean): Promise<void> {
  if (bindings.length === 0) return Promise.resolve()
  return untilEveryBroker(
    cluster,
    client.settings.timeoutMs,
    async (broker) => (await Promise.all(bindings.map((b) => describeAcls(broker, exactFilter(b))))).flat(),
    (seen) => bindings.every((b) => seen.some((s) => sameBinding(s, b)) === present),
  )
}

function explainSecurityDisabled(error: Error): never {
  if (errorType(error) === 'SECURITY_DISABLED') {
    throw new KfkError('this cluster has no authorizer, so it keeps no ACLs (SECURITY_DISABLED)', {
      hint: 'Brokers need authorizer.class.name set (StandardAuthorizer in KRaft); a local one: kfk cluster up --authorizer',
      cause: error,
    })
  }
  throw error
}

function unique(bindings: AclBinding[]): AclBinding[] {
  return bindings.filter((b, i) => bindings.findIndex((o) => sameBinding(o, b)) === i)
}

const sortKey = (b: AclBinding) =>
  [b.resourceType, b.patternType, b.resourceName, b.principal, b.permission, b.operation, b.host].join('\0')

function sortBindings(bindings: AclBinding[]): AclBinding[] {
  return bindings.sort((a, b) => sortKey(a).localeCompare(sortKey(b)))
}

function sortResults<S>(results: AclResult<S>[]): AclResult<S>[] {
  return results.sort((a, b) => sortKey(a).localeCompare(sortKey(b)))
}
