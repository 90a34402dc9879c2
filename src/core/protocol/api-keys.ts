/**
 * Kafka's API keys by name (ApiKeys in kafka-clients 4.4.0), and which of them
 * kfk sends, through its own protocol modules or through kafkajs.
 * `kfk cluster api-versions` names a broker's answer with them.
 */
import {API_VERSIONS_API_KEY} from './api-versions.js'
import {ALTER_CLIENT_QUOTAS_API_KEY} from './alter-client-quotas.js'
import {ALTER_USER_SCRAM_CREDENTIALS_API_KEY} from './alter-user-scram-credentials.js'
import {CONSUMER_GROUP_DESCRIBE_API_KEY} from './consumer-group-describe.js'
import {CONSUMER_GROUP_HEARTBEAT_API_KEY} from './consumer-group-heartbeat.js'
import {CREATE_ACLS_API_KEY} from './create-acls.js'
import {DELETE_ACLS_API_KEY} from './delete-acls.js'
import {DESCRIBE_ACLS_API_KEY} from './describe-acls.js'
import {DESCRIBE_CLIENT_QUOTAS_API_KEY} from './describe-client-quotas.js'
import {DESCRIBE_CLUSTER_API_KEY} from './describe-cluster.js'
import {DESCRIBE_QUORUM_API_KEY} from './describe-quorum.js'
import {DESCRIBE_TOPIC_PARTITIONS_API_KEY} from './describe-topic-partitions.js'
import {DESCRIBE_USER_SCRAM_CREDENTIALS_API_KEY} from './describe-user-scram-credentials.js'
import {FETCH_API_KEY} from './fetch.js'
import {INCREMENTAL_ALTER_CONFIGS_API_KEY} from './incremental-alter-configs.js'
import {LIST_GROUPS_API_KEY} from './list-groups.js'
import {LIST_OFFSETS_API_KEY} from './list-offsets.js'
import {METADATA_API_KEY} from './metadata.js'
import {OFFSET_COMMIT_API_KEY} from './offset-commit.js'
import {OFFSET_DELETE_API_KEY} from './offset-delete.js'
import {PRODUCE_API_KEY} from './produce.js'
import {UPDATE_FEATURES_API_KEY} from './update-features.js'
import {DESCRIBE_LOG_DIRS_API_KEY} from './describe-log-dirs.js'
import {ELECT_LEADERS_API_KEY} from './elect-leaders.js'
import {ALTER_PARTITION_REASSIGNMENTS_API_KEY} from './alter-partition-reassignments.js'
import {LIST_PARTITION_REASSIGNMENTS_API_KEY} from './list-partition-reassignments.js'
import {DESCRIBE_PRODUCERS_API_KEY} from './describe-producers.js'
import {DESCRIBE_TRANSACTIONS_API_KEY} from './describe-transactions.js'
import {LIST_TRANSACTIONS_API_KEY} from './list-transactions.js'
import {WRITE_TXN_MARKERS_API_KEY} from './write-txn-markers.js'
import {CREATE_TOPICS_API_KEY} from './create-topics.js'
import {SHARE_GROUP_DESCRIBE_API_KEY} from './share-group-describe.js'
import {SHARE_GROUP_HEARTBEAT_API_KEY} from './share-group-heartbeat.js'
import {SHARE_FETCH_API_KEY} from './share-fetch.js'
import {SHARE_ACKNOWLEDGE_API_KEY} from './share-acknowledge.js'
import {DESCRIBE_SHARE_GROUP_OFFSETS_API_KEY} from './describe-share-group-offsets.js'
import {ALTER_SHARE_GROUP_OFFSETS_API_KEY} from './alter-share-group-offsets.js'
import {DELETE_SHARE_GROUP_OFFSETS_API_KEY} from './delete-share-group-offsets.js'

