import {KfkError, usageError} from './errors.js'

/**
 * The one place that imports inquirer (lazily: only a terminal session that
 * actually asks pays for it). Callers decide whether prompting is allowed.
 */
export function canPrompt(json: boolean): boolean {
  return !json && Boolean(process.stdin.isTTY) && Boolean(process.stderr.isTTY)
}

/** inquirer's prompt, drawing on stderr so stdout stays data only. */
async function prompter() {
  const {default: inquirer} = await import('inquirer')
  return inquirer.createPromptModule({output: process.stderr})
}

/**
 * The one confirmation policy of every destructive command (topics delete,
 * groups delete, groups reset-offsets --execute, records delete, apply):
 * --yes goes ahead; on a terminal (and without --json) the user is asked,
 * default no; without a terminal nothing is changed and it is a usage error
 * naming what was refused. A "no" is a failure too (exit 1): the operation
 * did not happen.
 */
export async function confirmDestructive(action: string, o: {yes: boolean; json: boolean}): Promise<void> {
  if (o.yes) return
  if (!canPrompt(o.json))
    throw usageError(`refusing to ${action} without --yes (no terminal to ask on); nothing was changed`, 'Add --yes to confirm.')
  if (!(await askYesNo(`${action[0]!.toUpperCase()}${action.slice(1)}?`))) throw new KfkError('cancelled; nothing was changed')
}

/** A yes/no question on stderr, default no: "[y/N]". */
async function askYesNo(question: string): Promise<boolean> {
  const {createInterface} = await import('node:readline/promises')
  const rl = createInterface({input: process.stdin, output: process.stderr})
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim())
  } finally {
    rl.close()
  }
}

/** A new password, typed twice without echo (stderr); the two must match. */
export async function askNewPassword(what: string): Promise<string> {
  const prompt = await prompter()
  const {first} = await prompt<{first: string}>([{type: 'password', name: 'first', mask: '*', message: `New password for ${what}`}])
  const {second} = await prompt<{second: string}>([{type: 'password', name: 'second', mask: '*', message: 'Again'}])
  if (first !== second) throw new KfkError('the two passwords differ; nothing was changed')
  return first
}

export interface TopicAnswers {
  name: string
  partitions: number
  replicationFactor: number
  configs: Record<string, string>
}

/** Asks for a new topic's name, partitions, replication factor and common configs. */
export async function askNewTopic(brokerCount: number, validateName: (name: string) => string | null): Promise<TopicAnswers> {
  const prompt = await prompter()
  const answers = await prompt<{name: string; partitions: number; replicationFactor: number; cleanup: string; retention: string}>([
    {type: 'input', name: 'name', message: 'Topic name', validate: (v: string) => validateName(v.trim()) ?? true},
    {type: 'number', name: 'partitions', message: 'Partitions', default: 1, min: 1, required: true},
    {
      type: 'select',
      name: 'replicationFactor',
      message: `Replication factor (${brokerCount} broker${brokerCount === 1 ? '' : 's'})`,
      choices: Array.from({length: brokerCount}, (_, i) => ({value: i + 1, name: String(i + 1)})),
      default: Math.min(3, brokerCount),
    },
    {
      type: 'select',
      name: 'cleanup',
      message: 'cleanup.policy',
      choices: [{value: 'delete'}, {value: 'compact'}, {value: 'compact,delete'}],
      default: 'delete',
    },
    {
      type: 'select',
      name: 'retention',
      message: 'retention.ms',
      choices: [
        {value: '', name: 'broker default'},
        {value: '3600000', name: '1 hour'},
        {value: '86400000', name: '1 day'},
        {value: '604800000', name: '7 days'},
        {value: '-1', name: 'forever'},
      ],
      default: '',
    },
  ])
  const {cleanup, retention, partitions, replicationFactor, name} = answers
  const configs: Record<string, string> = {}
  if (cleanup !== 'delete') configs['cleanup.policy'] = cleanup
  if (retention !== '') configs['retention.ms'] = retention
  return {name: name.trim(), partitions: partitions ?? 1, replicationFactor, configs}
}
