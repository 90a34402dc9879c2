import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'node:test'
import {ROOT} from '../helpers/cli.js'
import {documentedShapes, shapeFor, stringNumbers, topLevelKeys} from '../helpers/json-doc.js'

const manifest = JSON.parse(readFileSync(join(ROOT, 'oclif.manifest.json'), 'utf8')) as {
  commands: Record<string, {enableJsonFlag?: boolean; flags?: Record<string, unknown>}>
}

test('docs/json.md documents every command that takes --json', () => {
  const shapes = documentedShapes()
  const missing = Object.entries(manifest.commands)
    .filter(([, c]) => c.enableJsonFlag || c.flags?.json)
    .map(([id]) => id.replace(/:/g, ' '))
    .filter((name) => !shapes.some((s) => s.commands.some((c) => c === name || c.startsWith(name + ' --'))))
  assert.deepEqual(missing, [])
})

test('the shape reader: top-level keys, optional ones, nested shapes skipped', () => {
  assert.deepEqual(topLevelKeys('{a, b?: {x, y}, c: [{z}], d: "x"\\|"y", e?}'), [
    {name: 'a', optional: false},
    {name: 'b', optional: true},
    {name: 'c', optional: false},
    {name: 'd', optional: false},
    {name: 'e', optional: true},
  ])
  assert.deepEqual(shapeFor(['partitions', 'reassign', '--verify', '--reassignment-json-file', 'f'])?.commands, [
    'partitions reassign --verify',
  ])
  assert.deepEqual(stringNumbers({partitions: [{start: 1, next: '2', lag: '3', logEndOffset: null}], count: 4}), [
    '$.partitions[0].lag: "3"',
  ])
})
