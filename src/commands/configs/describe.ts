import {Flags} from '@oclif/core'
import {KafkaCommand} from '../../base-command.js'
import {usageError} from '../../errors.js'
import {renderTable} from '../../output/table.js'
import {CONFIG_HEAD, configRows, entityLabel} from '../../output/views/configs.js'
import {describeConfigs, type EntityConfigs} from '../../core/configs/configs.js'
import {topicsNotFound} from '../../core/partitions/not-found.js'
import {clusterMetadata} from '../../core/topics/topics.js'

export const entityTypeFlag = Flags.string({
  options: ['topics', 'brokers'],
  required: true,
  description: 'What to describe: topics or brokers (kafka-configs spelling).',
})

export default class ConfigsDescribe extends KafkaCommand<typeof ConfigsDescribe> {
  static override summary = 'Show topic or broker configs (kafka-configs --describe): overrides, or everything with --all.'
  static override examples = [
    '<%= config.bin %> configs describe --entity-type topics --entity-name orders',
    '<%= config.bin %> configs describe --entity-type brokers --entity-name 1 --all',
    '<%= config.bin %> configs describe --entity-type brokers --entity-default',
  ]
  static override flags = {
    'entity-type': entityTypeFlag,
    'entity-name': Flags.string({multiple: true, description: 'Topic name or broker id (repeatable; all topics/brokers when omitted).'}),
    'entity-default': Flags.boolean({description: 'The cluster-wide broker default (brokers only).'}),
    all: Flags.boolean({description: 'Every config with its source, not only overrides.'}),
  }

  async run(): Promise<{entities: EntityConfigs[]}> {
    const f = this.flags
    const type = f['entity-type'] as 'topics' | 'brokers'
    if (f['entity-default'] && type !== 'brokers') throw usageError('--entity-default applies to --entity-type brokers only')
    if (f['entity-default'] && f['entity-name']) throw usageError('give --entity-name or --entity-default, not both')
    const client = await this.client()
    let names = f['entity-default'] ? [''] : (f['entity-name'] ?? [])
    if (names.length === 0 || type === 'topics') {
      const meta = await clusterMetadata(client, type === 'topics' && names.length > 0 ? names : null)
      if (type === 'topics') {
        const missing = meta.topics.find((t) => t.errorCode !== 0)
        if (missing) throw topicsNotFound([missing.name])
        if (names.length === 0)
          names = meta.topics
            .filter((t) => !t.isInternal)
            .map((t) => t.name)
            .sort()
      } else names = meta.brokers.map((b) => String(b.nodeId)).sort()
    } else {
      const bad = names.find((n) => n !== '' && !/^\d+$/.test(n))
      if (bad !== undefined)
        throw usageError(`--entity-name '${bad}' is not a broker id`, 'Broker ids are numbers; see them with: kfk cluster describe')
    }
    const entities = await describeConfigs(client, type, names, {all: f.all})
    for (const e of entities) {
      this.out(`${entityLabel(e)}:`)
      this.out(e.configs.length > 0 ? renderTable(CONFIG_HEAD, configRows(e.configs)) + '\n' : '  (no overrides)\n')
    }
    return {entities}
  }
}
