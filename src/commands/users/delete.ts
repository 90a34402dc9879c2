import {Args, Flags} from '@oclif/core'
import {KafkaCommand} from '../../cli/base-command.js'
import {deleteScramCredentials, describeScramUsers, type ScramChange, type ScramMechanism} from '../../core/users/scram.js'
import {KfkError} from '../../cli/errors.js'
import {mechanismFlag} from '../../flags/users.js'
import {renderTable} from '../../output/table.js'
import {CHANGE_HEAD, changeRows} from '../../output/views/users.js'
import {confirmDestructive} from '../../cli/prompts.js'

export default class UsersDelete extends KafkaCommand<typeof UsersDelete> {
  static override summary = "Delete a SCRAM user's credentials (all, or some mechanisms): it can no longer log in with them."
  static override examples = ['<%= config.bin %> users delete alice', '<%= config.bin %> users delete app --mechanism SCRAM-SHA-256 --yes']
  static override args = {user: Args.string({required: true, description: 'User name.'})}
  static override flags = {
    mechanism: mechanismFlag,
    yes: Flags.boolean({char: 'y', description: 'Do not ask for confirmation on a terminal.'}),
  }

  async run(): Promise<{changes: ScramChange[]}> {
    const client = await this.client()
    const [user] = await describeScramUsers(client, [this.args.user])
    if (!user || user.error)
      throw new KfkError(`user '${this.args.user}' has no SCRAM credentials`, {hint: 'See them with: kfk users list'})
    const has = user.credentials.map((c) => c.mechanism as ScramMechanism)
    const mechanisms = this.flags.mechanism?.length ? ([...new Set(this.flags.mechanism)] as ScramMechanism[]) : has
    const missing = mechanisms.filter((m) => !has.includes(m))
    if (missing.length > 0)
      throw new KfkError(`user '${user.user}' has no ${missing.join(', ')} credential`, {hint: `It has: ${has.join(', ')}.`})
    await confirmDestructive(`delete the ${mechanisms.join(', ')} credential(s) of user ${user.user}`, {
      yes: this.flags.yes,
      json: this.jsonEnabled(),
    })
    const changes = await deleteScramCredentials(client, user.user, mechanisms)
    this.out(renderTable(CHANGE_HEAD, changeRows(changes)))
    this.failIfAny({changes}, changes, {what: 'credentials', name: (c) => `${c.user} ${c.mechanism}`, error: (c) => c.error})
    return {changes}
  }
}
