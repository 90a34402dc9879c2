import {Args} from '@oclif/core'
import {KafkaCommand} from '../../cli/base-command.js'
import {usageError} from '../../cli/errors.js'
import {describeScramUsers, type ScramUser} from '../../core/users/scram.js'
import {renderTable} from '../../output/table.js'
import {SCRAM_HEAD, scramRows} from '../../output/views/users.js'

export default class UsersDescribe extends KafkaCommand<typeof UsersDescribe> {
  static override summary = 'Show the SCRAM credentials (mechanism, iterations) of some users.'
  static override examples = ['<%= config.bin %> users describe alice bob']
  static override strict = false
  static override args = {user: Args.string({description: 'User name(s).'})}

  async run(): Promise<{users: ScramUser[]}> {
    const names = [...new Set(this.positionals)]
    if (names.length === 0)
      throw usageError('no user given', 'Name the users: kfk users describe USER..., or list them all: kfk users list')
    const users = await describeScramUsers(await this.client(), names)
    this.out(renderTable(SCRAM_HEAD, scramRows(users)))
    this.failIfAny({users}, users, {
      what: 'users',
      name: (u) => `'${u.user}'`,
      error: (u) => u.error,
      hint: () => 'Create one with: kfk users set-password USER',
    })
    return {users}
  }
}
