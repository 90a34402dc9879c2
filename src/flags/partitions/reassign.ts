import {Flags} from '@oclif/core'
import {readFile} from 'node:fs/promises'
import {usageError} from '../../cli/errors.js'
import {parseAssignmentJson, parseTopicsToMoveJson, type PartitionAssignment} from '../../core/partitions/reassign-plan.js'

export const ACTIONS = ['generate', 'execute', 'verify', 'cancel', 'list'] as const
export type ReassignAction = (typeof ACTIONS)[number]

/** kfk partitions reassign's help: what the actions do, and a command line of each. */
export const reassignHelp = {
  description:
    "The plan is kafka-reassign-partitions' JSON, readable by either tool. --execute shows what moves where and how many bytes " +
    'before it starts (and asks on a terminal); --verify says how far each move is and removes the throttles once all are done.',
  examples: [
    '<%= config.bin %> partitions reassign --generate --topic orders --broker-list 1,2 > plan.txt',
    '<%= config.bin %> partitions reassign --execute --reassignment-json-file plan.json --throttle 10000000',
    '<%= config.bin %> partitions reassign --verify --reassignment-json-file plan.json --watch 5',
    '<%= config.bin %> partitions reassign --list',
    '<%= config.bin %> partitions reassign --cancel --reassignment-json-file plan.json',
  ],
}

/** kafka-reassign-partitions' options: one action flag, and what each action reads. */
export const reassignFlags = {
  generate: Flags.boolean({
    description: 'Propose an assignment of the topics over --broker-list (prints the current one too, for rollback).',
  }),
  execute: Flags.boolean({description: 'Start the moves of --reassignment-json-file (shows the plan first; asks on a terminal).'}),
  verify: Flags.boolean({description: 'Say how far each move of --reassignment-json-file is, and clear the throttles when all are done.'}),
  cancel: Flags.boolean({description: 'Stop the moves of --reassignment-json-file that still run; their replicas go back.'}),
  list: Flags.boolean({description: 'List every reassignment in progress.'}),
  'topics-to-move-json-file': Flags.string({helpValue: 'FILE', description: 'For --generate: {"topics":[{"topic":"t"}],"version":1}.'}),
  topic: Flags.string({multiple: true, description: 'For --generate: a topic to move (repeatable), instead of the JSON file.'}),
  'broker-list': Flags.string({helpValue: 'ID,ID', description: 'For --generate: the brokers to place the replicas on.'}),
  'disable-rack-aware': Flags.boolean({description: 'For --generate: place replicas without regard to racks.'}),
  'reassignment-json-file': Flags.string({
    helpValue: 'FILE',
    description: 'The plan: {"version":1,"partitions":[{"topic","partition","replicas","log_dirs"}]} (kafka-reassign-partitions\' format).',
  }),
  throttle: Flags.integer({
    min: 0,
    helpValue: 'B/s',
    description: 'For --execute: limit replication of the moving replicas to this many bytes a second per broker.',
  }),
  'replica-alter-log-dirs-throttle': Flags.integer({
    min: 0,
    helpValue: 'B/s',
    description: 'For --execute: the limit for moves between log dirs on one broker (kfk moves between brokers only).',
  }),
  additional: Flags.boolean({description: 'For --execute: start this beside reassignments already running (or change their throttle).'}),
  'preserve-throttles': Flags.boolean({description: 'For --verify and --cancel: keep the throttles.'}),
  watch: Flags.integer({
    min: 1,
    helpValue: 'SECONDS',
    description: 'For --verify: check again every SECONDS until every move is done, showing bytes copied.',
  }),
  yes: Flags.boolean({char: 'y', description: 'Do not ask before --execute on a terminal.'}),
}

const ONLY: Record<string, readonly ReassignAction[]> = {
  'topics-to-move-json-file': ['generate'],
  topic: ['generate'],
  'broker-list': ['generate'],
  'disable-rack-aware': ['generate'],
  'reassignment-json-file': ['execute', 'verify', 'cancel'],
  throttle: ['execute'],
  'replica-alter-log-dirs-throttle': ['execute'],
  additional: ['execute'],
  'preserve-throttles': ['verify', 'cancel'],
  watch: ['verify'],
}

/** Exactly one action, and only the options it takes. */
export function reassignAction(f: Record<string, unknown>): ReassignAction {
  const chosen = ACTIONS.filter((a) => f[a])
  if (chosen.length !== 1)
    throw usageError(
      chosen.length === 0 ? 'no action given' : `only one action at a time, not --${chosen.join(' and --')}`,
      'Give one of --generate, --execute, --verify, --cancel, --list.',
    )
  const action = chosen[0]!
  for (const [flag, actions] of Object.entries(ONLY))
    if (f[flag] !== undefined && f[flag] !== false && !actions.includes(action))
      throw usageError(`--${flag} does not go with --${action}`, `It is for --${actions.join(', --')}.`)
  return action
}

async function readFlagFile(flag: string, path: string): Promise<string> {
  return readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw usageError(`--${flag} ${path} cannot be read (${error.code ?? error.message})`)
  })
}

/** The plan of --execute, --verify and --cancel. */
export async function readPlan(f: {'reassignment-json-file'?: string}, action: ReassignAction): Promise<PartitionAssignment[]> {
  const path = f['reassignment-json-file']
  if (!path) throw usageError(`--${action} needs --reassignment-json-file FILE`, 'Make one with --generate, or write it by hand.')
  return parseAssignmentJson(await readFlagFile('reassignment-json-file', path), path)
}

/** The topics and brokers of --generate. */
export async function generateArgs(f: {'topics-to-move-json-file'?: string; topic?: string[]; 'broker-list'?: string}): Promise<{
  topics: string[]
  brokers: number[]
}> {
  const file = f['topics-to-move-json-file']
  const topics = [...(file ? parseTopicsToMoveJson(await readFlagFile('topics-to-move-json-file', file), file) : []), ...(f.topic ?? [])]
  if (topics.length === 0) throw usageError('--generate needs topics', 'Give --topics-to-move-json-file FILE or --topic TOPIC.')
  if (!f['broker-list']) throw usageError('--generate needs --broker-list', 'For example: --broker-list 1,2,3')
  const brokers = f['broker-list'].split(',').map((b) => {
    if (!/^\s*\d+\s*$/.test(b)) throw usageError(`--broker-list: '${b}' is not a broker id`, 'For example: --broker-list 1,2,3')
    return Number(b)
  })
  const twice = brokers.find((b, i) => brokers.indexOf(b) !== i)
  if (twice !== undefined) throw usageError(`--broker-list names broker ${twice} twice`)
  return {topics: [...new Set(topics)], brokers}
}
