import {Args, Flags} from '@oclif/core'
import {KafkaCommand} from '../../cli/base-command.js'
import {loadProfiles, requireProfile, type Profile} from '../../config/profiles.js'
import {displayValue} from '../../config/security.js'
import {usageError} from '../../cli/errors.js'
import {renderTable} from '../../output/table.js'

export interface ProfileShowJson {
  name: string | null
  active: boolean
  path: string
  /** Stored keys, secrets as ****. */
  settings?: Profile
  /** With --resolved: what a command would use, and where each value came from. */
  resolved?: Array<{key: string; value: string; source: string}>
}

export function maskProfile(profile: Profile): Profile {
  return Object.fromEntries(Object.entries(profile).map(([k, v]) => [k, displayValue(k, v)]))
}

export default class ProfileShow extends KafkaCommand<typeof ProfileShow> {
  static override summary = 'Show a profile (secrets masked), or with --resolved the settings a command would use.'
  static override examples = [
    '<%= config.bin %> profile show',
    '<%= config.bin %> profile show prod',
    '<%= config.bin %> profile show --resolved -b other:9092',
  ]

  static override args = {name: Args.string({description: 'Profile name (default: --profile, KFK_PROFILE, else the active one).'})}
  static override flags = {
    resolved: Flags.boolean({description: 'Resolve flags > environment > profile > defaults and show each value with its source.'}),
  }

  async run(): Promise<ProfileShowJson> {
    const {file, path, warning} = await loadProfiles()
    if (warning) this.warnLine(warning)
    if (this.flags.resolved) {
      const all = this.flags as Record<string, unknown>
      if (this.args.name) all.profile ??= this.args.name
      this.explainOnly = true
      const s = this.settings
      this.out(
        renderTable(
          ['SETTING', 'VALUE', 'SOURCE'],
          (s.resolved ?? []).map((r) => [r.key, r.value, r.source]),
        ),
      )
      if (s.profile) this.note(`profile: ${s.profile}`)
      return {name: s.profile ?? null, active: s.profile !== undefined && s.profile === file.active, path, resolved: s.resolved ?? []}
    }
    const name =
      this.args.name ??
      ((this.flags as Record<string, unknown>).profile as string | undefined) ??
      (process.env.KFK_PROFILE || undefined) ??
      file.active
    if (!name)
      throw usageError('there is no active profile', 'Name one (kfk profile show NAME), or create one: kfk profile add NAME -b HOST:PORT')
    const settings = maskProfile(requireProfile(file, name))
    this.out(renderTable(['SETTING', 'VALUE'], Object.entries(settings)))
    return {name, active: name === file.active, path, settings}
  }
}
