import {Flags} from '@oclif/core'
import {KafkaCommand} from '../../cli/base-command.js'
import {alterConfigs, type ConfigChangeResult} from '../../core/configs/configs.js'
import {resolveConfigEntities} from '../../core/configs/entities.js'
import {alterQuotaConfigs, type QuotaConfigChange} from '../../core/quotas/user-configs.js'
import {checkTopicConfigs, checkTopicName} from '../../core/topics/rules.js'
import {configChanges, configEntityFlags, configTarget} from '../../flags/configs.js'

export default class ConfigsAlter extends KafkaCommand<typeof ConfigsAlter> {
  static override summary =
    'Change configs incrementally (kafka-configs --alter): topics, brokers, broker loggers, groups, and the quotas of users, clients and ips.'
  static override description =
    'Only the named keys change. Quotas: producer_byte_rate, consumer_byte_rate, request_percentage, controller_mutation_rate (users, clients), connection_creation_rate (ips). SCRAM passwords are set with kfk users set-password, never on the command line; --delete-config SCRAM-SHA-256 deletes a credential.'
  static override examples = [
    '<%= config.bin %> configs alter --entity-type topics --entity-name orders --add-config retention.ms=3600000,cleanup.policy=compact',
    '<%= config.bin %> configs alter --entity-type topics --entity-name orders --delete-config retention.ms',
    '<%= config.bin %> configs alter --entity-type brokers --entity-default --add-config log.cleaner.threads=2',
    '<%= config.bin %> configs alter --entity-type users --entity-name alice --add-config producer_byte_rate=1048576',
    '<%= config.bin %> configs alter --user-defaults --add-config consumer_byte_rate=2097152',
    '<%= config.bin %> configs alter --broker-logger 1 --add-config kafka.server.ReplicaManager=DEBUG',
  ]
  static override flags = {
    ...configEntityFlags,
    'add-config': Flags.string({
      multiple: true,
      helpValue: 'k=v[,k=v]',
      description: 'Set configs; a list value goes in brackets: k=[a,b].',
    }),
    'delete-config': Flags.string({multiple: true, helpValue: 'k[,k]', description: 'Remove overrides (back to the default).'}),
    alter: Flags.boolean({hidden: true, description: 'kafka-configs spelling; implied.'}),
    'validate-only': Flags.boolean({description: 'Let the broker check the change without making it.'}),
  }

  async run(): Promise<{results: Array<ConfigChangeResult | QuotaConfigChange>}> {
    const f = this.flags
    const change = configChanges(f)
    const target = configTarget(f, 'alter')
    const client = await this.client()
    if (target.kind === 'quota') {
      const results = await alterQuotaConfigs(client, target.parts, change, f['validate-only'])
      this.outItems(
        results,
        (r) => (r.ok ? `${f['validate-only'] ? 'valid' : 'updated'} ${r.entity}` : `failed ${r.entity}: ${r.error}`),
        (r) => !r.ok,
      )
      this.failIfAny({results}, results, {what: 'changes', name: (r) => r.entity, error: (r) => (r.ok ? null : r.error)})
      return {results}
    }
    if (target.type === 'topics') {
      target.names.forEach(checkTopicName)
      checkTopicConfigs({...change.set, ...Object.fromEntries(change.del.map((k) => [k, null]))})
    }
    const names = await resolveConfigEntities(client, target.type, target.names)
    const changes = names.map((entityName) => ({entityType: target.type, entityName, set: change.set, delete: change.del}))
    const results = await alterConfigs(client, changes, {validateOnly: f['validate-only']})
    this.outItems(
      results,
      (r) => {
        const label = r.entityName === '' ? 'default broker config' : `${r.entityType.replace(/s$/, '')} ${r.entityName}`
        return r.ok ? `${f['validate-only'] ? 'valid' : 'updated'} ${label}` : `failed ${label}: ${r.error}`
      },
      (r) => !r.ok,
    )
    this.failIfAny({results}, results, {what: 'changes', name: (r) => r.entityName || 'the default', error: (r) => (r.ok ? null : r.error)})
    return {results}
  }
}
