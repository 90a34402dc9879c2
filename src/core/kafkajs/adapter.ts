/**
 * The one module that imports kafkajs and reaches into its internals.
 * kafkajs 2.2.4 ships its src/ without an exports map; everything kfk needs
 * from inside it goes through here, so an upgrade touches one file.
 * Loaded lazily: `kfk --help` must not pay for kafkajs.
 */
import {createRequire} from 'node:module'
import type * as KafkaJS from 'kafkajs'
import {KAFKAJS_PATCHES, patchKafkajsSource} from './patches.js'
import {KfkError} from '../../cli/errors.js'
import {apiName, apiWithRelease} from '../protocol/api-names.js'
import {kafkaErrorInfo} from '../protocol/kafka-errors.js'

export type {Admin, Kafka, Producer, Consumer, logCreator, LogEntry, KafkaConfig, ITopicConfig} from 'kafkajs'

// scripts/bundle.mjs removes this line from the dist/fast bundles: there `require` is the bundler's, which bundles kafkajs.
const require = createRequire(import.meta.url)

/**
 * True inside the dist/fast bundles (scripts/bundle.mjs defines it): kafkajs is
 * bundled there, with its patches applied at build time, and `require` below is
 * the bundle's own.
 */
declare const __KFK_BUNDLE__: boolean | undefined
const bundled = typeof __KFK_BUNDLE__ !== 'undefined' && __KFK_BUNDLE__

let loaded: typeof KafkaJS | undefined
/** kafkajs itself, loaded on first use. */
export function kafkajs(): typeof KafkaJS {
  if (!loaded) {
    if (!bundled) for (const id of Object.keys(KAFKAJS_PATCHES)) loadPatched(id)
    loaded = require('kafkajs') as typeof KafkaJS
  }
  return loaded
}

/** Compiles a kafkajs module from its patched source (patches.ts) into the module cache, before kafkajs requires it. */
function loadPatched(id: string): void {
  const path = require.resolve(id)
  if (require.cache[path]) return
  const {readFileSync} = require('node:fs') as typeof import('node:fs')
  const {dirname} = require('node:path') as typeof import('node:path')
  const Module = require('node:module') as any
  const m = new Module(path, null)
  m.filename = path
  m.paths = Module._nodeModulePaths(dirname(path))
  m._compile(patchKafkajsSource(id, readFileSync(path, 'utf8')), path)
  m.loaded = true
  require.cache[path] = m
}

/** A request/response pair in kafkajs's protocol shape (see kafkajs/src/protocol/requests). */
export interface ProtocolRequest<T> {
  request: {apiKey: number; apiVersion: number; apiName: string; encode: () => Promise<Encoder> | Encoder; expectResponse?: () => boolean}
  response: {decode: (raw: Buffer) => Promise<unknown> | unknown; parse: (decoded: any) => Promise<T> | T}
}

/** kafkajs's protocol encoder (src/protocol/encoder.js). */
export interface Encoder {
  writeInt8(v: number): Encoder
  writeInt16(v: number): Encoder
  writeInt32(v: number): Encoder
  writeInt64(v: number | bigint | string): Encoder
  writeBoolean(v: boolean): Encoder
  writeString(v: string | null): Encoder
  writeBytes(v: Buffer | string | null): Encoder
  writeUVarInt(v: number): Encoder
  writeVarInt(v: number): Encoder
  writeUVarIntString(v: string | null): Encoder
  writeUVarIntBytes(v: Buffer | null): Encoder
  writeUVarIntArray(v: unknown[], type?: string): Encoder
  writeArray(v: unknown[], type?: string): Encoder
  writeEncoder(v: Encoder): Encoder
  writeBuffer(v: Buffer): Encoder
  size(): number
  buffer: Buffer
}

export function newEncoder(): Encoder {
  const Ctor = require('kafkajs/src/protocol/encoder') as new () => Encoder
  return new Ctor()
}

/**
 * Maps a Kafka error code to kafkajs's error (KafkaJSProtocolError with type and
 * retriable). kafkajs 2.2.4 knows codes up to 88; a newer code gets Kafka's name
 * and message from kafka-errors.ts, and retriable false as kafkajs gives unknown
 * codes, so its own retries never rerun a request on them.
 */
