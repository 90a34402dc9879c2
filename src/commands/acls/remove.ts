import {Flags} from '@oclif/core'
import {KafkaCommand} from '../../cli/base-command.js'
import {listAcls, removeAcls, type AclResult, type RemoveStatus} from '../../core/acls/acls.js'
import {bindingText} from '../../core/acls/model.js'
import {aclEntryFlags, aclResourceFlags, filtersToRemove} from '../../flags/acls.js'
import {renderTable} from '../../output/table.js'
import {ACL_HEAD, aclResultRow} from '../../output/views/acls.js'
import {confirmDestructive} from '../../cli/prompts.js'

export default class AclsRemove extends KafkaCommand<typeof AclsRemove> {
  static override summary = 'Remove ACLs: the ones named, or every ACL of a resource when no principal is given (kafka-acls --remove).'
  static override description =
    'Asks on a terminal; needs --yes (or --force, the kafka-acls spelling) without one. Prints each ACL removed, and returns once every broker has dropped them.'
  static override examples = [
    '<%= config.bin %> acls remove --allow-principal User:alice --operation Read --topic orders',
    '<%= config.bin %> acls remove --producer --allow-principal User:app --topic orders --yes',
    '<%= config.bin %> acls remove --topic orders --dry-run',
  ]

  static override flags = {
    ...aclResourceFlags,
    ...aclEntryFlags,
    'dry-run': Flags.boolean({description: 'Only print the ACLs that would be removed.'}),
    yes: Flags.boolean({char: 'y', aliases: ['force'], description: 'Do not ask for confirmation on a terminal (alias --force).'}),
  }

  async run(): Promise<{acls: AclResult<RemoveStatus>[]}> {
    const filters = filtersToRemove(this.flags)
    const client = await this.client()
    const dryRun = this.flags['dry-run']
    if (!dryRun) {
      const matching = await listAcls(client, filters)
      if (matching.length === 0) {
        this.note('no ACLs match; nothing removed')
        return {acls: []}
      }
      await confirmDestructive(`remove ${matching.length} ACL(s): ${matching.map(bindingText).join('; ')}`, {
        yes: this.flags.yes,
        json: this.jsonEnabled(),
      })
    }
    const results = await removeAcls(client, filters, dryRun)
    if (results.length === 0) this.note('no ACLs match; nothing removed')
    else this.out(renderTable([...ACL_HEAD, 'status'], results.map(aclResultRow)))
    this.failIfAny({acls: results}, results, {what: 'ACLs', name: (r) => bindingText(r), error: (r) => r.error})
    return {acls: results}
  }
}
