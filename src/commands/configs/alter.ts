import {Flags} from '@oclif/core'
import {KafkaCommand} from '../../base-command.js'
import {usageError} from '../../errors.js'
import {entityTypeFlag} from './describe.js'
import {alterConfigs, type ConfigChangeResult} from '../../core/configs/configs.js'
import {topicsNotFound} from '../../core/partitions/not-found.js'
import {checkTopicConfigs, checkTopicName, parseConfigPairs} from '../../core/topics/rules.js'
import {clusterMetadata} from '../../core/topics/topics.js'

export default class ConfigsAlter extends KafkaCommand<typeof ConfigsAlter> {
  static override summary = 'Change topic or broker configs incrementally (kafka-configs --alter): only the named keys change.'
  static override examples = [
    '<%= config.bin %> configs alter --entity-type topics --entity-name orders --add-config retention.ms=3600000,cleanup.policy=compact',
    '<%= config.bin %> configs alter --entity-type topics --entity-name orders --delete-config retention.ms',
    '<%= config.bin %> configs alter --entity-type brokers --entity-default --add-config log.cleaner.threads=2',
  ]
  static override flags = {
    'entity-type': entityTypeFlag,
    'entity-name': Flags.string({multiple: true, description: 'Topic name or broker id (repeatable).'}),
    'entity-default': Flags.boolean({description: 'The cluster-wide broker default (brokers only).'}),
    'add-config': Flags.string({
      multiple: true,
      helpValue: 'k=v[,k=v]',
      description: 'Set configs; a list value goes in brackets: k=[a,b].',
    }),
    'delete-config': Flags.string({multiple: true, helpValue: 'k[,k]', description: 'Remove overrides (back to the default).'}),
    alter: Flags.boolean({hidden: true, description: 'kafka-configs spelling; implied.'}),
    'validate-only': Flags.boolean({description: 'Let the broker check the change without making it.'}),
  }

  async run(): Promise<{results: ConfigChangeResult[]}> {
    const f = this.flags
    const type = f['entity-type'] as 'topics' | 'brokers'
    if (f['entity-default'] && type !== 'brokers') throw usageError('--entity-default applies to --entity-type brokers only')
    const names = f['entity-default'] ? [''] : (f['entity-name'] ?? [])
    if (names.length === 0) throw usageError('no entity named', 'Give --entity-name NAME (or --entity-default for brokers).')
    const set = parseConfigPairs(f['add-config'] ?? [], {commaSeparated: true})
    const del = (f['delete-config'] ?? [])
      .flatMap((d) => d.split(','))
      .map((k) => k.trim())
      .filter(Boolean)
    if (Object.keys(set).length === 0 && del.length === 0)
      throw usageError('nothing to change', 'Give --add-config k=v or --delete-config k.')
    if (type === 'topics') {
      names.forEach(checkTopicName)
      checkTopicConfigs({...set, ...Object.fromEntries(del.map((k) => [k, null]))})
    } else {
      const bad = names.find((n) => n !== '' && !/^\d+$/.test(n))
      if (bad !== undefined) throw usageError(`--entity-name '${bad}' is not a broker id`)
    }
    const client = await this.client()
    if (type === 'topics') {
      const missing = (await clusterMetadata(client, names)).topics.find((t) => t.errorCode !== 0)
      if (missing) throw topicsNotFound([missing.name])
    }
    const results = await alterConfigs(
      client,
      names.map((entityName) => ({entityType: type, entityName, set, delete: del})),
      {validateOnly: f['validate-only']},
    )
    for (const r of results) {
      const label = r.entityName === '' ? 'default broker config' : `${type === 'topics' ? 'topic' : 'broker'} ${r.entityName}`
      this.out(r.ok ? `${f['validate-only'] ? 'valid' : 'updated'} ${label}` : `failed ${label}: ${r.error}`)
    }
    this.failIfAny({results}, results, {what: 'changes', name: (r) => r.entityName || 'the default', error: (r) => (r.ok ? null : r.error)})
    return {results}
  }
}
