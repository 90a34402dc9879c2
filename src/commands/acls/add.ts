import {Flags} from '@oclif/core'
import {KafkaCommand} from '../../cli/base-command.js'
import {addAcls, type AclResult, type AddStatus} from '../../core/acls/acls.js'
import {bindingText} from '../../core/acls/model.js'
import {aclEntryFlags, aclResourceFlags, bindingsToAdd} from '../../flags/acls.js'
import {renderTable} from '../../output/table.js'
import {ACL_HEAD, aclResultRow} from '../../output/views/acls.js'

export default class AclsAdd extends KafkaCommand<typeof AclsAdd> {
  static override summary = 'Add ACLs: principals x hosts x operations on each resource (kafka-acls --add).'
  static override description =
    'Prints each ACL and whether it was created or existed already. Returns once every broker enforces the new ACLs.'
  static override examples = [
    '<%= config.bin %> acls add --allow-principal User:alice --operation Read --operation Describe --topic orders',
    '<%= config.bin %> acls add --producer --allow-principal User:app --topic orders --idempotent',
    '<%= config.bin %> acls add --consumer --allow-principal User:app --topic orders --group billing',
    '<%= config.bin %> acls add --allow-principal User:bob --topic logs- --resource-pattern-type prefixed --dry-run',
  ]

  static override flags = {
    ...aclResourceFlags,
    ...aclEntryFlags,
    'dry-run': Flags.boolean({description: 'Only print the ACLs that would be added.'}),
  }

  async run(): Promise<{acls: AclResult<AddStatus>[]}> {
    const bindings = bindingsToAdd(this.flags)
    const results = await addAcls(await this.client(), bindings, this.flags['dry-run'])
    this.out(renderTable([...ACL_HEAD, 'status'], results.map(aclResultRow)))
    this.failIfAny({acls: results}, results, {what: 'ACLs', name: (r) => bindingText(r), error: (r) => r.error})
    return {acls: results}
  }
}
