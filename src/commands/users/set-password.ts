import {Args, Flags} from '@oclif/core'
import {KafkaCommand} from '../../cli/base-command.js'
import {checkIterations, setScramPassword, type ScramChange} from '../../core/users/scram.js'
import {mechanismFlag, mechanismsOf, newPassword, passwordFlags} from '../../flags/users.js'
import {renderTable} from '../../output/table.js'
import {CHANGE_HEAD, changeRows} from '../../output/views/users.js'

export default class UsersSetPassword extends KafkaCommand<typeof UsersSetPassword> {
  static override summary = 'Create a SCRAM user or change its password (kafka-configs --add-config SCRAM-SHA-256=[...]).'
  static override description =
    'The password comes from a prompt on a terminal, --password-file or --password-env, never the command line; only a salted credential reaches the brokers. Waits until every broker reports the credential (best effort: a new password with unchanged iterations looks the same from outside).'
  static override examples = [
    '<%= config.bin %> users set-password alice',
    '<%= config.bin %> users set-password app --mechanism SCRAM-SHA-512 --iterations 8192 --password-file app.pw',
  ]
  static override args = {user: Args.string({required: true, description: 'User name.'})}
  static override flags = {
    mechanism: mechanismFlag,
    iterations: Flags.integer({default: 8192, description: 'SCRAM iterations (4096-16384).'}),
    ...passwordFlags,
  }

  async run(): Promise<{changes: ScramChange[]}> {
    const iterations = checkIterations(this.flags.iterations)
    const mechanisms = mechanismsOf(this.flags.mechanism)
    const password = await newPassword(this.flags, this.args.user, this.jsonEnabled())
    const changes = await setScramPassword(await this.client(), {user: this.args.user, mechanisms, iterations, password})
    this.out(renderTable(CHANGE_HEAD, changeRows(changes)))
    this.failIfAny({changes}, changes, {what: 'credentials', name: (c) => `${c.user} ${c.mechanism}`, error: (c) => c.error})
    return {changes}
  }
}
