/**
 * kafkajs's shapes that kfk reaches: its Cluster and Broker objects and the
 * answers its request methods decode (kafkajs ships no types for them), and
 * its protocol request and encoder.
 */

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

export interface TopicPartitions<P> {
  topic: string
  partitions: P[]
}

/** JoinGroup's answer as kafkajs decodes it. */
export interface JoinGroupResult {
  generationId: number
  groupProtocol: string
  leaderId: string
  memberId: string
  members: Array<{memberId: string; groupInstanceId: string | null; memberMetadata: Buffer}>
}
