import {Help, type Hook} from '@oclif/core'
import {closest, javaToolCommand} from '../startup/suggest.js'
import {visible} from '../cli/errors.js'

/**
 * An unknown command: `kfk help [COMMAND]` shows help (as `--help` does);
 * anything else is one line naming what was typed, the closest command, and
 * exit 2.
 */
const hook: Hook<'command_not_found'> = async function (options) {
  const words = options.id.split(':')
  if (words[0] === 'help') {
    const asked = [...words.slice(1), ...(options.argv ?? [])]
    const id = asked.filter((a) => !a.startsWith('-')).join(':')
    const known = [...options.config.commandIDs, ...options.config.topics.map((t) => t.name)]
    if (id === '' || known.includes(id)) {
      await new Help(options.config).showHelp(asked)
      return
    }
    const typed = id.replaceAll(':', ' ')
    const suggestion =
      javaToolCommand(typed) ??
      closest(
        typed,
        known.map((k) => k.replaceAll(':', ' ')),
      )
    process.stderr.write(`error: kfk has no command '${typed}' to show help for\n`)
    process.stderr.write(`hint: ${suggestion ? `did you mean \`kfk help ${suggestion}\`? ` : ''}See: kfk --help\n`)
    process.exitCode = 2
    return
  }
  // kafka-*.sh habits: `kfk consumer-groups --describe ...`, `kfk kafka-topics.sh --list`.
  const java = options.config.topics.some((t) => t.name === words[0]) ? undefined : javaToolCommand(words[0]!)
  if (java) {
    process.stderr.write(`error: kfk has no command '${words[0]}'; its job is \`kfk ${java}\`\n`)
    process.stderr.write(`hint: The Java tools' flags work there too: kfk ${java} ${(options.argv ?? []).join(' ')}`.trimEnd() + '\n')
    process.exitCode = 2
    return
  }
  // A command given an argument it does not take (`kfk perf produce orders`): oclif joins the argument
  // into the id ("perf:produce:orders") and lands here; name the argument, not the command.
  for (let i = words.length - 1; i > 0; i--) {
    const command = words.slice(0, i).join(':')
    if (!options.config.commandIDs.includes(command)) continue
    process.stderr.write(`error: kfk ${words.slice(0, i).join(' ')} takes no argument '${words[i]}'\n`)
    process.stderr.write(`hint: See: kfk ${words.slice(0, i).join(' ')} --help\n`)
    process.exitCode = 2
    return
  }
  // oclif joins the arguments into the id ("produc:t"): what was mistyped is the first word, or the
  // second after a known topic ("topics lst").
  const topics = options.config.topics.map((t) => t.name)
  const typed = words.slice(0, topics.includes(words[0]!) ? 2 : 1).join(' ')
  const ids = [...options.config.commandIDs, ...topics].map((id) => id.replaceAll(':', ' '))
  const suggestion = closest(typed, ids)
  process.stderr.write(`error: unknown command '${visible(typed)}'\n`)
  process.stderr.write(`hint: ${suggestion ? `did you mean \`kfk ${suggestion}\`? ` : ''}See: kfk --help\n`)
  process.exitCode = 2
}

export default hook
