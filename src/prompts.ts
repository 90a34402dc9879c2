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

export async function confirm(message: string, defaultValue = false): Promise<boolean> {
  const prompt = await prompter()
  const {ok} = await prompt<{ok: boolean}>([{type: 'confirm', name: 'ok', message, default: defaultValue}])
  return ok
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
    {type: 'select', name: 'cleanup', message: 'cleanup.policy', choices: [{value: 'delete'}, {value: 'compact'}, {value: 'compact,delete'}], default: 'delete'},
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
