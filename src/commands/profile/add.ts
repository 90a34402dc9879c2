import {resolve} from 'node:path'
import {Args, Flags} from '@oclif/core'
import {KafkaCommand} from '../../cli/base-command.js'
import {loadProfiles, saveProfiles, validateProfileName, type Profile} from '../../config/profiles.js'
import {readPropertiesFile} from '../../config/properties.js'
import {SASL_MECHANISMS, SECURITY_PROTOCOLS, securityFromProperties} from '../../config/security.js'
import {parseBrokers, securityFromFlags} from '../../config/settings.js'
import {usageError} from '../../cli/errors.js'
import {pickSecurityFlags} from '../../flags/shared.js'
import {maskProfile} from './show.js'

export default class ProfileAdd extends KafkaCommand<typeof ProfileAdd> {
  static override summary = 'Save a named connection profile (brokers, TLS, SASL).'
  static override description = `Settings come from the flags and from a Java client .properties file (--command-config; its security.protocol, sasl.*, ssl.* keys are imported). Give passwords by reference (--sasl-password-file, --sasl-password-env) rather than inline. The first profile becomes the active one. Profiles live in $XDG_CONFIG_HOME/kfk/profiles.yaml (KFK_CONFIG_DIR overrides), mode 0600.`
  static override examples = [
    '<%= config.bin %> profile add dev -b localhost:9092',
    '<%= config.bin %> profile add prod -b kafka-1:9093 --security-protocol SASL_SSL --sasl-mechanism SCRAM-SHA-512 --sasl-username alice --sasl-password-env PROD_PW --tls-ca ca.pem',
    '<%= config.bin %> profile add legacy --command-config client.properties',
  ]

  static override args = {name: Args.string({required: true, description: 'Profile name.'})}
  static override flags = {
    force: Flags.boolean({description: 'Replace a profile of that name.'}),
    use: Flags.boolean({description: 'Make it the active profile.'}),
  }

  async run(): Promise<{name: string; active: boolean; path: string; settings: Profile}> {
    const name = validateProfileName(this.args.name)
    const profile: Profile = {}
    const all = this.flags as Record<string, unknown>
    const configFile = all['command-config'] as string | undefined
    if (configFile) {
      const props = readPropertiesFile(configFile)
      for (const key of ['bootstrap.servers', 'client.id', 'request.timeout.ms']) if (props[key]) profile[key] = props[key]
      Object.assign(profile, securityFromProperties(props))
    }
    const f = pickSecurityFlags(all)
    if (all['bootstrap-server'] !== undefined) profile['bootstrap.servers'] = String(all['bootstrap-server'])
    // A password source given now replaces whichever the properties file named.
    if (f['sasl-password-file'] || f['sasl-password-env'])
      for (const k of ['sasl.password', 'sasl.password.file', 'sasl.password.env']) delete profile[k]
    Object.assign(profile, securityFromFlags(f))
    // Files are stored by absolute path: the profile is used from any directory.
    for (const key of ['sasl.password.file', 'ssl.ca.location', 'ssl.certificate.location', 'ssl.key.location'])
      if (profile[key]) profile[key] = resolve(profile[key])
    if (!profile['bootstrap.servers'])
      throw usageError(`profile "${name}" needs brokers`, 'Give -b host:port[,host:port] (or bootstrap.servers in --command-config).')
    parseBrokers(profile['bootstrap.servers'], 'bootstrap.servers')
    checkChoice(profile, 'security.protocol', SECURITY_PROTOCOLS)
    checkChoice(profile, 'sasl.mechanism', SASL_MECHANISMS)
    if (profile['sasl.password'])
      this.warnLine(`profile "${name}" stores a password in the profiles file; prefer --sasl-password-file or --sasl-password-env.`)

    const {file, warning} = await loadProfiles()
    if (warning) this.warnLine(warning)
    if (file.profiles[name] && !this.flags.force)
      throw usageError(`profile "${name}" already exists`, `Replace it with --force, or remove it first: kfk profile remove ${name}`)
    file.profiles[name] = profile
    if (this.flags.use || !file.active || !file.profiles[file.active]) file.active = name
    const path = await saveProfiles(file)
    this.note(`profile "${name}" saved in ${path}${file.active === name ? ' (active)' : ''}`)
    return {name, active: file.active === name, path, settings: maskProfile(profile)}
  }
}

function checkChoice(profile: Profile, key: string, choices: readonly string[]): void {
  const value = profile[key]
  if (value === undefined) return
  const upper = value.toUpperCase()
  if (!choices.includes(upper)) throw usageError(`${key} "${value}" is not supported`, `Use one of ${choices.join(', ')}.`)
  profile[key] = upper
}
