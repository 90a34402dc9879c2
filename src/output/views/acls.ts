import {pascal, type AclBinding} from '../../core/acls/model.js'
import {bindingOf, type AclResult} from '../../core/acls/acls.js'

export const ACL_HEAD = ['principal', 'permission', 'operation', 'host', 'resource', 'name', 'pattern']

/** One row per ACL, with Kafka's Pascal-case names as kafka-acls.sh takes them. */
export function aclRow(b: AclBinding): string[] {
  return [b.principal, pascal(b.permission), pascal(b.operation), b.host, pascal(b.resourceType), b.resourceName, pascal(b.patternType)]
}

const STATUS: Record<string, string> = {
  created: 'created',
  exists: 'exists already',
  'would-create': 'would create (dry run)',
  removed: 'removed',
  'would-remove': 'would remove (dry run)',
}

/** An add or remove result: the ACL's row and what happened to it. */
export function aclResultRow(r: AclResult<string>): string[] {
  return [...aclRow(bindingOf(r)), r.status === 'failed' ? `failed: ${r.error}` : (STATUS[r.status] ?? r.status)]
}
