import {spawn} from 'node:child_process'
import {createWriteStream, mkdirSync, writeFileSync} from 'node:fs'
import {createInterface} from 'node:readline'
import {join} from 'node:path'

/**
 * The word count Kafka ships as WordCountDemo (kafka-streams-examples, which
 * Maven Central does not carry for Kafka 4.x), as one Java source file that
 * Java 17 runs without a compile step, with the streams rebalance protocol
 * (KIP-1071, group.protocol=streams) on. Counts go out as text so `kfk
 * consume OUTPUT -f '%k %s\n'` reads them.
 * Arguments: bootstrap, application id, input topic, output topic, state dir.
 */
const WORD_COUNT_JAVA = `import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Produced;

public class KfkWordCount {
  public static void main(String[] args) throws Exception {
    Properties props = new Properties();
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, args[1]);
    props.put(StreamsConfig.STATE_DIR_CONFIG, args[4]);
    props.put(StreamsConfig.GROUP_PROTOCOL_CONFIG, "streams");
    props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
    props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
    // Every update goes out (no record cache), committed each second, as WordCountDemo does.
    props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");

    StreamsBuilder builder = new StreamsBuilder();
    builder.<String, String>stream(args[2])
        .flatMapValues(line -> Arrays.asList(line.toLowerCase(Locale.ROOT).split("\\\\W+")))
        .filter((key, word) -> !word.isEmpty())
        .groupBy((key, word) -> word)
        .count()
        .toStream()
        .mapValues(count -> Long.toString(count))
        .to(args[3], Produced.with(Serdes.String(), Serdes.String()));

    KafkaStreams streams = new KafkaStreams(builder.build(), props);
    CountDownLatch stopped = new CountDownLatch(1);
    streams.setStateListener((now, before) -> {
      System.err.println("kfk-streams-demo: " + now);
      if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) stopped.countDown();
    });
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      streams.close();
      stopped.countDown();
    }));
    // Local state is rebuilt from the changelog topics: a reset (which deletes them) then starts from zero.
    streams.cleanUp();
    streams.start();
    stopped.await();
    System.exit(streams.state() == KafkaStreams.State.ERROR ? 1 : 0);
  }
}
`

export interface StreamsDemoOptions {
  bootstrap: string
  applicationId: string
  inputTopic: string
  outputTopic: string
  /** A folder of kfk's own: the Java source and the application's local state go there. */
  workDir: string
}

/**
 * Runs the word count on the Kafka Streams jars in `streamsLibDir` until it
 * stops; Ctrl-C or TERM stop it cleanly (it leaves its group first). Its Java
 * log goes to `logFile` (and to stderr with `verbose`); its state changes
 * ("RUNNING", "REBALANCING") go to `onState`. stdout carries no data here.
 */
export async function runStreamsDemo(
  java: string,
  streamsLibDir: string,
  o: StreamsDemoOptions & {logFile: string; verbose: boolean; onState: (state: string) => void},
): Promise<{code: number | null; interrupted: boolean}> {
  const log = createWriteStream(o.logFile, {flags: 'a'})
  const child = spawn(java, streamsDemoArgs(streamsLibDir, o), {stdio: ['ignore', 'pipe', 'pipe']})
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({input: stream}).on('line', (line) => {
      log.write(line + '\n')
      const state = /^kfk-streams-demo: (\S+)$/.exec(line)?.[1]
      if (state) o.onState(state)
      else if (o.verbose) process.stderr.write(line + '\n')
    })
  }
  let interrupted = false
  const stop = () => {
    interrupted = true
    child.kill('SIGTERM')
  }
  process.removeAllListeners('SIGINT')
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject)
    child.once('close', (c) => resolve(c))
  })
  await new Promise((resolve) => log.end(resolve))
  return {code, interrupted}
}

function streamsDemoArgs(streamsLibDir: string, o: StreamsDemoOptions): string[] {
  mkdirSync(o.workDir, {recursive: true})
  const source = join(o.workDir, 'KfkWordCount.java')
  writeFileSync(source, WORD_COUNT_JAVA)
  return [
    '-Xmx256m',
    '-Dlog4j2.level=WARN',
    '-cp',
    join(streamsLibDir, '*'),
    source,
    o.bootstrap,
    o.applicationId,
    o.inputTopic,
    o.outputTopic,
    join(o.workDir, 'state'),
  ]
}
