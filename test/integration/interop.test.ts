/**
 * Interop with kcat and Apache Kafka's own console tools, to the byte:
 * kfk writes / they read, they write / kfk reads, keyed partitioning as the
 * Java producer, and compressed batches (gzip, snappy, lz4, zstd) both ways.
 * Needs kcat on PATH (apt-get install -y kcat) and the Kafka jars.
 */
import {after, test} from 'node:test'
import assert from 'node:assert/strict'
import {kfk, testBootstrap} from '../helpers/cli.js'
import {javaTool} from '../helpers/java-tools.js'
import {closeAdmin, deleteTopics} from '../helpers/admin-client.js'
import {firstBootstrap, sh} from '../helpers/shell.js'
import {topicMaker} from '../helpers/topics.js'

const CONSOLE_CONSUMER = 'org.apache.kafka.tools.consumer.ConsoleConsumer'
const CONSOLE_PRODUCER = 'org.apache.kafka.tools.ConsoleProducer'
const topics: string[] = []
const topic = topicMaker('io', topics)
after(async () => {
  await deleteTopics(topics)
  await closeAdmin()
})

const b64 = (bytes: number[]) => ({base64: Buffer.from(bytes).toString('base64')})
const RECORDS = [
  {
    key: 'k1',
    value: 'hello',
    headers: [
      ['a', '1'],
      ['b', '2'],
      ['a', '3'],
    ],
  },
  {key: b64([0xff, 0xfe, 0x00]), value: b64([0x80, 0x00, 0xc3, 0x28]), headers: [['bin', b64([0xff])]]},
  {key: null, value: 'no key', headers: []},
  {key: 'k4', value: 'ünï ✓', headers: [['e', '']]},
]
const FORMAT = '%p|%o|%k|%s|%h|%T\\n'
const JAVA_PROPS = ['print.timestamp', 'print.partition', 'print.offset', 'print.headers', 'print.key'].flatMap((p) => [
  '--property',
  `${p}=true`,
])

test('records written by kfk read identically by kcat and by the Java console consumer', async () => {
  const t = await topic(1)
  const p = await kfk(['produce', t, '--input', 'jsonl'], {input: RECORDS.map((r) => JSON.stringify(r)).join('\n')})
  assert.equal(p.code, 0, p.stderr)
  const kcat = await sh(`kcat -b ${firstBootstrap()} -C -t ${t} -e -q -o beginning -f '${FORMAT}'`)
  assert.equal(kcat.code, 0, kcat.stderr)
  const mine = await kfk(['consume', t, '--from-beginning', '-e', '--format', FORMAT])
  assert.deepEqual(mine.stdoutBytes, kcat.stdout)
  assert.ok(kcat.stdout.includes(Buffer.from([0x80, 0x00, 0xc3, 0x28])), 'binary value intact')
  const java = await javaTool(CONSOLE_CONSUMER, [
    '--bootstrap-server',
    testBootstrap(),
    '--topic',
    t,
    '--from-beginning',
    '--max-messages',
    String(RECORDS.length),
    ...JAVA_PROPS,
  ])
  assert.equal(java.code, 0, java.stderr)
  // Kafka 4.2+ warns on stdout that --property is deprecated (for --formatter-property): not a record.
  const javaRecords = Buffer.from(java.stdoutBytes.toString('latin1').replace(/^Option --property is deprecated[^\n]*\n/, ''), 'latin1')
  const mineJava = await kfk(['consume', t, '--from-beginning', '-e', ...JAVA_PROPS])
  assert.deepEqual(mineJava.stdoutBytes, javaRecords)
})

