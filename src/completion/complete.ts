/**
 * Shell completion for kfk: what may come next after the words typed so far,
 * from oclif.manifest.json alone (no oclif, so a TAB answers at once).
 * Command and topic names, flags, a flag's fixed options; where a topic or a
 * group name belongs, the caller asks the cluster (see names.ts).
 */
export interface ManifestFlag {
  name: string
  char?: string
  type: 'boolean' | 'option'
  options?: string[]
  aliases?: string[]
  hidden?: boolean
}

export interface Manifest {
  commands: Record<string, {args?: Record<string, unknown>; flags: Record<string, ManifestFlag>; hidden?: boolean}>
}

/** What to offer: fixed words, or names the cluster has to tell. */
export type Completion = {words: string[]} | {names: 'topics' | 'groups'; prefix: string}

const TOPIC_FLAGS = new Set(['topic', 'topic-list'])
const GROUP_FLAGS = new Set(['group'])

/** `typed`: the words after `kfk`, the last one being the word under the cursor (maybe ''). */
export function complete(manifest: Manifest, typed: readonly string[]): Completion {
  const current = typed[typed.length - 1] ?? ''
  const before = typed.slice(0, -1)
  const ids = Object.keys(manifest.commands).filter((id) => !manifest.commands[id]!.hidden)
  // The command: the longest run of leading words that names one.
  let depth = 0
  let id: string | undefined
  for (let i = 1; i <= before.length; i++) {
    const candidate = before.slice(0, i).join(':')
    if (manifest.commands[candidate]) {
      id = candidate
      depth = i
    } else if (!ids.some((c) => c.startsWith(candidate + ':'))) break
  }
  if (!id) {
    const path = before.join(':')
    const next = new Set<string>()
    for (const c of ids) {
      if (path && !c.startsWith(path + ':')) continue
      const word = c.split(':')[before.length]
      if (word) next.add(word)
    }
    return {words: [...next].filter((w) => w.startsWith(current)).sort()}
  }
  const command = manifest.commands[id]!
  const flags = Object.values(command.flags).filter((f) => !f.hidden)
  const previous = before[before.length - 1]
  const flag = previous && depth < before.length ? flagNamed(flags, previous) : undefined
  if (flag && flag.type === 'option') {
    if (flag.options) return {words: flag.options.filter((o) => o.startsWith(current))}
    if (TOPIC_FLAGS.has(flag.name)) return {names: 'topics', prefix: current}
    if (GROUP_FLAGS.has(flag.name)) return {names: 'groups', prefix: current}
    return {words: []}
  }
  if (current.startsWith('-')) {
    const names = flags.flatMap((f) => [`--${f.name}`, ...(f.type === 'boolean' && allowsNo(f) ? [`--no-${f.name}`] : [])])
    return {words: names.filter((n) => n.startsWith(current)).sort()}
  }
  const args = Object.keys(command.args ?? {})
  if (args.includes('topic')) return {names: 'topics', prefix: current}
  if (args.includes('group')) return {names: 'groups', prefix: current}
  return {words: []}
}

function flagNamed(flags: ManifestFlag[], word: string): ManifestFlag | undefined {
  if (word.startsWith('--')) {
    const name = word.slice(2)
    return flags.find((f) => f.name === name || f.aliases?.includes(name))
  }
  if (/^-\w$/.test(word)) return flags.find((f) => f.char === word[1])
  return undefined
}

function allowsNo(f: ManifestFlag): boolean {
  return (f as {allowNo?: boolean}).allowNo === true
}
