import type {GroupListing} from '../../core/groups/model.js'
import {Flags} from '@oclif/core'
import {KafkaCommand} from '../../cli/base-command.js'
import {usageError} from '../../cli/errors.js'
import {commaList} from '../../flags/shared.js'
import {renderTable} from '../../output/table.js'
import {LIST_HEAD, listRows} from '../../output/views/groups.js'
import {listGroups} from '../../core/groups/groups.js'

const STATES = ['Stable', 'Empty', 'PreparingRebalance', 'CompletingRebalance', 'Assigning', 'Reconciling', 'Dead']
const TYPES = ['classic', 'consumer', 'share', 'streams']

/** Accepts kafka-consumer-groups.sh's comma lists and repeated flags alike, case-insensitively. */
function pick(values: string[] | undefined, valid: string[], what: string): string[] | undefined {
  if (!values || values.length === 0) return undefined
  return commaList(values).map((v) => {
    const found = valid.find((s) => s.toLowerCase() === v.toLowerCase())
    if (!found) throw usageError(`unknown group ${what} '${v}'`, `Valid ${what}s: ${valid.join(', ')}`)
    return found
  })
}

export default class GroupsList extends KafkaCommand<typeof GroupsList> {
  static override summary =
    'List every group: classic, consumer (KIP-848), share (KIP-932) and streams (KIP-1071), with type, state and protocol (kafka-groups).'
  static override examples = [
    '<%= config.bin %> groups list',
    '<%= config.bin %> groups list --state Stable,Empty --type consumer',
    '<%= config.bin %> groups list --share',
    '<%= config.bin %> groups list --json',
  ]
  static override flags = {
    state: Flags.string({multiple: true, helpValue: 'STATE[,STATE]', description: `Only groups in these states (${STATES.join(', ')}).`}),
    type: Flags.string({
      multiple: true,
      aliases: ['group-type'],
      helpValue: TYPES.join('|'),
      description: 'Only groups of these types (also --group-type, as kafka-groups).',
    }),
    consumer: Flags.boolean({description: 'Only consumer groups, classic and KIP-848 (what kafka-consumer-groups lists).'}),
    share: Flags.boolean({description: 'Only share groups.'}),
    streams: Flags.boolean({description: 'Only streams groups.'}),
    protocol: Flags.string({
      multiple: true,
      helpValue: 'PROTOCOL',
      description: 'Only groups of this protocol type (consumer, connect, share, streams ...).',
    }),
  }

  async run(): Promise<{groups: GroupListing[]}> {
    const f = this.flags
    const states = pick(f.state, STATES, 'state')
    const shorthand = [...(f.share ? ['share'] : []), ...(f.streams ? ['streams'] : [])]
    const types = pick([...(f.type ?? []), ...shorthand], TYPES, 'type')
    const groups = await listGroups(await this.client(), {states, types, protocols: f.protocol, consumersOnly: f.consumer})
    if (groups.length === 0) this.note('no groups' + (states || types || f.consumer || f.protocol ? ' match the filter' : ''))
    else this.out(renderTable(LIST_HEAD, listRows(groups)))
    return {groups}
  }
}