export function errorFromCode(code: number): Error {
  const {createErrorFromCode, errorCodes} = require('kafkajs/src/protocol/error') as {
    createErrorFromCode: (c: number) => Error
    errorCodes: Array<{code: number}>
  }
  const newer = errorCodes.some((e) => e.code === code) ? undefined : kafkaErrorInfo(code)
  if (!newer) return createErrorFromCode(code)
  const {KafkaJSProtocolError} = require('kafkajs/src/errors') as {
    KafkaJSProtocolError: new (e: {type: string; code: number; message: string; retriable: boolean}) => Error
  }
  return new KafkaJSProtocolError({type: newer.name, code, message: newer.message, retriable: false})
}

/** What kfk's own protocol modules need of a kafkajs broker: its negotiated API versions and its connection. */
export interface BrokerConnection {
  nodeId?: number
  versions: Record<number, {minVersion: number; maxVersion: number}>
  connectionPool: {send<T>(request: ProtocolRequest<T>): Promise<T>}
}

/** A config entry as kafkajs's DescribeConfigs decodes it. */
export interface RawConfigEntry {
  configName: string
  configValue: string | null
  isDefault: boolean
  configSource: number
  isSensitive: boolean
  readOnly: boolean
}

/** A group member as kafkajs's DescribeGroups decodes it. */
export interface RawGroupMember {
  memberId: string
  groupInstanceId?: string | null
  clientId: string
  clientHost: string
  memberAssignment: Buffer
}

/** Metadata as kafkajs's (v<=6) request decodes it. */
export interface RawMetadata {
  topicMetadata: Array<{topic: string; topicErrorCode: number; partitionMetadata: Array<{partitionId: number; leader: number}>}>
}

/**
 * kafkajs's Broker (src/broker): one connection pool to one broker, with
 * negotiated API versions, and the request methods kfk calls, typed with the
 * shapes kafkajs decodes (kafkajs ships no types for them).
 */
export interface RawBroker extends BrokerConnection {
  metadata(topics?: string[]): Promise<RawMetadata>
  describeConfigs(args: {
    resources: Array<{type: number; name: string; configNames?: string[]}>
    includeSynonyms: boolean
  }): Promise<{resources: Array<{configEntries: RawConfigEntry[]}>}>
  describeGroups(args: {groupIds: string[]}): Promise<{
    groups: Array<{groupId: string; errorCode: number; state: string; protocolType: string; protocol: string; members: RawGroupMember[]}>
  }>
  deleteGroups(
    groupIds: string[],
  ): Promise<{results: Array<{groupId: string; errorCode: number; error?: {type?: string; message?: string}}>}>
  offsetFetch(args: {groupId: string; topics: Array<TopicPartitions<{partition: number}>>}): Promise<{
    responses: Array<TopicPartitions<{partition: number; offset: string}>>
  }>
  offsetCommit(args: {
    groupId: string
    groupGenerationId: number
    memberId: string
    topics: Array<TopicPartitions<{partition: number; offset: string}>>
  }): Promise<unknown>
  joinGroup(args: {
    groupId: string
    memberId: string
    sessionTimeout: number
    rebalanceTimeout: number
    protocolType: string
    groupProtocols: Array<{name: string; metadata: Buffer}>
  }): Promise<JoinGroupResult>
  syncGroup(args: {
    groupId: string
    generationId: number
    memberId: string
    groupAssignment: Array<{memberId: string; memberAssignment: Buffer}>
  }): Promise<{memberAssignment: Buffer | null}>
  heartbeat(args: {groupId: string; groupGenerationId: number; memberId: string}): Promise<unknown>
  leaveGroup(args: {groupId: string; memberId: string}): Promise<unknown>
  deleteRecords(args: {topics: Array<TopicPartitions<{partition: number; offset: string}>>}): Promise<{
    topics: Array<TopicPartitions<{partition: number; lowWatermark: bigint | string | number}>>
  }>
  initProducerId(args: {transactionTimeout: number}): Promise<{producerId: string; producerEpoch: number}>
  createTopics(args: {
    validateOnly: boolean
    timeout: number
    topics: Array<{
      topic: string
      numPartitions: number
      replicationFactor: number
      replicaAssignment: Array<{partition: number; replicas: number[]}>
      configEntries: Array<{name: string; value: string}>
    }>
  }): Promise<unknown>
  deleteTopics(args: {topics: string[]; timeout: number}): Promise<unknown>
  createPartitions(args: {
    topicPartitions: Array<{topic: string; count: number; assignments: number[][]}>
    validateOnly: boolean
    timeout: number
  }): Promise<unknown>
}

