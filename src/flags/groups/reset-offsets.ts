import {Flags} from '@oclif/core'

const SCENARIOS = ['to-earliest', 'to-latest', 'to-current', 'to-offset', 'to-datetime', 'by-duration', 'shift-by', 'from-file']

/** Whether parsed flags name a reset target. */
export function hasResetScenario(flags: Record<string, unknown>): boolean {
  return SCENARIOS.some((k) => flags[k] !== undefined && flags[k] !== false)
}

/** kfk groups reset-offsets: kafka-consumer-groups.sh --reset-offsets' spellings; exactly one scenario. */
export const resetOffsetsFlags = {
  group: Flags.string({helpValue: 'GROUP', description: 'The group (kafka-consumer-groups.sh spelling).'}),
  topic: Flags.string({
    multiple: true,
    aliases: ['input-topic'],
    helpValue: 'T[:P,P]',
    exclusive: ['all-topics'],
    description: 'Topic to reset, optionally only some partitions (repeatable; --input-topic as kafka-streams-groups spells it).',
  }),
  'all-topics': Flags.boolean({
    aliases: ['all-input-topics'],
    exclusive: ['topic'],
    description: "Every partition the group has committed offsets for (a streams group: its topology's input topics).",
  }),
  ...resetScenarioFlags('exactlyOne'),
  'dry-run': Flags.boolean({exclusive: ['execute'], description: 'Only show the plan (the default).'}),
  execute: Flags.boolean({exclusive: ['dry-run'], description: 'Commit the new offsets.'}),
  export: Flags.boolean({description: 'Print the plan as CSV (kafka-consumer-groups.sh format) instead of a table.'}),
  yes: Flags.boolean({char: 'y', description: 'Do not ask for confirmation on a terminal.'}),
  'allow-new-topics': Flags.boolean({description: 'Allow topics the group has never committed offsets for.'}),
}

/**
 * The reset targets (--to-earliest ... --from-file): exactly one of them
 * (groups reset-offsets), or at most one where a default applies ('exclusive').
 */
export function resetScenarioFlags(mode: 'exactlyOne' | 'exclusive') {
  const rule = (name: string) => (mode === 'exactlyOne' ? {exactlyOne: SCENARIOS} : {exclusive: SCENARIOS.filter((s) => s !== name)})
  return {
    'to-earliest': Flags.boolean({...rule('to-earliest'), description: 'To the log start offset.'}),
    'to-latest': Flags.boolean({...rule('to-latest'), description: 'To the log end offset.'}),
    'to-current': Flags.boolean({...rule('to-current'), description: 'To the committed offset (log end where none).'}),
    'to-offset': Flags.integer({...rule('to-offset'), min: 0, helpValue: 'N', description: 'To offset N (clamped into the log).'}),
    'to-datetime': Flags.string({
      ...rule('to-datetime'),
      helpValue: 'YYYY-MM-DDTHH:mm:SS.sss',
      description: 'To the first offset at or after that time (UTC unless a zone is given).',
    }),
    'by-duration': Flags.string({
      ...rule('by-duration'),
      helpValue: 'PnDTnHnMnS',
      description: 'To the first offset at or after now minus the duration.',
    }),
    'shift-by': Flags.integer({
      ...rule('shift-by'),
      helpValue: '±N',
      description: 'Move the committed offset by N (clamped into the log).',
    }),
    'from-file': Flags.string({
      ...rule('from-file'),
      helpValue: 'CSV',
      description: 'To the offsets in a CSV written by --export (topic,partition,offset).',
    }),
  }
}
