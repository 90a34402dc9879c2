/**
 * Feature flags (KIP-584, KIP-778): what each broker supports and what the
 * cluster has finalized, read from ApiVersions v3+ as Java's
 * Admin.describeFeatures does; changed with UpdateFeatures through the controller.
 */
import {anyBroker} from '../kafkajs/cluster.js'
import {usageError} from '../../cli/errors.js'
import type {KafkaClient} from '../kafkajs/client.js'
import {apiVersions, type ApiVersionsAnswer} from '../protocol/api-versions.js'
import {updateFeatures as sendUpdateFeatures, type UpgradeType} from '../protocol/update-features.js'
import {untilEveryBroker} from '../read-your-writes.js'
import {levelName} from './metadata-versions.js'

export type {UpgradeType}

export interface FeatureState {
  feature: string
  supportedMinVersion: number
  supportedMaxVersion: number
  /** 0 when the feature is not finalized (disabled). */
  finalizedVersionLevel: number
  /** The epoch of the finalized features; null when the broker does not know it yet. */
  epoch: number | null
}

export interface FeatureChange {
  feature: string
  level: number
  upgradeType: UpgradeType
  /** Why the controller refused it; absent when it was (or, in a dry run, would be) applied. */
  error?: string
}

/** Every feature the answering broker supports, by name, with the cluster's finalized level (kafka-features describe). */
export async function describeFeatures(client: KafkaClient): Promise<FeatureState[]> {
  const answer = await client.run('describe features', async () => apiVersions(await anyBroker(await client.cluster())))
  return featureStates(answer)
}

function featureStates(answer: ApiVersionsAnswer): FeatureState[] {
  const epoch = answer.finalizedFeaturesEpoch >= 0n ? Number(answer.finalizedFeaturesEpoch) : null
  return answer.supportedFeatures
    .map((s) => ({
      feature: s.name,
      supportedMinVersion: s.minVersion,
      supportedMaxVersion: s.maxVersion,
      finalizedVersionLevel: answer.finalizedFeatures.find((f) => f.name === s.name)?.maxVersionLevel ?? 0,
      epoch,
    }))
    .sort((a, b) => a.feature.localeCompare(b.feature))
}

/**
 * Refuses, before anything is sent, as a usage error, a feature the cluster does not know or a level
 * outside what it supports (0 always allowed: it disables the feature).
 */
function checkUpdates(changes: readonly FeatureChange[], states: readonly FeatureState[]): void {
  for (const c of changes) {
    const state = states.find((s) => s.feature === c.feature)
    if (!state) throw usageError(`unknown feature '${c.feature}'`, `The cluster supports: ${states.map((s) => s.feature).join(', ')}.`)
    if (c.level !== 0 && (c.level < state.supportedMinVersion || c.level > state.supportedMaxVersion))
      throw usageError(
        `${c.feature} level ${c.level} (${levelName(c.feature, c.level)}) is not supported by the cluster`,
        `It supports ${c.feature} ${state.supportedMinVersion} to ${state.supportedMaxVersion}` +
          ` (${levelName(c.feature, state.supportedMinVersion)} to ${levelName(c.feature, state.supportedMaxVersion)}); 0 disables it.`,
      )
  }
}

/**
 * Applies (or with validateOnly, checks) the changes through the controller,
 * once they name features and levels the cluster supports.
 * A real change returns once every broker reports the new finalized levels,
 * so the next describe on any broker sees them.
 */
export async function updateFeatures(
  client: KafkaClient,
  changes: readonly FeatureChange[],
  options: {validateOnly: boolean},
): Promise<FeatureChange[]> {
  return client.run('update features', async () => {
    const cluster = await client.cluster()
    const broker = await anyBroker(cluster)
    checkUpdates(changes, featureStates(await apiVersions(broker)))
    const results = await sendUpdateFeatures(
      broker,
      changes.map((c) => ({feature: c.feature, maxVersionLevel: c.level, upgradeType: c.upgradeType})),
      {validateOnly: options.validateOnly, timeoutMs: client.settings.timeoutMs},
    )
    const out = changes.map((c, i) => {
      const r = results[i]
      return r?.error ? {...c, error: r.message ?? r.error.message} : {...c}
    })
    const applied = out.filter((c) => !c.error)
    if (!options.validateOnly && applied.length > 0) {
      await untilEveryBroker(
        cluster,
        client.settings.timeoutMs,
        (broker) => apiVersions(broker),
        (answer) => applied.every((c) => (answer.finalizedFeatures.find((f) => f.name === c.feature)?.maxVersionLevel ?? 0) === c.level),
      )
    }
    return out
  })
}
