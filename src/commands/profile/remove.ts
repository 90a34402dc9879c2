import {Args} from '@oclif/core'
import {BaseCommand} from '../../cli/base-command.js'
import {loadProfiles, requireProfile, saveProfiles} from '../../config/profiles.js'

export default class ProfileRemove extends BaseCommand<typeof ProfileRemove> {
  static override summary = 'Delete a profile (files it names, such as a CA or password file, are left alone).'
  static override examples = ['<%= config.bin %> profile remove old-cluster']
  static override args = {name: Args.string({required: true, description: 'Profile name.'})}

  async run(): Promise<{removed: string; active: string | null}> {
    const {file, warning} = await loadProfiles()
    if (warning) this.warnLine(warning)
    requireProfile(file, this.args.name)
    delete file.profiles[this.args.name]
    if (file.active === this.args.name) {
      file.active = undefined
      this.note(`removed the active profile "${this.args.name}"; choose another with: kfk profile use NAME`)
    } else this.note(`removed profile "${this.args.name}"`)
    await saveProfiles(file)
    return {removed: this.args.name, active: file.active ?? null}
  }
}
