import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'node:test'
import {complete, type Manifest} from '../../src/completion/complete.js'
import {completionScript} from '../../src/completion/scripts.js'
import {ROOT} from '../helpers/cli.js'

const manifest = JSON.parse(readFileSync(join(ROOT, 'oclif.manifest.json'), 'utf8')) as Manifest

test('commands and topics by prefix, then the subcommands of a topic', () => {
  assert.deepEqual(complete(manifest, ['to']), {words: ['topics']})
  assert.deepEqual(complete(manifest, ['pro']), {words: ['produce', 'profile']})
  assert.deepEqual(complete(manifest, ['groups', 'd']), {words: ['delete', 'delete-offsets', 'describe']})
})

test('flags of the command, --no- forms, and a flag’s fixed options', () => {
  const words = (complete(manifest, ['consume', 'orders', '--gre']) as {words: string[]}).words
  assert.deepEqual(words, ['--grep', '--grep-header', '--grep-key'])
  assert.ok((complete(manifest, ['topics', 'list', '--']) as {words: string[]}).words.includes('--no-color'))
  assert.deepEqual(complete(manifest, ['consume', 'orders', '--isolation-level', 'read_c']), {words: ['read_committed']})
  assert.deepEqual(complete(manifest, ['produce', 'orders', '--acks', '']), {words: ['all', '-1', '1', '0']})
})

test('topic and group names where they belong: positional arguments and their flags', () => {
  assert.deepEqual(complete(manifest, ['topics', 'describe', 'ord']), {names: 'topics', prefix: 'ord'})
  assert.deepEqual(complete(manifest, ['consume', '-t', '']), {names: 'topics', prefix: ''})
  assert.deepEqual(complete(manifest, ['consume', 'orders', '--group', 'bi']), {names: 'groups', prefix: 'bi'})
  assert.deepEqual(complete(manifest, ['groups', 'describe', '']), {names: 'groups', prefix: ''})
  assert.deepEqual(complete(manifest, ['consume', 'orders', '--max-messages', '']), {words: []}, 'a value nothing can guess')
})

test('the scripts call kfk __complete with the words after kfk', () => {
  for (const shell of ['bash', 'zsh', 'fish'] as const) assert.match(completionScript(shell, 'kfk'), /kfk __complete /)
})
