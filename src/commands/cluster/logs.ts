import {setTimeout as sleep} from 'node:timers/promises'
import {Flags} from '@oclif/core'
import {closeSync, openSync, readSync, statSync} from 'node:fs'
import {BaseCommand} from '../../base-command.js'
import {findNode} from '../../cluster/local.js'
import {tail} from '../../cluster/process.js'
import {requireState} from '../../cluster/state.js'
import {clusterNameLongFlag} from '../../flags/shared.js'

export default class ClusterLogs extends BaseCommand<typeof ClusterLogs> {
  static override summary = "Print the server logs of a local cluster's nodes; --follow keeps printing."
  static override examples = ['<%= config.bin %> cluster logs --node 2 --lines 50', '<%= config.bin %> cluster logs --follow']
  static override enableJsonFlag = false
  static override flags = {
    // -n is a count, as in tail -n (and consume -n): here it is --lines, not --name.
    name: clusterNameLongFlag,
    node: Flags.integer({description: 'Only this node (default: every node, each line prefixed with its id).', min: 1}),
    follow: Flags.boolean({char: 'f', description: 'Keep printing lines as they are written (Ctrl-C to stop).'}),
    lines: Flags.integer({char: 'n', description: 'How many of the last lines to print first.', default: 100, min: 0}),
  }

  async run(): Promise<void> {
    const state = requireState(this.flags.name)
    const nodes = this.flags.node === undefined ? state.nodes : [findNode(state, this.flags.node)]
    const prefix = (id: number) => (nodes.length > 1 ? `[node ${id}] ` : '')
    const offsets = new Map<number, number>()
    for (const node of nodes) {
      const text = this.flags.lines > 0 ? tail(node.logFile, this.flags.lines) : ''
      if (text)
        this.out(
          text
            .split('\n')
            .map((l) => prefix(node.id) + l)
            .join('\n'),
        )
      offsets.set(node.id, size(node.logFile))
    }
    while (this.flags.follow) {
      await sleep(250)
      for (const node of nodes) {
        const from = offsets.get(node.id)!
        const now = size(node.logFile)
        if (now < from) offsets.set(node.id, 0) // rotated or truncated
        if (now <= from) continue
        const chunk = read(node.logFile, from, now - from)
        offsets.set(node.id, from + chunk.length)
        const text = chunk.toString('utf8').replace(/\n$/, '')
        process.stdout.write(
          text
            .split('\n')
            .map((l) => prefix(node.id) + l)
            .join('\n') + '\n',
        )
      }
    }
  }
}

function size(path: string): number {
  try {
    return statSync(path).size
  } catch {
    return 0
  }
}

function read(path: string, from: number, length: number): Buffer {
  const fd = openSync(path, 'r')
  try {
    const buffer = Buffer.alloc(Math.min(length, 1 << 20))
    const n = readSync(fd, buffer, 0, buffer.length, from)
    return buffer.subarray(0, n)
  } finally {
    closeSync(fd)
  }
}