test('records written by the Java console producer and by kcat -P read by kfk', async () => {
  const t = await topic(1)
  const java = await javaTool(
    CONSOLE_PRODUCER,
    [
      '--bootstrap-server',
      testBootstrap(),
      '--topic',
      t,
      '--property',
      'parse.key=true',
      '--property',
      'key.separator=:',
      '--property',
      'parse.headers=true',
    ],
    {input: 'h1:v1,h2:v2\tkey-a:value-a\nh3:\tkey-b:value-b\n'},
  )
  assert.equal(java.code, 0, java.stderr)
  const kc = await sh(`kcat -b ${firstBootstrap()} -P -t ${t} -K : -H hk=hv`, {input: 'key-c:value-c\n'})
  assert.equal(kc.code, 0, kc.stderr)
  const c = await kfk(['consume', t, '--from-beginning', '-e', '--output', 'jsonl'])
  const got = c.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
    .map(({key, value, headers}) => ({key, value, headers}))
  assert.deepEqual(got, [
    {
      key: 'key-a',
      value: 'value-a',
      headers: [
        ['h1', 'v1'],
        ['h2', 'v2'],
      ],
    },
    {key: 'key-b', value: 'value-b', headers: [['h3', '']]},
    {key: 'key-c', value: 'value-c', headers: [['hk', 'hv']]},
  ])
  const kcat = await sh(`kcat -b ${firstBootstrap()} -C -t ${t} -e -q -o beginning -f '${FORMAT}'`)
  const mine = await kfk(['consume', t, '--from-beginning', '-e', '--format', FORMAT])
  assert.deepEqual(mine.stdoutBytes, kcat.stdout)
})

test('keyed records land on the same partitions as with the Java producer (murmur2)', async () => {
  const [javaTopic, kfkTopic] = [await topic(6), await topic(6)]
  const input = Array.from({length: 40}, (_, i) => `key-${i * 7919}:v${i}`).join('\n') + '\n'
  const java = await javaTool(
    CONSOLE_PRODUCER,
    ['--bootstrap-server', testBootstrap(), '--topic', javaTopic, '--property', 'parse.key=true', '--property', 'key.separator=:'],
    {input},
  )
  assert.equal(java.code, 0, java.stderr)
  assert.equal((await kfk(['produce', kfkTopic, '--key-separator', ':'], {input})).code, 0)
  const placement = async (t: string) => {
    const c = await kfk(['consume', t, '--from-beginning', '-e', '--format', '%k %p\\n'])
    return c.stdout.trim().split('\n').sort()
  }
  const [a, b] = [await placement(javaTopic), await placement(kfkTopic)]
  assert.equal(a.length, 40)
  assert.deepEqual(b, a)
  assert.ok(new Set(a.map((l) => l.split(' ')[1])).size > 1, 'keys spread over several partitions')
})

const CODECS = ['gzip', 'snappy', 'lz4', 'zstd'] as const

test('compressed batches from the Java producer are readable by kfk', async () => {
  const t = await topic(1)
  for (const codec of CODECS) {
    const input = Array.from({length: 50}, (_, i) => `${codec}-${i}-${'z'.repeat(50)}`).join('\n') + '\n'
    const r = await javaTool(CONSOLE_PRODUCER, ['--bootstrap-server', testBootstrap(), '--topic', t, '--compression-codec', codec], {input})
    assert.equal(r.code, 0, r.stderr)
  }
  const c = await kfk(['consume', t, '--from-beginning', '-e'])
  assert.equal(c.code, 0, c.stderr)
  const lines = c.stdout.trim().split('\n')
  assert.equal(lines.length, 200)
  for (const codec of CODECS) assert.equal(lines.filter((l) => l.startsWith(`${codec}-`)).length, 50, codec)
})

test('compressed batches from kfk are readable by the Java consumer and kcat', async () => {
  const t = await topic(1)
  const expected: string[] = []
  for (const codec of CODECS) {
    const lines = Array.from({length: 50}, (_, i) => `${codec}-${i}-${'z'.repeat(50)}`)
    expected.push(...lines)
    const p = await kfk(['produce', t, '--compression', codec], {input: lines.join('\n') + '\n'})
    assert.equal(p.code, 0, p.stderr)
  }
  const java = await javaTool(CONSOLE_CONSUMER, [
    '--bootstrap-server',
    testBootstrap(),
    '--topic',
    t,
    '--from-beginning',
    '--max-messages',
    '200',
  ])
  assert.equal(java.code, 0, java.stderr)
  assert.equal(java.stdout, expected.join('\n') + '\n')
  const kcat = await sh(`kcat -b ${firstBootstrap()} -C -t ${t} -e -q -o beginning`)
  assert.equal(kcat.stdout.toString(), expected.join('\n') + '\n')
})
