import {BaseCommand} from '../../cli/base-command.js'
import {featureLevelsAt, LATEST_PRODUCTION_LEVEL, levelName, METADATA_VERSION} from '../../core/features/metadata-versions.js'
import {metadataLevelOf, releaseVersionFlag} from '../../flags/features.js'
import {mappingLines} from '../../output/views/features.js'

export default class FeaturesVersionMapping extends BaseCommand<typeof FeaturesVersionMapping> {
  static override summary = 'Show the feature levels a Kafka release stands for (kafka-features version-mapping); needs no cluster.'
  static override examples = [
    '<%= config.bin %> features version-mapping',
    '<%= config.bin %> features version-mapping --release-version 3.9',
  ]
  static override flags = {'release-version': releaseVersionFlag}

  async run(): Promise<{release: string; features: Array<{feature: string; level: number}>}> {
    const release = this.flags['release-version'] ?? levelName(METADATA_VERSION, LATEST_PRODUCTION_LEVEL)
    const features = featureLevelsAt(metadataLevelOf(release, '--release-version'))
    this.out(mappingLines(features, release).join('\n'))
    return {release, features}
  }
}
