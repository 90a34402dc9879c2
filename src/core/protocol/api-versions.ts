/**
 * ApiVersions — API key 18. Versions implemented: 3-4 (flexible; KIP-511, KIP-584).
 * Any broker or controller answers. kafkajs negotiates with v0-2 when it connects;
 * kfk asks again with v3+ for the feature levels those versions lack.
 *
 * Request:  client_software_name COMPACT_STRING, client_software_version COMPACT_STRING
 * Response: error_code INT16, api_keys [api_key INT16, min_version INT16, max_version INT16],
 *           throttle_time_ms INT32, tagged fields:
 *             0 supported_features [name COMPACT_STRING, min_version INT16, max_version INT16]
 *             1 finalized_features_epoch INT64 (-1: unknown)
 *             2 finalized_features [name COMPACT_STRING, max_version_level INT16, min_version_level INT16]
 *             3 zk_migration_ready BOOLEAN
 * The response header is v0 even in flexible versions: no tagged fields after the correlation id.
 * v4 also lists supported features whose minimum is 0 (v3 leaves them out).
 * On UNSUPPORTED_VERSION the broker answers in v0 (error_code, api_keys) with its own ranges.
 */
import {sendVersioned} from '../kafkajs/versions.js'
import type {BrokerConnection} from '../kafkajs/types.js'
import {defineRequest, errorOrNull, type Reader} from './compact.js'
import type {ByteReader} from './bytes.js'

export const API_VERSIONS_API_KEY = 18
const VERSIONS = [3, 4]
const SOFTWARE_NAME = 'kfk'
const SOFTWARE_VERSION = '0.1.0'

export interface ApiVersionRange {
  apiKey: number
  minVersion: number
  maxVersion: number
}

export interface SupportedFeature {
  name: string
  minVersion: number
  maxVersion: number
}

export interface FinalizedFeature {
  name: string
  minVersionLevel: number
  maxVersionLevel: number
}

export interface ApiVersionsAnswer {
  apiKeys: ApiVersionRange[]
  supportedFeatures: SupportedFeature[]
  /** -1 when the broker does not know the finalized features yet. */
  finalizedFeaturesEpoch: bigint
  finalizedFeatures: FinalizedFeature[]
}

function readTaggedFeatures(d: ByteReader, r: Reader, answer: ApiVersionsAnswer): void {
  // Unknown tags (and zk_migration_ready) are skipped by their size.
  d.taggedFields((tag, d) => {
    if (tag === 0) {
      answer.supportedFeatures = r.array(d, (d) => {
        const feature = {name: r.string(d), minVersion: d.int16(), maxVersion: d.int16()}
        r.tags(d)
        return feature
      })
    } else if (tag === 1) {
      answer.finalizedFeaturesEpoch = d.int64()
    } else if (tag === 2) {
      answer.finalizedFeatures = r.array(d, (d) => {
        const name = r.string(d)
        const maxVersionLevel = d.int16()
        const feature = {name, minVersionLevel: d.int16(), maxVersionLevel}
        r.tags(d)
        return feature
      })
    }
  })
}

function protocol(version: number) {
  return defineRequest<{error: Error | null; answer: ApiVersionsAnswer}>({
    apiKey: API_VERSIONS_API_KEY,
    apiName: 'ApiVersions',
    version,
    flexible: true,
    responseHeaderTags: false,
    encode: (e, w) => {
      w.string(e, SOFTWARE_NAME)
      w.string(e, SOFTWARE_VERSION)
      w.tags(e)
    },
    decode: (d, r) => {
      const errorCode = d.int16()
      const answer: ApiVersionsAnswer = {apiKeys: [], supportedFeatures: [], finalizedFeaturesEpoch: -1n, finalizedFeatures: []}
      // An UNSUPPORTED_VERSION answer is v0: classic array, nothing after it.
      if (errorCode !== 0) return {throttleTimeMs: 0, result: {error: errorOrNull(errorCode), answer}}
      answer.apiKeys = r.array(d, (d) => {
        const range = {apiKey: d.int16(), minVersion: d.int16(), maxVersion: d.int16()}
        r.tags(d)
        return range
      })
      const throttleTimeMs = d.int32()
      readTaggedFeatures(d, r, answer)
      return {throttleTimeMs, result: {error: null, answer}}
    },
  })
}

/** The broker's API version ranges and feature levels; throws the broker's error. */
export async function apiVersions(broker: BrokerConnection): Promise<ApiVersionsAnswer> {
  const {error, answer} = await sendVersioned(broker, API_VERSIONS_API_KEY, {
    versions: VERSIONS,
    protocol: ({version}) => protocol(version),
  })
  if (error) throw error
  return answer
}
