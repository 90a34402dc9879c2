/**
 * The Java tools' action-flag style: `kfk topics --list`, `kfk topics
 * --describe --topic T`, `kfk groups --reset-offsets ...` run the matching
 * subcommand, as kafka-topics.sh, kafka-configs.sh, kafka-consumer-groups.sh
 * and kafka-acls.sh take them. A small argv rewrite before oclif sees it.
 */
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