/** kafkajs's Cluster (src/cluster): metadata, broker lookup, coordinators. */
export interface RawCluster {
  connect(): Promise<void>
  disconnect(): Promise<void>
  refreshMetadata(): Promise<void>
  refreshMetadataIfNecessary(): Promise<void>
  addMultipleTargetTopics(topics: string[]): Promise<void>
  findBroker(args: {nodeId: number | string}): Promise<RawBroker>
  findControllerBroker(): Promise<RawBroker>
  findGroupCoordinator(args: {groupId: string; coordinatorType?: number}): Promise<RawBroker>
  findTopicPartitionMetadata(topic: string): Array<{partitionId: number; leader: number; replicas: number[]; isr: number[]}>
  /** metadata: the last Metadata answer kafkajs keeps (null before the first). */
  brokerPool: {
    metadata: {brokers: Array<{nodeId: number; host: string; port: number; rack?: string | null}>} | null
    findConnectedBroker(): Promise<RawBroker>
  }
}

/**
 * One broker to ask cluster-wide questions: an already connected one if any,
 * else the first that connects. (Not brokerPool.withBroker: it swallows every
 * broker's error and resolves null.)
 */
export function anyBroker(cluster: RawCluster): Promise<RawBroker> {
  return cluster.brokerPool.findConnectedBroker()
}

/**
 * A kafkajs Cluster built with the same options as the client's own admin and
 * consumers (kafkajs keeps its factory behind a private symbol).
 */
export function createRawCluster(
  kafka: KafkaJS.Kafka,
  options: {isolationLevel?: number; allowAutoTopicCreation?: boolean} = {},
): RawCluster {
  const factory = (kafka as any)[clusterFactorySymbol(kafka)] as (o: object) => RawCluster
  const cluster = factory({allowAutoTopicCreation: false, ...options})
  explainCoordinatorNotFound(cluster)
  return cluster
}

/**
 * kafkajs asks the brokers for a group's coordinator through
 * brokerPool.withBroker, which drops each broker's error and ends in a bare
 * "Failed to find group coordinator". When that happens, one more FindCoordinator
 * on a connected broker brings out the reason (GROUP_AUTHORIZATION_FAILED,
 * INVALID_GROUP_ID, ...).
 */
function explainCoordinatorNotFound(cluster: RawCluster): void {
  const raw = cluster as any
  const original = raw.findGroupCoordinatorMetadata.bind(cluster)
  raw.findGroupCoordinatorMetadata = async (args: {groupId: string; coordinatorType?: number}) => {
    try {
      return await original(args)
    } catch (error) {
      if ((error as Error).name !== 'KafkaJSGroupCoordinatorNotFound') throw error
      const broker = (await cluster.brokerPool.findConnectedBroker()) as any
      await broker.findGroupCoordinator(args)
      throw error
    }
  }
}

function clusterFactorySymbol(kafka: KafkaJS.Kafka): symbol {
  const symbol = Object.getOwnPropertySymbols(kafka).find((s) => s.description === 'private:Kafka:createCluster')
  if (!symbol) throw new Error('kafkajs internals changed: private:Kafka:createCluster not found')
  return symbol
}

/**
 * Lets kfk adjust every broker object of every kafkajs cluster the client
 * creates (admin, producers, consumers and raw clusters alike), as it is created.
 */
export function decorateBrokers(kafka: KafkaJS.Kafka, decorate: (broker: RawBroker) => void): void {
  const symbol = clusterFactorySymbol(kafka)
  const factory = (kafka as any)[symbol] as (o: object) => RawCluster
  ;(kafka as any)[symbol] = (options: object) => {
    const cluster = factory(options)
    const pool = cluster.brokerPool as unknown as {createBroker: (o: object) => RawBroker}
    const create = pool.createBroker.bind(pool)
    pool.createBroker = (o) => {
      const broker = create(o)
      decorate(broker)
      return broker
    }
    return cluster
  }
}

