import assert from 'node:assert/strict'
import {test} from 'node:test'
import {kfk, uniqueName} from '../helpers/cli.js'
import {onTty} from '../helpers/tty.js'

/**
 * The unclean election's two questions on a terminal (the suite cluster is
 * healthy, so the election itself finds nothing to do). Restoring preferred
 * leaders after a node stopped is tested on the failover cluster.
 */
test('partitions elect-leaders --election-type unclean asks twice on a terminal; a no to either changes nothing', async () => {
  const topic = uniqueName('unclean')
  assert.equal((await kfk(['topics', 'create', topic, '-p', '2', '-r', '3'])).code, 0)
  const args = ['partitions', 'elect-leaders', '--election-type', 'unclean', '--topic', topic]

  const no = await onTty(args, {
    steps: [
      {waitFor: /Run an unclean election \(acknowledged records can be lost\)\? \[y\/N\]/, send: 'y\r'},
      {waitFor: /Elect unclean leaders even so\? \[y\/N\]/, send: '\r'},
    ],
    stopAfterMs: 60_000,
  })
  assert.equal(no.code, 1, no.out)
  assert.match(no.out, /cancelled; nothing was changed/)

  const yes = await onTty(args, {
    steps: [
      {waitFor: /Run an unclean election/, send: 'y\r'},
      {waitFor: /even so\?/, send: 'y\r'},
    ],
    stopAfterMs: 60_000,
  })
  assert.equal(yes.code, 0, yes.out)
  // Every partition has an in-sync leader: nothing to elect, each says so.
  assert.match(yes.out, new RegExp(`${topic}\\s+0\\s+already leader`))
  assert.match(yes.out, new RegExp(`${topic}\\s+1\\s+already leader`))
})
