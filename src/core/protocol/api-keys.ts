/**
 * Kafka's API keys by name (ApiKeys in kafka-clients 4.4.0), and which of them
 * kfk sends, through its own protocol modules or through kafkajs.
 * `kfk cluster api-versions` names a broker's answer with them.
 */
import {apiName, API_NAMES} from './api-names.js'
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

export {apiName}

/** Broker-to-broker and controller APIs (not ApiKeys.clientApis()): no client sends them. */
const INTERNAL = new Set([4, 5, 6, 7, 52, 53, 54, 56, 58, 59, 62, 63, 67, 70, 73, 82])

/** Every API a client may send, by key (what kafka-broker-api-versions lists as UNSUPPORTED when a broker lacks it). */
export function clientApiKeys(): number[] {
  return [...API_NAMES.keys()].filter((k) => !INTERNAL.has(k))
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