/**
 * sendVersioned's refusal: the broker lacks the API (an older release), or
 * offers no version kfk implements. One line naming the API and the release
 * that brought it, never a bare API key.
 */
export class UnsupportedApi extends KfkError {
  constructor(
    readonly apiKey: number,
    readonly offered?: {minVersion: number; maxVersion: number},
    kfkVersions: number[] = [],
  ) {
    super(
      offered
        ? `this cluster offers ${apiName(apiKey)} v${offered.minVersion}-v${offered.maxVersion}, and kfk speaks v${kfkVersions.join(', v')} of it`
        : `this cluster does not offer ${apiWithRelease(apiKey)}`,
      {hint: 'Its brokers run an older Kafka release; `kfk cluster api-versions` lists what they offer.'},
    )
  }
}

/** Whether an error is sendVersioned's refusal: the broker lacks the API, or has no version kfk implements. */
export function isUnsupportedApi(error: unknown): boolean {
  return error instanceof UnsupportedApi
}

/** Sends a request on a broker with the highest version both sides implement. */
export async function sendVersioned<T>(
  broker: BrokerConnection,
  apiKey: number,
  definition: {versions: number[]; protocol: (args: {version: number}) => ProtocolRequest<T>},
): Promise<T> {
  const range = broker.versions?.[apiKey]
  if (!range) throw new UnsupportedApi(apiKey)
  const candidates = definition.versions.filter((v) => v >= range.minVersion && v <= range.maxVersion)
  if (candidates.length === 0)
    throw new UnsupportedApi(
      apiKey,
      range,
      [...definition.versions].sort((a, b) => a - b),
    )
  return broker.connectionPool.send(definition.protocol({version: Math.max(...candidates)}))
}

/** kafkajs's Connection internals that an ordered request channel needs (src/network/connection.js). */
interface RawConnection {
  clientId: string
  socket?: {write(b: Buffer, callback?: () => void): boolean; cork(): void; uncork(): void; destroy(): void}
  isConnected(): boolean
  nextCorrelationId(): number
  rejectRequests(error: Error): void
  disconnect(): Promise<unknown>
  requestQueue: {
    push(r: {entry: object; expectResponse: boolean; requestTimeout: number; sendRequest: () => void}): void
  }
}

/**
 * A request channel on a broker's main connection whose `send` writes the
 * request to the socket synchronously, in call order. kafkajs's own send
 * awaits before it queues (authentication, encoding), so two pipelined
 * requests can swap places; the produce engine relies on a partition's
 * batches reaching the broker in the order they were sent.
 */
export interface RequestChannel {
  /** False once the connection failed or was closed: open a new channel. */
  readonly usable: boolean
  /** Resolves with the response body (after the correlation id), or null when no response is expected. */
  send(
    apiKey: number,
    apiVersion: number,
    apiName: string,
    body: Buffer[],
    expectResponse: boolean,
    timeoutMs: number,
  ): Promise<Buffer | null>
  /** Drops the connection and fails what is in flight on it (after a request timed out, as the Java client does). */
  abort(reason: Error): Promise<void>
  /** Resolves once everything written so far has left the process (acks=0 sends expect no answer to wait for). */
  flushed(): Promise<void>
}

