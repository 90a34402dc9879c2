import {Flags} from '@oclif/core'
import {KafkaCommand} from '../../cli/base-command.js'
import {listAcls} from '../../core/acls/acls.js'
import type {AclBinding} from '../../core/acls/model.js'
import {aclResourceFlags, filtersToList} from '../../flags/acls.js'
import {renderTable} from '../../output/table.js'
import {ACL_HEAD, aclRow} from '../../output/views/acls.js'

export default class AclsList extends KafkaCommand<typeof AclsList> {
  static override summary = 'List ACLs, all or of some resources and principals (kafka-acls --list).'
  static override description =
    'With no resource, every ACL of the cluster. A named resource matches its literal ACLs, as kafka-acls.sh does; --resource-pattern-type match shows every ACL that applies to it (wildcards and prefixes too).'
  static override examples = [
    '<%= config.bin %> acls list',
    '<%= config.bin %> acls list --topic orders --resource-pattern-type match',
    '<%= config.bin %> acls list --principal User:alice --json',
  ]

  static override flags = {
    ...aclResourceFlags,
    principal: Flags.string({multiple: true, helpValue: 'User:NAME', description: 'Only the ACLs of this principal (repeatable).'}),
  }

  async run(): Promise<{acls: AclBinding[]}> {
    const filters = filtersToList(this.flags)
    const acls = await listAcls(await this.client(), filters)
    if (acls.length === 0) this.note('no ACLs match')
    else this.out(renderTable(ACL_HEAD, acls.map(aclRow)))
    return {acls}
  }
}
