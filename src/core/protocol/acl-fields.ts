/**
 * The ACL fields DescribeAcls, CreateAcls and DeleteAcls share, in the order
 * all three put them on the wire (v1+: pattern type after the resource name):
 * resource_type INT8, resource_name STRING, pattern_type INT8, principal STRING,
 * host STRING, operation INT8, permission_type INT8. A filter's name, principal
 * and host are nullable (null matches any).
 */
import type {Encoder} from '../kafkajs/types.js'
import {
  nameOf,
  OPERATIONS,
  PATTERN_TYPES,
  PERMISSIONS,
  RESOURCE_TYPES,
  type AclBinding,
  type AclFilter,
  type Operation,
  type Permission,
  type ResourceType,
} from '../acls/model.js'
import type {Reader, Writer} from './compact.js'
import type {ByteReader} from './bytes.js'

/** Writes a binding (CreateAcls) or a filter (DescribeAcls, DeleteAcls). */
export function writeAclFields(e: Encoder, w: Writer, f: AclFilter | AclBinding): void {
  e.writeInt8(RESOURCE_TYPES[f.resourceType])
  w.string(e, f.resourceName)
  e.writeInt8(PATTERN_TYPES[f.patternType])
  w.string(e, f.principal)
  w.string(e, f.host)
  e.writeInt8(OPERATIONS[f.operation])
  e.writeInt8(PERMISSIONS[f.permission])
}

/** Reads principal, host, operation and permission (one ACL entry of a resource). */
export function readAclEntry(d: ByteReader, r: Reader): Pick<AclBinding, 'principal' | 'host' | 'operation' | 'permission'> {
  return {
    principal: r.string(d),
    host: r.string(d),
    operation: nameOf(OPERATIONS, d.int8()) as Operation,
    permission: nameOf(PERMISSIONS, d.int8()) as Permission,
  }
}

/** Reads a resource type, name and pattern type. */
export function readAclResource(d: ByteReader, r: Reader): Pick<AclBinding, 'resourceType' | 'resourceName' | 'patternType'> {
  return {
    resourceType: nameOf(RESOURCE_TYPES, d.int8()) as ResourceType,
    resourceName: r.string(d),
    patternType: nameOf(PATTERN_TYPES, d.int8()) as AclBinding['patternType'],
  }
}
