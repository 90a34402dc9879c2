import {Args} from '@oclif/core'
import {BaseCommand} from '../cli/base-command.js'
import {usageError} from '../cli/errors.js'
import {completionScript, SHELLS, type Shell} from '../completion/scripts.js'

export default class Autocomplete extends BaseCommand<typeof Autocomplete> {
  static override summary =
    'Print the shell completion script (bash, zsh, fish): commands, flags, and topic and group names from your cluster.'
  static override description = `Topic and group names come from the cluster the active profile (or KAFKA_BOOTSTRAP_SERVERS, or -b on the line) points at, within 1.5 s; a cluster that does not answer completes nothing.
Install once:
  bash: echo 'eval "$(kfk autocomplete bash)"' >> ~/.bashrc
  zsh:  echo 'eval "$(kfk autocomplete zsh)"' >> ~/.zshrc
  fish: kfk autocomplete fish > ~/.config/fish/completions/kfk.fish`
  static override examples = [
    'eval "$(<%= config.bin %> autocomplete bash)"',
    '<%= config.bin %> autocomplete fish > ~/.config/fish/completions/kfk.fish',
  ]
  static override enableJsonFlag = false
  static override args = {shell: Args.string({description: 'bash, zsh or fish (default: from $SHELL).'})}

  async run(): Promise<void> {
    const shell = this.args.shell ?? (process.env.SHELL ?? '').split('/').pop() ?? ''
    if (!SHELLS.includes(shell as Shell))
      throw usageError(`no completion for shell "${shell || '(unknown)'}"`, `Name one of ${SHELLS.join(', ')}: kfk autocomplete bash`)
    process.stdout.write(completionScript(shell as Shell, this.config.bin))
  }
}
