import {readFileSync} from 'node:fs'
import {fileProblem, usageError} from '../cli/errors.js'

/**
 * Parses a Java .properties file (the format of --command-config and
 * --producer.config): `key=value` or `key: value`, `#`/`!` comments,
 * backslash line continuations and escapes.
 */
export function parseProperties(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!.replace(/^\s+/, '')
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue
    while (endsWithOddBackslashes(line) && i + 1 < lines.length) {
      line = line.slice(0, -1) + lines[++i]!.replace(/^\s+/, '')
    }
    const match = /^((?:\\.|[^=:\s\\])*)\s*[=:\s]\s*(.*)$/.exec(line)
    const key = unescape(match ? (match[1] ?? '') : line)
    out[key] = match ? unescape(match[2] ?? '') : ''
  }
  return out
}

function endsWithOddBackslashes(line: string): boolean {
  const m = /\\+$/.exec(line)
  return m !== null && m[0].length % 2 === 1
}

function unescape(s: string): string {
  return s.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, c: string) => {
    if (c.length === 5) return String.fromCharCode(Number.parseInt(c.slice(1), 16))
    return ({t: '\t', n: '\n', r: '\r', f: '\f'} as Record<string, string>)[c] ?? c
  })
}

export function readPropertiesFile(path: string): Record<string, string> {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw usageError(`config file ${path} does not exist`, 'Check the path given to --command-config.')
    throw usageError(`cannot read config file ${path}: ${fileProblem(error)}`, 'Give the path of a readable .properties file.')
  }
  return parseProperties(text)
}
