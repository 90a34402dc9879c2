import assert from 'node:assert/strict'
import {execFileSync} from 'node:child_process'
import {readdirSync, readFileSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'node:test'
import {ROOT} from '../helpers/cli.js'

function commandIds(dir: string, prefix: string[] = []): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return commandIds(path, [...prefix, name])
    return name.endsWith('.ts') ? [[...prefix, name.replace(/\.ts$/, '')].join(':')] : []
  })
}

const manifest = JSON.parse(readFileSync(join(ROOT, 'oclif.manifest.json'), 'utf8'))

test('oclif.manifest.json lists exactly the commands in src/commands', () => {
  assert.deepEqual(Object.keys(manifest.commands).sort(), commandIds(join(ROOT, 'src/commands')).sort())
})

test('the committed oclif.manifest.json is what the build generates (commit it after changing commands)', () => {
  // `npm test` builds first, which regenerates the file; a committed copy that was out of date now differs from HEAD.
  let committed: string
  try {
    committed = execFileSync('git', ['show', 'HEAD:oclif.manifest.json'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    })
  } catch {
    return assert.fail('oclif.manifest.json is not committed')
  }
  assert.deepEqual(JSON.parse(committed), manifest)
})
