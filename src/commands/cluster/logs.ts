import {setTimeout as sleep} from 'node:timers/promises'
import {Flags} from '@oclif/core'
import {closeSync, openSync, readSync, statSync} from 'node:fs'
import {BaseCommand} from '../../cli/base-command.js'
import {KfkError} from '../../cli/errors.js'
import {findNode} from '../../cluster/local.js'
import {tail} from '../../cluster/process.js'
import {requireState} from '../../cluster/state.js'
import {clusterNameLongFlag} from '../../flags/shared.js'

export default class ClusterLogs extends BaseCommand<typeof ClusterLogs> {
  static override summary = "Print the server logs of a local cluster's nodes; --follow keeps printing."
  static override examples = [
    '<%= config.bin %> cluster logs --node 2 --lines 50',
    '<%= config.bin %> cluster logs --follow',
    '<%= config.bin %> cluster logs --name legacy --zookeeper',
  ]
  static override enableJsonFlag = false
  static override flags = {
    // -n is a count, as in tail -n (and consume -n): here it is --lines, not --name.
    name: clusterNameLongFlag,
    node: Flags.integer({description: 'Only this node (default: every node, each line prefixed with its id).', min: 1}),
    zookeeper: Flags.boolean({description: "The ZooKeeper's log instead (a ZooKeeper-mode cluster).", exclusive: ['node']}),
    follow: Flags.boolean({char: 'f', description: 'Keep printing lines as they are written (Ctrl-C to stop).'}),
    lines: Flags.integer({char: 'n', description: 'How many of the last lines to print first.', default: 100, min: 0}),
  }

  async run(): Promise<void> {
    const state = requireState(this.flags.name)
    if (this.flags.zookeeper && !state.zookeeper)
      throw new KfkError(`cluster "${state.name}" runs in KRaft mode: it has no ZooKeeper`, {
        exit: 2,
        hint: `Its nodes' logs: kfk cluster logs --name ${state.name}`,
      })
    const logs = this.flags.zookeeper
      ? [{label: 'zookeeper', file: state.zookeeper!.logFile}]
      : (this.flags.node === undefined ? state.nodes : [findNode(state, this.flags.node)]).map((n) => ({
          label: `node ${n.id}`,
          file: n.logFile,
        }))
    const prefixed = (label: string, text: string) =>
      logs.length > 1
        ? text
            .split('\n')
            .map((l) => `[${label}] ${l}`)
            .join('\n')
        : text
    const offsets = new Map<string, number>()
    for (const log of logs) {
      const text = this.flags.lines > 0 ? tail(log.file, this.flags.lines) : ''
      if (text) this.out(prefixed(log.label, text))
      offsets.set(log.label, size(log.file))
    }
    while (this.flags.follow) {
      await sleep(250)
      for (const log of logs) {
        const from = offsets.get(log.label)!
        const now = size(log.file)
        if (now < from) offsets.set(log.label, 0) // rotated or truncated
        if (now <= from) continue
        const chunk = read(log.file, from, now - from)
        offsets.set(log.label, from + chunk.length)
        process.stdout.write(prefixed(log.label, chunk.toString('utf8').replace(/\n$/, '')) + '\n')
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
