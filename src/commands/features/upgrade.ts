import {KafkaCommand} from '../../cli/base-command.js'
import {updateFeatures, type FeatureChange} from '../../core/features/features.js'
import {changeFlags, changesFrom} from '../../flags/features.js'
import {changeLines} from '../../output/views/features.js'

export default class FeaturesUpgrade extends KafkaCommand<typeof FeaturesUpgrade> {
  static override summary = 'Raise feature levels: single features or all of a release (kafka-features upgrade).'
  static override examples = [
    '<%= config.bin %> features upgrade --release-version 4.1',
    '<%= config.bin %> features upgrade --feature group.version=1 --dry-run',
  ]
  static override flags = changeFlags

  async run(): Promise<{dryRun: boolean; changes: FeatureChange[]}> {
    const dryRun = Boolean(this.flags['dry-run'])
    const changes = await updateFeatures(await this.client(), changesFrom(this.flags, 'upgrade', 'upgrade'), {validateOnly: dryRun})
    this.out(changeLines(changes, 'upgrade', dryRun).join('\n'))
    this.failIfAny({dryRun, changes}, changes, {what: 'feature upgrades', name: (c) => c.feature, error: (c) => c.error})
    return {dryRun, changes}
  }
}
