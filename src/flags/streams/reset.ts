import {Flags} from '@oclif/core'
import {usageError} from '../../cli/errors.js'
import {hasResetScenario, resetScenarioFlags} from '../groups/reset-offsets.js'
import {commaList} from '../shared.js'

const topicList = (description: string) => Flags.string({multiple: true, helpValue: 'T[,T]', description})

/** kfk streams reset: kafka-streams-application-reset's spellings; one reset target at most (--to-*). */
export const streamsResetFlags = {
  'application-id': Flags.string({helpValue: 'ID', description: 'The application.id (kafka-streams-application-reset spelling).'}),
  'input-topics': topicList('Input topics to reset (comma-separated or repeated).'),
  'intermediate-topics': topicList('Topics the application writes and reads back: set to their end.'),
  'internal-topics': topicList('Only these internal topics are deleted (default: all of the application).'),
  ...resetScenarioFlags('exclusive'),
  'dry-run': Flags.boolean({exclusive: ['execute'], description: 'Only show the plan (the default).'}),
  execute: Flags.boolean({exclusive: ['dry-run'], description: 'Commit the offsets and delete the internal topics.'}),
  yes: Flags.boolean({char: 'y', description: 'Do not ask for confirmation on a terminal.'}),
}

/** The application id: the argument or --application-id, given once. */
export function applicationIdOf(arg: string | undefined, flag: string | undefined): string {
  if (arg && flag && arg !== flag)
    throw usageError('give the application id once (argument or --application-id)', 'See: kfk streams reset --help')
  const applicationId = arg ?? flag
  if (!applicationId) throw usageError('no application id given', 'Name it: kfk streams reset APPLICATION_ID')
  return applicationId
}

/** The reset target: the --to-* given, else the log start (as kafka-streams-application-reset). */
export function resetTarget<F extends Record<string, unknown> & {'to-earliest'?: boolean}>(f: F) {
  return {...f, 'to-earliest': !hasResetScenario(f) || f['to-earliest']}
}

/** The topic lists, comma-separated or repeated; undefined where not given (the plan picks them). */
export function streamsResetTopics(f: {'input-topics'?: string[]; 'intermediate-topics'?: string[]; 'internal-topics'?: string[]}) {
  return {
    inputTopics: commaList(f['input-topics']),
    intermediateTopics: commaList(f['intermediate-topics']),
    internalTopics: commaList(f['internal-topics']),
  }
}
