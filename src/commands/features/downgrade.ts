import {Flags} from '@oclif/core'
import {KafkaCommand} from '../../cli/base-command.js'
import {updateFeatures, type FeatureChange} from '../../core/features/features.js'
import {changeFlags, changesFrom} from '../../flags/features.js'
import {changeLines} from '../../output/views/features.js'
import {confirmDestructive} from '../../cli/prompts.js'

export default class FeaturesDowngrade extends KafkaCommand<typeof FeaturesDowngrade> {
  static override summary = 'Lower feature levels (kafka-features downgrade); lossless unless --unsafe.'
  static override examples = [
    '<%= config.bin %> features downgrade --feature transaction.version=1',
    '<%= config.bin %> features downgrade --release-version 4.0 --dry-run',
  ]
  static override flags = {
    ...changeFlags,
    unsafe: Flags.boolean({description: 'Downgrade even where the controller must drop metadata the lower level cannot hold.'}),
    yes: Flags.boolean({char: 'y', description: 'Do not ask for confirmation of an --unsafe downgrade on a terminal.'}),
  }

  async run(): Promise<{dryRun: boolean; changes: FeatureChange[]}> {
    const dryRun = Boolean(this.flags['dry-run'])
    const wanted = changesFrom(this.flags, this.flags.unsafe ? 'unsafe-downgrade' : 'safe-downgrade', 'downgrade')
    if (this.flags.unsafe && !dryRun)
      await confirmDestructive(
        `downgrade ${wanted.map((c) => `${c.feature} to ${c.level}`).join(', ')} unsafely: metadata the lower levels cannot hold is lost`,
        {yes: this.flags.yes, json: this.jsonEnabled()},
      )
    const changes = await updateFeatures(await this.client(), wanted, {validateOnly: dryRun})
    this.out(changeLines(changes, 'downgrade', dryRun).join('\n'))
    this.failIfAny({dryRun, changes}, changes, {what: 'feature downgrades', name: (c) => c.feature, error: (c) => c.error})
    return {dryRun, changes}
  }
}
