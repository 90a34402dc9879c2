import {Flags} from '@oclif/core'
import {KafkaCommand} from '../../cli/base-command.js'
import {renderTable} from '../../output/table.js'
import {CONFIG_HEAD, configRows, entityLabel, QUOTA_HEAD, quotaConfigRows} from '../../output/views/configs.js'
import {describeConfigs, type EntityConfigs} from '../../core/configs/configs.js'
import {resolveConfigEntities} from '../../core/configs/entities.js'
import {describeQuotaConfigs, type QuotaConfigs} from '../../core/quotas/user-configs.js'
import {configEntityFlags, configTarget} from '../../flags/configs.js'

export default class ConfigsDescribe extends KafkaCommand<typeof ConfigsDescribe> {
  static override summary =
    'Show configs (kafka-configs --describe): of topics, brokers, broker loggers, groups, or the quotas of users, clients and ips.'
  static override description =
    'Without --all only what was set on the entity. For users, their quotas and SCRAM credentials (mechanism and iterations, never secrets); an entity type without a name means every entity of that type.'
  static override examples = [
    '<%= config.bin %> configs describe --entity-type topics --entity-name orders',
    '<%= config.bin %> configs describe --entity-type brokers --entity-name 1 --all',
    '<%= config.bin %> configs describe --broker-defaults',
    '<%= config.bin %> configs describe --entity-type users --entity-name alice',
    '<%= config.bin %> configs describe --user alice --client app',
    '<%= config.bin %> configs describe --entity-type clients',
  ]
  static override flags = {
    ...configEntityFlags,
    all: Flags.boolean({description: 'Every config with its source, not only overrides.'}),
  }

  async run(): Promise<{entities: EntityConfigs[]} | QuotaConfigs> {
    const target = configTarget(this.flags, 'describe')
    const client = await this.client()
    if (target.kind === 'quota') {
      const described = await describeQuotaConfigs(client, target.parts)
      const rows = quotaConfigRows(described)
      if (rows.length === 0) this.note('no quotas or credentials set')
      else this.out(renderTable(QUOTA_HEAD, rows))
      return described
    }
    const names = await resolveConfigEntities(client, target.type, target.names)
    const entities = await describeConfigs(client, target.type, names, {all: this.flags.all})
    for (const e of entities) {
      this.out(`${entityLabel(e)}:`)
      this.out(e.configs.length > 0 ? renderTable(CONFIG_HEAD, configRows(e.configs)) + '\n' : '  (no overrides)\n')
    }
    return {entities}
  }
}
