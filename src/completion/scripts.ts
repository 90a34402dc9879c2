/**
 * The scripts `kfk autocomplete SHELL` prints: each asks `kfk __complete
 * WORD...` (the words after kfk, the one under the cursor last) and offers
 * its lines.
 */
export const SHELLS = ['bash', 'zsh', 'fish'] as const
export type Shell = (typeof SHELLS)[number]

export function completionScript(shell: Shell, bin: string): string {
  switch (shell) {
    case 'bash':
      return `# kfk completion for bash: eval "$(${bin} autocomplete bash)" in ~/.bashrc
_${bin}_complete() {
  local IFS=$'\\n'
  COMPREPLY=($(${bin} __complete "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null))
}
complete -o default -F _${bin}_complete ${bin}
`
    case 'zsh':
      return `# kfk completion for zsh: eval "$(${bin} autocomplete zsh)" in ~/.zshrc (after compinit)
_${bin}_complete() {
  local -a words_out
  words_out=("\${(@f)$(${bin} __complete "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  compadd -a words_out
}
compdef _${bin}_complete ${bin}
`
    case 'fish':
      return `# kfk completion for fish: ${bin} autocomplete fish > ~/.config/fish/completions/${bin}.fish
complete -c ${bin} -f -a '(${bin} __complete (commandline -opc)[2..-1] (commandline -ct) 2>/dev/null)'
`
  }
}
