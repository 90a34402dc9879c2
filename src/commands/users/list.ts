import {KafkaCommand} from '../../cli/base-command.js'
import {listScramUsers, type ScramUser} from '../../core/users/scram.js'
import {renderTable} from '../../output/table.js'
import {SCRAM_HEAD, scramRows} from '../../output/views/users.js'

export default class UsersList extends KafkaCommand<typeof UsersList> {
  static override summary = 'List the SCRAM users of the cluster with their mechanisms and iterations.'
  static override examples = ['<%= config.bin %> users list', '<%= config.bin %> users list --json']

  async run(): Promise<{users: ScramUser[]}> {
    const users = await listScramUsers(await this.client())
    if (users.length === 0) this.note('no SCRAM users')
    else this.out(renderTable(SCRAM_HEAD, scramRows(users)))
    return {users}
  }
}
