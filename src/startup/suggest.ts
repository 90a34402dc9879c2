/** The closest of `candidates` to a mistyped word, or undefined when none is close (a unique completion, else Levenshtein distance). */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  // A unique completion (--bootstrap for --bootstrap-server) is what was meant.
  const completions = candidates.filter((c) => c.startsWith(word))
  if (completions.length === 1) return completions[0]
  let best: string | undefined
  let bestDistance = Infinity
  for (const c of candidates) {
    const d = distance(word, c)
    if (d < bestDistance) [best, bestDistance] = [c, d]
  }
  // Close enough to be a typo: a third of the word's length, at least 2 edits.
  return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined
}

function distance(a: string, b: string): number {
  const row = Array.from({length: b.length + 1}, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j]!
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1))
      previous = saved
    }
  }
  return row[b.length]!
}

/** Apache Kafka's bin/ scripts by name (kafka-X.sh, kafka-X or X), with the kfk command that does their job. */
const JAVA_TOOLS: Record<string, string> = {
  topics: 'topics',
  configs: 'configs',
  acls: 'acls',
  'consumer-groups': 'groups',
  'share-groups': 'groups',
  'streams-groups': 'groups',
  groups: 'groups',
  'console-consumer': 'consume',
  'console-share-consumer': 'consume',
  'console-producer': 'produce',
  'get-offsets': 'offsets',
  'delete-records': 'records delete',
  'reassign-partitions': 'partitions reassign',
  'leader-election': 'partitions elect-leaders',
  'preferred-replica-election': 'partitions elect-leaders',
  'metadata-quorum': 'cluster describe',
  'broker-api-versions': 'cluster api-versions',
  'log-dirs': 'log-dirs',
  features: 'features',
  transactions: 'transactions',
  'producer-perf-test': 'perf produce',
  'consumer-perf-test': 'perf consume',
  'streams-application-reset': 'streams reset',
  'server-start': 'cluster up',
  'server-stop': 'cluster down',
}

/** The kfk command for a Java tool's name as typed (`consumer-groups`, `kafka-topics.sh`), if it is one. */
export function javaToolCommand(typed: string): string | undefined {
  return JAVA_TOOLS[typed.replace(/^kafka-/, '').replace(/\.sh$/, '')]
}
