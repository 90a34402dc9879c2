import {Help, type Command} from '@oclif/core'

/**
 * oclif's help, with a command's own flags first in its USAGE line: oclif
 * lists --json and the 17 global connection flags before them, burying what
 * the command is about (`kfk produce [TOPIC] [-t <value>] [-F <value>] ...`).
 * The FLAGS and GLOBAL FLAGS sections are grouped as before; --json says what
 * it prints (oclif's own text is "Format output as json.").
 */
export default class KfkHelp extends Help {
  protected override getCommandHelpClass(command: Command.Loadable) {
    return super.getCommandHelpClass({...command, flags: ownFlagsFirst(command.flags)})
  }
}

const JSON_HELP = "Print the command's result as one JSON document on stdout, and nothing else there (shapes: docs/json.md)."

function ownFlagsFirst(flags: Command.Loadable['flags']): Command.Loadable['flags'] {
  const entries = Object.entries(flags).map(([name, f]) => [name, name === 'json' ? {...f, description: JSON_HELP} : f] as const)
  const global = (f: (typeof entries)[number][1]) => f.helpGroup === 'GLOBAL'
  return Object.fromEntries([...entries.filter(([, f]) => !global(f)), ...entries.filter(([, f]) => global(f))])
}
