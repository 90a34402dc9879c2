import {kafkajs} from '../../../../src/core/kafkajs/load.js'
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {test} from 'node:test'
import {KAFKAJS_PATCHES, patchKafkajsSource} from '../../../../src/core/kafkajs/patches.js'

const require = createRequire(import.meta.url)

// The same table patches kafkajs when it loads from node_modules and when the build bundles it:
// every replacement must still match the installed kafkajs, and a stale one must fail loudly.
test('every kafkajs patch applies to the installed kafkajs, and a source without the text is refused', () => {
  for (const id of Object.keys(KAFKAJS_PATCHES)) {
    const source = readFileSync(require.resolve(id), 'utf8')
    const patched = patchKafkajsSource(id, source)
    for (const [, to] of KAFKAJS_PATCHES[id]!) assert.ok(patched.includes(to), `${id}: "${to}" not in the patched source`)
    assert.throws(() => patchKafkajsSource(id, '// another kafkajs'), /kafkajs internals changed/)
  }
})

test('the patched grouping (linear) keeps the result and its order: messages per partition, as sent', () => {
  kafkajs() // loads the patched modules into the module cache
  const group = require('kafkajs/src/producer/groupMessagesPerPartition') as (o: object) => Record<number, unknown[]>
  assert.match(String(group), /\.push\(message\)/)
  const messages = Array.from({length: 10}, (_, i) => ({value: String(i)}))
  const result = group({
    topic: 't',
    partitionMetadata: [{}, {}, {}],
    messages,
    partitioner: ({message}: {message: {value: string}}) => Number(message.value) % 3,
  })
  assert.deepEqual(result, {
    0: [messages[0], messages[3], messages[6], messages[9]],
    1: [messages[1], messages[4], messages[7]],
    2: [messages[2], messages[5], messages[8]],
  })
})
