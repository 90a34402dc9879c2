import {KafkaCommand} from '../../cli/base-command.js'
import {describeFeatures, type FeatureState} from '../../core/features/features.js'
import {renderTable} from '../../output/table.js'
import {FEATURES_HEAD, featureRows} from '../../output/views/features.js'

export default class FeaturesDescribe extends KafkaCommand<typeof FeaturesDescribe> {
  static override summary =
    'Show each feature flag: the levels the brokers support and the level the cluster has finalized (kafka-features describe).'
  static override examples = ['<%= config.bin %> features describe', '<%= config.bin %> features describe --json']

  async run(): Promise<{features: FeatureState[]}> {
    const features = await describeFeatures(await this.client())
    this.out(renderTable(FEATURES_HEAD, featureRows(features)))
    return {features}
  }
}
