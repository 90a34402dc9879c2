import {Args} from '@oclif/core'
import {BaseCommand} from '../../cli/base-command.js'
import {loadProfiles, requireProfile, saveProfiles} from '../../config/profiles.js'

export default class ProfileUse extends BaseCommand<typeof ProfileUse> {
  static override summary = 'Make a profile the active one (used when no -b/KAFKA_BOOTSTRAP_SERVERS/--profile is given).'
  static override examples = ['<%= config.bin %> profile use prod']
  static override args = {name: Args.string({required: true, description: 'Profile name.'})}

  async run(): Promise<{active: string; previous: string | null}> {
    const {file, warning} = await loadProfiles()
    if (warning) this.warnLine(warning)
    requireProfile(file, this.args.name)
    const previous = file.active ?? null
    file.active = this.args.name
    await saveProfiles(file)
    this.note(`active profile: ${this.args.name}`)
    return {active: this.args.name, previous}
  }
}
