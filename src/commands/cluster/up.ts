import {BaseCommand} from '../../cli/base-command.js'
import {nodeRunning, up} from '../../cluster/local.js'
import {clusterUpFlags, upOptions} from '../../flags/cluster/up.js'
import {progressLine} from '../../output/progress.js'
import {localClusterJson, upNotes, type LocalClusterJson} from '../../output/views/cluster.js'
import {saveClusterProfile} from '../../cluster/profile.js'

export default class ClusterUp extends BaseCommand<typeof ClusterUp> {
  static override summary = 'Start a real local Apache Kafka cluster (KRaft or ZooKeeper), no Docker needed.'
  static override description = `Each node is a combined broker+controller java process on 127.0.0.1. Kafka's jars come from --kafka-home/KAFKA_HOME, or are fetched once from Maven Central with mvn into ~/.cache/kfk. Brokers listen on BASE.., controllers on BASE+100.. (BASE is --port, 9092 for the cluster named "local").`
  static override examples = [
    '<%= config.bin %> cluster up',
    '<%= config.bin %> cluster up --brokers 3',
    '<%= config.bin %> cluster up --name ci --port 19092 --json',
    '<%= config.bin %> cluster up --name legacy --kafka-version 3.9.2 --zookeeper',
  ]

  static override flags = clusterUpFlags

  async run(): Promise<LocalClusterJson & {profile: string}> {
    const progress = progressLine()
    const {state, alreadyRunning} = await up(upOptions(this.flags, progress)).finally(() => progress.done())
    const profile = await saveClusterProfile(state)
    const view = localClusterJson(state, (id) =>
      nodeRunning(
        state,
        state.nodes.find((n) => n.id === id)!,
      ),
    )
    for (const note of upNotes(view, alreadyRunning, profile)) this.note(note)
    this.out(view.bootstrapServers)
    return {...view, profile: state.name}
  }
}