const NAMES = new Map<number, string>([
  [0, 'Produce'],
  [1, 'Fetch'],
  [2, 'ListOffsets'],
  [3, 'Metadata'],
  [4, 'LeaderAndIsr'],
  [5, 'StopReplica'],
  [6, 'UpdateMetadata'],
  [7, 'ControlledShutdown'],
  [8, 'OffsetCommit'],
  [9, 'OffsetFetch'],
  [10, 'FindCoordinator'],
  [11, 'JoinGroup'],
  [12, 'Heartbeat'],
  [13, 'LeaveGroup'],
  [14, 'SyncGroup'],
  [15, 'DescribeGroups'],
  [16, 'ListGroups'],
  [17, 'SaslHandshake'],
  [18, 'ApiVersions'],
  [19, 'CreateTopics'],
  [20, 'DeleteTopics'],
  [21, 'DeleteRecords'],
  [22, 'InitProducerId'],
  [23, 'OffsetForLeaderEpoch'],
  [24, 'AddPartitionsToTxn'],
  [25, 'AddOffsetsToTxn'],
  [26, 'EndTxn'],
  [27, 'WriteTxnMarkers'],
  [28, 'TxnOffsetCommit'],
  [29, 'DescribeAcls'],
  [30, 'CreateAcls'],
  [31, 'DeleteAcls'],
  [32, 'DescribeConfigs'],
  [33, 'AlterConfigs'],
  [34, 'AlterReplicaLogDirs'],
  [35, 'DescribeLogDirs'],
  [36, 'SaslAuthenticate'],
  [37, 'CreatePartitions'],
  [38, 'CreateDelegationToken'],
  [39, 'RenewDelegationToken'],
  [40, 'ExpireDelegationToken'],
  [41, 'DescribeDelegationToken'],
  [42, 'DeleteGroups'],
  [43, 'ElectLeaders'],
  [44, 'IncrementalAlterConfigs'],
  [45, 'AlterPartitionReassignments'],
  [46, 'ListPartitionReassignments'],
  [47, 'OffsetDelete'],
  [48, 'DescribeClientQuotas'],
  [49, 'AlterClientQuotas'],
  [50, 'DescribeUserScramCredentials'],
  [51, 'AlterUserScramCredentials'],
  [52, 'Vote'],
  [53, 'BeginQuorumEpoch'],
  [54, 'EndQuorumEpoch'],
  [55, 'DescribeQuorum'],
  [56, 'AlterPartition'],
  [57, 'UpdateFeatures'],
  [58, 'Envelope'],
  [59, 'FetchSnapshot'],
  [60, 'DescribeCluster'],
  [61, 'DescribeProducers'],
  [62, 'BrokerRegistration'],
  [63, 'BrokerHeartbeat'],
  [64, 'UnregisterBroker'],
  [65, 'DescribeTransactions'],
  [66, 'ListTransactions'],
  [67, 'AllocateProducerIds'],
  [68, 'ConsumerGroupHeartbeat'],
  [69, 'ConsumerGroupDescribe'],
  [70, 'ControllerRegistration'],
  [71, 'GetTelemetrySubscriptions'],
  [72, 'PushTelemetry'],
  [73, 'AssignReplicasToDirs'],
  [74, 'ListConfigResources'],
  [75, 'DescribeTopicPartitions'],
  [76, 'ShareGroupHeartbeat'],
  [77, 'ShareGroupDescribe'],
  [78, 'ShareFetch'],
  [79, 'ShareAcknowledge'],
  [80, 'AddRaftVoter'],
  [81, 'RemoveRaftVoter'],
  [82, 'UpdateRaftVoter'],
  [83, 'InitializeShareGroupState'],
  [84, 'ReadShareGroupState'],
  [85, 'WriteShareGroupState'],
  [86, 'DeleteShareGroupState'],
  [87, 'ReadShareGroupStateSummary'],
  [88, 'StreamsGroupHeartbeat'],
  [89, 'StreamsGroupDescribe'],
  [90, 'DescribeShareGroupOffsets'],
  [91, 'AlterShareGroupOffsets'],
  [92, 'DeleteShareGroupOffsets'],
  [93, 'StreamsGroupTopologyDescriptionUpdate'],
  [94, 'UnregisterController'],
])

