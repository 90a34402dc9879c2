import {readFileSync} from 'node:fs'
import {complete, type Manifest} from './complete.js'
import {clusterNames} from './names.js'

/**
 * `kfk __complete WORD...` (what the completion scripts call): one candidate
 * a line on stdout. Names from the cluster use the -b/--bootstrap-server and
 * --profile already typed on the line, else the usual settings.
 */
export async function runCompletion(words: readonly string[], manifestUrl: URL): Promise<void> {
  const manifest = JSON.parse(readFileSync(manifestUrl, 'utf8')) as Manifest
  const typed = words.length === 0 ? [''] : words
  const result = complete(manifest, typed)
  const lines =
    'words' in result
      ? result.words
      : await clusterNames(result.names, result.prefix, {
          bootstrap: valueOf(typed, ['-b', '--bootstrap-server']),
          profile: valueOf(typed, ['--profile']),
        })
  if (lines.length > 0) await new Promise((resolve) => process.stdout.write(lines.join('\n') + '\n', resolve))
}

function valueOf(words: readonly string[], names: string[]): string | undefined {
  for (let i = 0; i < words.length - 1; i++) {
    if (names.includes(words[i]!)) return words[i + 1]
    const eq = names.find((n) => n.startsWith('--') && words[i]!.startsWith(n + '='))
    if (eq) return words[i]!.slice(eq.length + 1)
  }
  return undefined
}
