import {Flags} from '@oclif/core'
import {KafkaCommand} from '../../cli/base-command.js'
import {electLeaders, uncleanRisks, type ElectionOutcome, type ElectionType} from '../../core/partitions/elect-leaders.js'
import {electionFlags, electionTarget} from '../../flags/partitions/elect-leaders.js'
import {renderTable} from '../../output/table.js'
import {ELECTION_HEAD, electionRows, uncleanRiskLines} from '../../output/views/elections.js'
import {confirmDestructive} from '../../cli/prompts.js'

export default class PartitionsElectLeaders extends KafkaCommand<typeof PartitionsElectLeaders> {
  static override summary = 'Move partition leadership back to the preferred replicas, or elect unclean leaders (kafka-leader-election).'
  static override description =
    'Each partition is reported: elected, already led by the wanted replica, or the error. ' +
    'An unclean election can lose acknowledged records: it names them, asks twice on a terminal, and needs --yes without one.'
  static override examples = [
    '<%= config.bin %> partitions elect-leaders --all-topic-partitions',
    '<%= config.bin %> partitions elect-leaders --topic orders --partition 0 --partition 3',
    '<%= config.bin %> partitions elect-leaders --topic orders:0-5 --topic payments',
    '<%= config.bin %> partitions elect-leaders --election-type unclean --topic orders:2 --yes',
  ]
  static override flags = {
    ...electionFlags,
    yes: Flags.boolean({char: 'y', description: 'Do not ask before an unclean election on a terminal.'}),
  }

  async run(): Promise<{electionType: ElectionType; partitions: ElectionOutcome[]}> {
    const type = this.flags['election-type'].toLowerCase() as ElectionType
    const target = await electionTarget(this.flags)
    const client = await this.client()
    if (type === 'unclean') {
      const risks = await uncleanRisks(client, target)
      if (risks.length > 0) this.note(uncleanRiskLines(risks).join('\n'))
      const what = risks.length > 0 ? `elect unclean leaders for ${risks.length} leaderless partition(s)` : 'run an unclean election'
      const options = {yes: this.flags.yes, json: this.jsonEnabled()}
      await confirmDestructive(`${what} (acknowledged records can be lost)`, options)
      if (!this.flags.yes) await confirmDestructive('elect unclean leaders even so', options)
    }
    const partitions = await electLeaders(client, type, target)
    if (partitions.length === 0) this.note('no partition needed an election')
    else this.out(renderTable(ELECTION_HEAD, electionRows(partitions, type)))
    this.failIfAny({electionType: type, partitions}, partitions, {
      what: 'elections',
      name: (p) => `${p.topic}-${p.partition}`,
      error: (p) => p.error,
    })
    return {electionType: type, partitions}
  }
}
