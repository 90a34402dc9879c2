import {KafkaCommand} from '../../cli/base-command.js'
import {brokerApiVersions, type BrokerApiVersions} from '../../core/brokers/api-versions.js'
import {renderTable} from '../../output/table.js'
import {apiVersionsTable} from '../../output/views/cluster.js'

export default class ClusterApiVersions extends KafkaCommand<typeof ClusterApiVersions> {
  static override summary =
    'Show, per broker, the version range of every Kafka API it supports, the client APIs it lacks, and which APIs kfk sends (kafka-broker-api-versions).'
  static override examples = ['<%= config.bin %> cluster api-versions', '<%= config.bin %> cluster api-versions --json']

  async run(): Promise<{brokers: BrokerApiVersions[]}> {
    const brokers = await brokerApiVersions(await this.client())
    const {head, rows} = apiVersionsTable(brokers)
    this.out(renderTable(head, rows))
    this.failIfAny({brokers}, brokers, {what: 'brokers', name: (b) => `broker ${b.id}`, error: (b) => b.error})
    return {brokers}
  }
}
