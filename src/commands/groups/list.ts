import {Flags} from '@oclif/core'
import {KafkaCommand} from '../../base-command.js'
import {usageError} from '../../errors.js'
import {renderTable} from '../../output/table.js'
import {LIST_HEAD, listRows} from '../../output/views/groups.js'
import {type GroupListing, listGroups} from '../../core/groups/groups.js'

const STATES = ['Stable', 'Empty', 'PreparingRebalance', 'CompletingRebalance', 'Assigning', 'Reconciling', 'Dead']
const TYPES = ['classic', 'consumer']

/** Accepts kafka-consumer-groups.sh's comma lists and repeated flags alike, case-insensitively. */
function pick(values: string[] | undefined, valid: string[], what: string): string[] | undefined {
  if (!values || values.length === 0) return undefined
  return values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean)
    .map((v) => {
      const found = valid.find((s) => s.toLowerCase() === v.toLowerCase())
      if (!found) throw usageError(`unknown group ${what} '${v}'`, `Valid ${what}s: ${valid.join(', ')}`)
      return found
    })
}

export default class GroupsList extends KafkaCommand<typeof GroupsList> {
  static override summary = 'List consumer groups (classic and KIP-848) with their type, state and protocol.'
  static override examples = [
    '<%= config.bin %> groups list',
    '<%= config.bin %> groups list --state Stable,Empty --type consumer',
    '<%= config.bin %> groups list --json',
  ]
  static override flags = {
    state: Flags.string({multiple: true, helpValue: 'STATE[,STATE]', description: `Only groups in these states (${STATES.join(', ')}).`}),
    type: Flags.string({multiple: true, helpValue: 'classic|consumer', description: 'Only groups of these types.'}),
  }

  async run(): Promise<{groups: GroupListing[]}> {
    const states = pick(this.flags.state, STATES, 'state')
    const types = pick(this.flags.type, TYPES, 'type')
    const groups = await listGroups(await this.client(), {states, types})
    if (groups.length === 0) this.note('no consumer groups' + (states || types ? ' match the filter' : ''))
    else this.out(renderTable(LIST_HEAD, listRows(groups)))
    return {groups}
  }
}