export async function openRequestChannel(broker: RawBroker): Promise<RequestChannel> {
  // Connects and authenticates connection 0 (the one every non-fetch request uses).
  await (broker as unknown as {connect(): Promise<void>}).connect()
  const connection = (broker.connectionPool as unknown as {pool: RawConnection[]}).pool[0]!
  let aborted = false
  const clientId = Buffer.from(connection.clientId ?? '', 'utf8')
  return {
    get usable() {
      return !aborted && connection.isConnected()
    },
    send(apiKey, apiVersion, apiName, body, expectResponse, timeoutMs) {
      if (aborted || !connection.isConnected() || !connection.socket)
        return Promise.reject(new (kafkajs().KafkaJSConnectionError)('Not connected'))
      const correlationId = connection.nextCorrelationId()
      let size = 0
      for (const part of body) size += part.length
      // Request header v1: size, api key, version, correlation id, client id (INT16 length + bytes); the body's parts follow uncopied.
      const header = Buffer.allocUnsafe(14 + clientId.length)
      header.writeInt32BE(header.length - 4 + size, 0)
      header.writeInt16BE(apiKey, 4)
      header.writeInt16BE(apiVersion, 6)
      header.writeInt32BE(correlationId, 8)
      header.writeInt16BE(clientId.length, 12)
      clientId.copy(header, 14)
      const write = () => {
        const socket = connection.socket!
        socket.cork()
        socket.write(header)
        for (const part of body) socket.write(part)
        socket.uncork()
      }
      return new Promise<Buffer | null>((resolve, reject) => {
        const entry = {
          apiKey,
          apiName,
          apiVersion,
          correlationId,
          resolve: (r: {payload: Buffer | null}) => resolve(expectResponse ? r.payload : null),
          reject,
        }
        connection.requestQueue.push({entry, expectResponse, requestTimeout: timeoutMs, sendRequest: write})
      })
    },
    flushed() {
      const socket = connection.socket
      if (aborted || !socket || !connection.isConnected()) return Promise.resolve()
      // An empty write's callback runs after every earlier write has been handed to the kernel.
      return new Promise<void>((resolve) => socket.write(Buffer.alloc(0), () => resolve()))
    },
    async abort(reason) {
      if (aborted) return
      aborted = true
      connection.rejectRequests(reason)
      connection.socket?.destroy()
      await connection.disconnect().catch(() => {})
    },
  }
}

/** The kind of a kafkajs protocol error (`REBALANCE_IN_PROGRESS` ...), or undefined for other errors. */
export function errorType(error: unknown): string | undefined {
  const type = (error as {type?: unknown} | null)?.type
  return typeof type === 'string' ? type : undefined
}

/**
 * The classic group protocol's requests, on the group coordinator, through
 * kafkajs's Broker (which picks the versions, and redoes a JoinGroup that
 * answered MEMBER_ID_REQUIRED with the id the broker handed out).
 */
export interface JoinGroupResult {
  generationId: number
  groupProtocol: string
  leaderId: string
  memberId: string
  members: Array<{memberId: string; groupInstanceId: string | null; memberMetadata: Buffer}>
}

export interface TopicPartitions<P> {
  topic: string
  partitions: P[]
}

export function joinGroup(
  broker: RawBroker,
  args: {
    groupId: string
    memberId: string
    sessionTimeout: number
    rebalanceTimeout: number
    groupProtocols: Array<{name: string; metadata: Buffer}>
  },
): Promise<JoinGroupResult> {
  return broker.joinGroup({...args, protocolType: 'consumer'})
}

export async function syncGroup(
  broker: RawBroker,
  args: {groupId: string; generationId: number; memberId: string; groupAssignment: Array<{memberId: string; memberAssignment: Buffer}>},
): Promise<Buffer> {
  const response = await broker.syncGroup(args)
  return response.memberAssignment ?? Buffer.alloc(0)
}

export async function heartbeat(broker: RawBroker, args: {groupId: string; generationId: number; memberId: string}): Promise<void> {
  await broker.heartbeat({groupId: args.groupId, groupGenerationId: args.generationId, memberId: args.memberId})
}

export async function leaveGroup(broker: RawBroker, args: {groupId: string; memberId: string}): Promise<void> {
  await broker.leaveGroup(args)
}

export async function offsetCommit(
  broker: RawBroker,
  args: {groupId: string; generationId: number; memberId: string; topics: Array<TopicPartitions<{partition: number; offset: string}>>},
): Promise<void> {
  await broker.offsetCommit({groupId: args.groupId, groupGenerationId: args.generationId, memberId: args.memberId, topics: args.topics})
}

/** Committed offsets (-1 where none), by topic and partition. */
export async function offsetFetch(
  broker: RawBroker,
  args: {groupId: string; topics: Array<TopicPartitions<{partition: number}>>},
): Promise<Array<TopicPartitions<{partition: number; offset: string}>>> {
  const response = await broker.offsetFetch(args)
  return response.responses
}
