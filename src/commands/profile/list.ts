import {BaseCommand} from '../../cli/base-command.js'
import {loadProfiles} from '../../config/profiles.js'
import {renderTable} from '../../output/table.js'

export interface ProfileListJson {
  active: string | null
  path: string
  profiles: Array<{
    name: string
    active: boolean
    bootstrapServers: string | null
    securityProtocol: string
    saslMechanism: string | null
    username: string | null
  }>
}

export default class ProfileList extends BaseCommand<typeof ProfileList> {
  static override summary = 'List connection profiles; the active one is marked *.'
  static override examples = ['<%= config.bin %> profile list', '<%= config.bin %> profile list --json']

  async run(): Promise<ProfileListJson> {
    const {file, path, warning} = await loadProfiles()
    if (warning) this.warnLine(warning)
    const profiles = Object.entries(file.profiles).map(([name, p]) => ({
      name,
      active: name === file.active,
      bootstrapServers: p['bootstrap.servers'] ?? null,
      securityProtocol: (
        p['security.protocol'] ?? (p['sasl.username'] ? 'SASL_PLAINTEXT' : p['ssl.ca.location'] ? 'SSL' : 'PLAINTEXT')
      ).toUpperCase(),
      saslMechanism: p['sasl.mechanism'] ?? null,
      username: p['sasl.username'] ?? null,
    }))
    if (profiles.length === 0) this.note(`no profiles yet (${path}); create one: kfk profile add NAME -b HOST:PORT`)
    else
      this.out(
        renderTable(
          ['', 'NAME', 'BROKERS', 'SECURITY', 'USER'],
          profiles.map((p) => [
            p.active ? '*' : '',
            p.name,
            p.bootstrapServers ?? '-',
            p.securityProtocol + (p.saslMechanism ? ` ${p.saslMechanism}` : ''),
            p.username ?? '-',
          ]),
        ),
      )
    return {active: file.active ?? null, path, profiles}
  }
}
