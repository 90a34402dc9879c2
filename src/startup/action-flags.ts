/**
 * The Java tools' action-flag style: `kfk topics --list`, `kfk topics
 * --describe --topic T`, `kfk groups --reset-offsets ...` run the matching
 * subcommand, as kafka-topics.sh, kafka-configs.sh, kafka-consumer-groups.sh
 * and kafka-acls.sh take them. A small argv rewrite before oclif sees it.
 */
import {closest} from './suggest.js'

const ACTIONS: Record<string, Record<string, string>> = {
  topics: {'--list': 'list', '--describe': 'describe', '--create': 'create', '--delete': 'delete', '--alter': 'alter'},
  configs: {'--describe': 'describe', '--alter': 'alter'},
  groups: {
    '--list': 'list',
    '--describe': 'describe',
    '--reset-offsets': 'reset-offsets',
    '--delete': 'delete',
    '--delete-offsets': 'delete-offsets',
  },
  acls: {'--list': 'list', '--add': 'add', '--remove': 'remove'},
}

/** `[topic, ..., --action, ...]` -> `[topic, action, ...]` when the topic takes action flags and no subcommand was named. */
export function rewriteActionFlags(argv: readonly string[]): string[] {
  const [topic, next] = argv
  const actions = topic === undefined ? undefined : ACTIONS[topic]
  if (!actions || next === undefined || !next.startsWith('-')) return [...argv]
  const at = argv.findIndex((a, i) => i > 0 && a in actions)
  if (at < 0) return [...argv]
  return [topic!, actions[argv[at]!]!, ...argv.slice(1, at), ...argv.slice(at + 1)]
}

/**
 * `kfk topics --lsit`, `kfk groups --describ --group g`, `kfk topics -b host`: flags after a topic
 * that takes action flags, none of them an action (nor help). oclif would print the topic's help and
 * exit 0, so a script's typo would pass as success; this is the usage error to print instead.
 */
export function missingAction(argv: readonly string[]): {message: string; hint: string} | undefined {
  const [topic, next] = argv
  const actions = topic === undefined ? undefined : ACTIONS[topic]
  if (!actions || next === undefined || !next.startsWith('-')) return undefined
  const subcommands = Object.values(actions)
  if (argv.some((a, i) => i > 0 && (a in actions || a === '--help' || a === '-h' || subcommands.includes(a)))) return undefined
  const names = Object.keys(actions)
  const typed = argv.slice(1).filter((a) => a.startsWith('-') && !a.includes('='))
  for (const flag of typed) {
    const guess = closest(flag, names)
    if (guess)
      return {
        message: `unknown flag '${flag}' for kfk ${topic}`,
        hint: `Did you mean ${guess} (kfk ${topic} ${actions[guess]})? See: kfk ${topic} --help`,
      }
  }
  return {
    message: `kfk ${topic} needs an action: ${names.join(', ')} (or a subcommand)`,
    hint: `For example: kfk ${topic} ${names[0]} ... See: kfk ${topic} --help`,
  }
}
