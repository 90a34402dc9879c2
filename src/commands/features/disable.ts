import {Flags} from '@oclif/core'
import {KafkaCommand} from '../../cli/base-command.js'
import {updateFeatures, type FeatureChange} from '../../core/features/features.js'
import {usageError} from '../../cli/errors.js'
import {changeLines} from '../../output/views/features.js'
import {confirmDestructive} from '../../cli/prompts.js'

export default class FeaturesDisable extends KafkaCommand<typeof FeaturesDisable> {
  static override summary = 'Disable feature flags: the same as downgrading them to level 0 (kafka-features disable).'
  static override examples = ['<%= config.bin %> features disable --feature eligible.leader.replicas.version']
  static override flags = {
    feature: Flags.string({multiple: true, required: true, helpValue: 'NAME', description: 'A feature to disable (repeatable).'}),
    unsafe: Flags.boolean({description: 'Disable even where the controller must drop metadata that needs the feature.'}),
    'dry-run': Flags.boolean({description: 'Ask the controller whether it would disable them, and change nothing.'}),
    yes: Flags.boolean({char: 'y', description: 'Do not ask for confirmation of an --unsafe disable on a terminal.'}),
  }

  async run(): Promise<{dryRun: boolean; changes: FeatureChange[]}> {
    const dryRun = Boolean(this.flags['dry-run'])
    const names = this.flags.feature
    const twice = names.find((n, i) => names.indexOf(n) !== i)
    if (twice) throw usageError(`feature ${twice} is given more than once`)
    const upgradeType = this.flags.unsafe ? 'unsafe-downgrade' : 'safe-downgrade'
    if (this.flags.unsafe && !dryRun)
      await confirmDestructive(`disable ${names.join(', ')} unsafely: metadata that needs them is lost`, {
        yes: this.flags.yes,
        json: this.jsonEnabled(),
      })
    const changes = await updateFeatures(
      await this.client(),
      names.map((feature) => ({feature, level: 0, upgradeType})),
      {validateOnly: dryRun},
    )
    this.out(changeLines(changes, 'disable', dryRun).join('\n'))
    this.failIfAny({dryRun, changes}, changes, {what: 'feature changes', name: (c) => c.feature, error: (c) => c.error})
    return {dryRun, changes}
  }
}