/** Broker-to-broker and controller APIs (not ApiKeys.clientApis()): no client sends them. */
const INTERNAL = new Set([4, 5, 6, 7, 52, 53, 54, 56, 58, 59, 62, 63, 67, 70, 73, 82])

/** The API's name, or UNKNOWN for a key newer than kfk's table. */
export function apiName(apiKey: number): string {
  return NAMES.get(apiKey) ?? 'UNKNOWN'
}

/** Every API a client may send, by key (what kafka-broker-api-versions lists as UNSUPPORTED when a broker lacks it). */
export function clientApiKeys(): number[] {
  return [...NAMES.keys()].filter((k) => !INTERNAL.has(k))
}

/** The APIs kfk sends: its own protocol modules, then the kafkajs requests it still uses. */
export const KFK_API_KEYS: ReadonlySet<number> = new Set([
  PRODUCE_API_KEY,
  FETCH_API_KEY,
  LIST_OFFSETS_API_KEY,
  METADATA_API_KEY,
  OFFSET_COMMIT_API_KEY,
  LIST_GROUPS_API_KEY,
  API_VERSIONS_API_KEY,
  DESCRIBE_ACLS_API_KEY,
  CREATE_ACLS_API_KEY,
  DELETE_ACLS_API_KEY,
  INCREMENTAL_ALTER_CONFIGS_API_KEY,
  OFFSET_DELETE_API_KEY,
  DESCRIBE_CLIENT_QUOTAS_API_KEY,
  ALTER_CLIENT_QUOTAS_API_KEY,
  DESCRIBE_USER_SCRAM_CREDENTIALS_API_KEY,
  ALTER_USER_SCRAM_CREDENTIALS_API_KEY,
  DESCRIBE_QUORUM_API_KEY,
  UPDATE_FEATURES_API_KEY,
  DESCRIBE_LOG_DIRS_API_KEY,
  ELECT_LEADERS_API_KEY,
  ALTER_PARTITION_REASSIGNMENTS_API_KEY,
  LIST_PARTITION_REASSIGNMENTS_API_KEY,
  DESCRIBE_PRODUCERS_API_KEY,
  DESCRIBE_TRANSACTIONS_API_KEY,
  LIST_TRANSACTIONS_API_KEY,
  WRITE_TXN_MARKERS_API_KEY,
  DESCRIBE_CLUSTER_API_KEY,
  CONSUMER_GROUP_HEARTBEAT_API_KEY,
  CONSUMER_GROUP_DESCRIBE_API_KEY,
  DESCRIBE_TOPIC_PARTITIONS_API_KEY,
  CREATE_TOPICS_API_KEY,
  SHARE_GROUP_DESCRIBE_API_KEY,
  SHARE_GROUP_HEARTBEAT_API_KEY,
  SHARE_FETCH_API_KEY,
  SHARE_ACKNOWLEDGE_API_KEY,
  DESCRIBE_SHARE_GROUP_OFFSETS_API_KEY,
  ALTER_SHARE_GROUP_OFFSETS_API_KEY,
  DELETE_SHARE_GROUP_OFFSETS_API_KEY,
  // Through kafkajs: OffsetFetch, FindCoordinator, JoinGroup, Heartbeat, LeaveGroup, SyncGroup,
  // DescribeGroups, SaslHandshake, DeleteTopics, DeleteRecords, InitProducerId,
  // DescribeConfigs, SaslAuthenticate, CreatePartitions, DeleteGroups.
  9,
  10,
  11,
  12,
  13,
  14,
  15,
  17,
  20,
  21,
  22,
  32,
  36,
  37,
  42,
])
