/**
 * UpdateFeatures — API key 57 (KIP-584, KIP-778). Versions implemented: 1-2, flexible.
 * Sent to any broker, which forwards it to the active controller.
 *
 * Request:  timeout_ms INT32, feature_updates [feature COMPACT_STRING, max_version_level INT16,
 *           upgrade_type INT8 (1 upgrade, 2 safe downgrade, 3 unsafe downgrade)], validate_only BOOLEAN
 * Response: throttle_time_ms INT32, error_code INT16, error_message COMPACT_NULLABLE_STRING,
 *           v1 only: results [feature COMPACT_STRING, error_code INT16, error_message COMPACT_NULLABLE_STRING]
 * From v2 the top-level error is the answer for every feature (the controller applies all or none).
 * A level below 1 removes the finalized feature (disables it).
 */
import {sendVersioned} from '../kafkajs/versions.js'
import type {BrokerConnection} from '../kafkajs/types.js'
import {defineRequest, errorOrNull} from './compact.js'

export const UPDATE_FEATURES_API_KEY = 57
const VERSIONS = [1, 2]

export type UpgradeType = 'upgrade' | 'safe-downgrade' | 'unsafe-downgrade'
const UPGRADE_TYPE_CODE: Record<UpgradeType, number> = {upgrade: 1, 'safe-downgrade': 2, 'unsafe-downgrade': 3}

export interface FeatureUpdate {
  feature: string
  maxVersionLevel: number
  upgradeType: UpgradeType
}

export interface FeatureUpdateResult {
  feature: string
  error: Error | null
  /** The controller's own words, when it gave any (Kafka's default message for a code says less). */
  message: string | null
}

function protocol(version: number, updates: readonly FeatureUpdate[], validateOnly: boolean, timeoutMs: number) {
  return defineRequest<FeatureUpdateResult[]>({
    apiKey: UPDATE_FEATURES_API_KEY,
    apiName: 'UpdateFeatures',
    version,
    flexible: true,
    encode: (e, w) => {
      e.writeInt32(timeoutMs)
      w.array(e, updates, (e, u) => {
        w.string(e, u.feature)
        e.writeInt16(u.maxVersionLevel)
        e.writeInt8(UPGRADE_TYPE_CODE[u.upgradeType])
        w.tags(e)
      })
      e.writeBoolean(validateOnly)
      w.tags(e)
    },
    decode: (d, r) => {
      const throttleTimeMs = d.int32()
      const readError = () => {
        const code = d.int16()
        const message = r.nullableString(d)
        return {error: errorOrNull(code), message: code === 0 ? null : message}
      }
      const topLevel = readError()
      const perFeature = new Map<string, {error: Error | null; message: string | null}>()
      if (version < 2) {
        r.array(d, (d) => {
          const feature = r.string(d)
          perFeature.set(feature, readError())
          r.tags(d)
        })
      }
      r.tags(d)
      const result = updates.map((u) => ({
        feature: u.feature,
        ...(topLevel.error ? topLevel : (perFeature.get(u.feature) ?? {error: null, message: null})),
      }))
      return {throttleTimeMs, result}
    },
  })
}

/** Each feature's result; a top-level error is every feature's. */
export async function updateFeatures(
  broker: BrokerConnection,
  updates: readonly FeatureUpdate[],
  options: {validateOnly: boolean; timeoutMs: number},
): Promise<FeatureUpdateResult[]> {
  return sendVersioned(broker, UPDATE_FEATURES_API_KEY, {
    versions: VERSIONS,
    protocol: ({version}) => protocol(version, updates, options.validateOnly, options.timeoutMs),
  })
}
